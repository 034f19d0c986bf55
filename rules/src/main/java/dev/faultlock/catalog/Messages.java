package dev.faultlock.catalog;

/**
 * The wording of every finding. Both passes call these with what they know, so a finding reads
 * the same in javac, the command line and Maven. Code fragments are quoted in backticks.
 */
public final class Messages {
  /** The two known cures, named in every fault-under-lock and same-class message. */
  public static final String FIXES =
      "fix: sort the locks and pre-acquire them all before the copy (@SortedAcquire), or copy with"
          + " faults disabled, and on a short copy drop the lock, fault the pages in and retry"
          + " (@FaultsDisabled)";

  private Messages() {}

  /**
   * A copy that may fault, made while a blocking lock is held.
   *
   * @param faultingCall the call that may fault, such as {@code dst.write}
   * @param heldLock the held lock's expression, such as {@code this} or {@code inode.lock}
   * @param heldClass the held lock's class
   * @param handler the fault handler that runs, or {@code null} where it is not known (one
   *     compilation unit)
   * @param acquiredLock what the handler acquires, or {@code null} where it is not known
   * @param acquiredClass the lock class the handler acquires, or {@code null}
   */
  public static String faultUnderLock(
      String faultingCall,
      String heldLock,
      String heldClass,
      String handler,
      String acquiredLock,
      String acquiredClass) {
    StringBuilder m = new StringBuilder();
    m.append('`').append(faultingCall).append("` may fault while ")
        .append(heldClass).append(" lock `").append(heldLock).append("` is held");
    if (handler == null) {
      m.append("; a fault handler that takes another ").append(heldClass)
          .append(" lock deadlocks ABBA");
    } else {
      m.append(": the fault runs `").append(handler).append("`, which acquires ")
          .append(acquiredClass).append(" lock `").append(acquiredLock).append('`');
      if (heldClass.equals(acquiredClass)) {
        m.append(" (two threads on two files deadlock ABBA)");
      } else {
        m.append(" (adds ").append(heldClass).append(" -> ").append(acquiredClass)
            .append(" to the lock order)");
      }
    }
    return m.append(" (").append(FIXES).append(')').toString();
  }

  /** A cycle in the lock-order graph, given as lock classes in cycle order. */
  public static String lockOrderInversion(java.util.List<String> cycle) {
    StringBuilder m = new StringBuilder("possible circular locking dependency: ");
    for (String lockClass : cycle) {
      m.append(lockClass).append(" -> ");
    }
    m.append(cycle.get(0));
    return m.append(" (take the locks in one global order on every path)").toString();
  }

  /** Two locks of one class taken one after the other, without a global order. */
  public static String unsortedSameClassLocks(String lockClass, String first, String second) {
    return lockClass + " lock `" + second + "` is acquired while " + lockClass + " lock `" + first
        + "` is held, in program order: another thread taking them the other way round"
        + " deadlocks (order them by a key, such as `if (a.id() < b.id())`, or " + FIXES + ")";
  }

  /** A nested acquisition against {@code @LockOrder}. */
  public static String declaredOrderViolation(
      String acquiredClass, String acquiredLock, String heldClass, String heldLock) {
    return acquiredClass + " lock `" + acquiredLock + "` is acquired while " + heldClass
        + " lock `" + heldLock + "` is held, but @LockOrder puts " + acquiredClass + " before "
        + heldClass;
  }

  /** An annotation that cannot mean what it says; {@code problem} says why. */
  public static String annotationMisuse(String annotation, String problem) {
    return "@" + annotation + ": " + problem;
  }
}
