package dev.faultlock.locks;

import dev.faultlock.source.MethodInfo;

/**
 * A call that runs the caller's own operation on another object reached through a link of the
 * caller's object, and the lock that object takes there: a walk along a link, child then parent
 * or composite then component (Phaser's {@code parent.doRegister} under {@code synchronized
 * (this)}, Lucene's {@code IndexReader.reportCloseToParentReaders}, BookKeeper's region-aware
 * placement policy running {@code onBookieRackChange} on each region's policy under its own
 * {@code rwLock}). Threads walking one way take the locks in one order; they deadlock only if
 * the links form a cycle or the code also walks back, which nothing here sees: the kernel's
 * lockdep needs a nesting annotation for the same pattern ({@code mutex_lock_nested}). So a
 * same-class pair along a walk is doubtful, not a sure finding.
 */
public final class LinkWalk {
  private LinkWalk() {}

  /**
   * Whether {@code c}, made in {@code m} or in a lambda of {@code m} ({@code m} then is the
   * lambda's enclosing method), runs {@code m}'s operation as {@code target} (itself, or an
   * override or overridden method of it) on a link, where it takes {@code taken} (named as
   * {@code target} names it) of its own object.
   */
  public static boolean along(MethodInfo m, CallContext c, MethodInfo target, String taken) {
    return m.sameOperationAs(target) && isALink(c.receiverIdentity())
        && (taken.equals("this") || taken.startsWith("this."));
  }

  /**
   * A field of the caller's object, or a local read from one; not a parameter, which is whatever
   * the caller is handed (`a.merge(b)` and `b.merge(a)` at once is the classic deadlock).
   */
  private static boolean isALink(String receiver) {
    return receiver != null
        && (receiver.startsWith("this.") || LockRef.localName(receiver) != null);
  }
}
