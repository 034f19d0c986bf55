package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method releases the named locks, which the caller held on entry.
 *
 * <pre>{@code
 * @Releases("inode")
 * void unlock(@LockClass("inode") InodeLock inode) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Releases {
  /** Lock expressions, as for {@link Acquires#value()}. */
  String[] value();
}
