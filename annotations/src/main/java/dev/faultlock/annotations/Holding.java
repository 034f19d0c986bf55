package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Precondition: the caller holds the named locks on entry. Inside the method they count as held,
 * so a faulting copy there is a fault under lock.
 *
 * <pre>{@code
 * @Holding("inode")
 * private int copyOut(Inode inode, long pos, @UserBuffer UserBuffer dst) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Holding {
  /** Lock expressions, as for {@link Acquires#value()}. */
  String[] value();
}
