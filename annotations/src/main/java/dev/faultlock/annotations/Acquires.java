package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method returns holding the named locks, blocking until it gets them. Each acquisition is a
 * wait edge in the lock-order graph.
 *
 * <pre>{@code
 * final class LockManager {
 *   @Acquires("inode")
 *   void lockExclusive(@LockClass("inode") InodeLock inode) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Acquires {
  /**
   * Lock expressions: {@code "this"}, a parameter name, a field name, {@code "param.field"} or
   * {@code "Type.class"}.
   */
  String[] value();
}
