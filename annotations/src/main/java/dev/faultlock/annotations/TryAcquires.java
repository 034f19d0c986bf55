package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method tries to acquire the named locks without waiting and may fail (like {@link
 * java.util.concurrent.locks.Lock#tryLock()}). It never blocks, so it adds no wait edge: a fault
 * handler that only try-locks cannot close an ABBA cycle.
 *
 * <pre>{@code
 * @FaultHandler("page")
 * boolean faultNoWait(long pageNo) {
 *   if (!locks.tryLockShared(inode)) return false;   // @TryAcquires("inode")
 *   ...
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface TryAcquires {
  /** Lock expressions, as for {@link Acquires#value()}. */
  String[] value();
}
