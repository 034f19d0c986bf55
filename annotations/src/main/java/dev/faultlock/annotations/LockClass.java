package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the lock class (as in the Linux kernel's lockdep) of the locks it marks. Two different
 * <em>instances</em> of one lock class held at the same time are the ABBA risk: one thread takes
 * file A's inode lock then file B's, another takes B's then A's.
 *
 * <ul>
 *   <li>On a type: every instance of the type used as a lock (its monitor, or {@code
 *       @Acquires("this")}) belongs to the class.
 *   <li>On a field or parameter: the lock object it holds belongs to the class.
 *   <li>On a method: the lock object it returns belongs to the class.
 * </ul>
 *
 * <p>A lock with no {@code @LockClass} gets an inferred class: {@code Declaring.field} for a
 * field, the declared type for {@code this}, a parameter or a local.
 *
 * <pre>{@code
 * final class Inode {
 *   @LockClass("inode")
 *   private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface LockClass {
  /** The lock class name, such as {@code "inode"}. */
  String value();
}
