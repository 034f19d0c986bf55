package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method runs inside a faulting copy, like a filesystem's {@code ->nopage}: every lock it
 * acquires, directly or through calls, is acquired <em>during</em> the copy, that is, nested
 * inside every lock the copying thread holds.
 *
 * <pre>{@code
 * @FaultHandler("page")
 * byte[] fault(long pageNo) {
 *   locks.lockShared(inode);   // taken inside whatever lock the faulting reader holds
 *   try { return readPage(pageNo); } finally { locks.unlock(inode); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface FaultHandler {
  /** The fault domain, such as {@code "page"}; {@code ""} handles faults of every domain. */
  String value() default "";
}
