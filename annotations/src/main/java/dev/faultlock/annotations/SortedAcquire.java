package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method acquires a set of locks of the named class in one global order: the "walk the
 * mappings, sort the locks, pre-acquire them all" fix of GFS, OCFS2 and Lustre. After it, faults
 * whose handlers take locks of that class take nothing new (the locks are already held,
 * reentrantly), so copies it dominates are safe.
 *
 * <pre>{@code
 * @SortedAcquire("inode")
 * private List<Inode> lockAllSorted(Inode self, UserMemory buf) {
 *   List<Inode> inodes = mappedInodes(self, buf);
 *   inodes.sort(Comparator.comparingLong(Inode::number));
 *   for (Inode i : inodes) locks.lockShared(i.lock());
 *   return inodes;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface SortedAcquire {
  /** The lock class whose locks are taken in sorted order; must not be empty. */
  String value() default "";
}
