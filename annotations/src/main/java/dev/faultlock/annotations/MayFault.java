package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method copies to or from caller memory and may fault, running every {@link FaultHandler}
 * of the same domain ({@code ""} means any domain). This is Linux's {@code might_fault()}: called
 * with a lock held, whatever locks the handlers take are taken inside that lock.
 *
 * <pre>{@code
 * interface UserMemory {
 *   @MayFault("page")
 *   void write(long offset, byte[] src, int from, int len);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface MayFault {
  /** The fault domain, such as {@code "page"}; {@code ""} matches handlers of every domain. */
  String value() default "";
}
