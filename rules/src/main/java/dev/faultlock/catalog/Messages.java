package dev.faultlock.catalog;

import java.util.List;

/**
 * The wording of every finding and of every lock a trace names. Both passes call these with what
 * they know, so a finding reads the same in javac, the command line and Maven. Code fragments are
 * quoted in backticks; each message ends with the advice that fits its rule.
 */
public final class Messages {
  /** The cures of a faulting copy under a lock: the post's two fixes. */
  static final String COPY_FIXES =
      "fix: pre-acquire the locks in one sorted order before the copy (@SortedAcquire), or copy"
          + " with faults disabled and, on a short copy, drop the lock, fault the pages in and retry"
          + " (@FaultsDisabled)";

  /** The cures of a cycle: one order, or no nesting. */
  static final String ORDER_FIXES =
      "fix: take these locks in one global order on every path (declare it with @LockOrder), or do"
          + " not hold one while taking the other";

  /** The cures of two same-class locks taken as they come. */
  static final String SORT_FIXES =
      "fix: take them sorted by a stable key, such as `if (a.id() < b.id())`, or through a"
          + " @SortedAcquire method";

  /**
   * The cures of an alien call under a lock, in Java terms: hold no lock across code the caller
   * plugged in, or make both files' locks one sorted set (the post's sort-and-pre-acquire).
   */
  static final String ALIEN_FIXES =
      "fix: copy through a temporary buffer outside the lock (copy into a buffer of your own while"
          + " the lock is held, release the lock, then hand that buffer to the caller's object), or"
          + " take both files' locks in one global order before the copy (sort them by a stable key"
          + " and pre-acquire them) and mark the method that does so @SortedAcquire(\"%s\")";

  private Messages() {}

  /**
   * How every message and trace step names a lock: by the code's name for it, then its lock
   * class, {@code lock `inode.lock` (class inode)}. Not "inode lock `lock`": an inferred class is
   * named after its field ({@code Store.lock}), and "Store.lock lock `lock`" stutters.
   */
  public static String lock(String text, String lockClass) {
    return lock(text, lockClass, false);
  }

  /** {@link #lock(String, String)}, saying when it is taken in shared (read) mode. */
  public static String lock(String text, String lockClass, boolean shared) {
    return "lock `" + text + "` (class " + lockClass + (shared ? ", shared" : "") + ")";
  }

  /**
   * A trace step that names, as {@link #lock}, the lock a callee knows as {@code calleeText},
   * renamed to {@code callerText}, the caller's name for that object, with the callee's kept as a
   * reminder: the step is in the callee's source, the finding's message in the caller's terms.
   */
  public static String asCallerNames(String step, String calleeText, String callerText) {
    if (calleeText.equals(callerText)) return step;
    String callee = "lock `" + calleeText + "` (class ";
    int at = step.indexOf(callee);
    if (at < 0) return step;
    return step.substring(0, at) + "lock `" + callerText + "` (`" + calleeText + "` here, class "
        + step.substring(at + callee.length());
  }

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
        .append(lock(heldLock, heldClass)).append(" is held");
    if (handler == null) {
      m.append(": a fault handler that takes another lock of class ").append(heldClass)
          .append(" deadlocks ABBA");
    } else {
      m.append(": the fault runs `").append(handler).append("`, which acquires ")
          .append(lock(acquiredLock, acquiredClass));
      if (heldClass.equals(acquiredClass)) {
        m.append(", and two threads on two files deadlock ABBA");
      } else {
        m.append(", adding ").append(heldClass).append(" -> ").append(acquiredClass)
            .append(" to the lock order");
      }
    }
    return m.append("; ").append(COPY_FIXES).toString();
  }

  /**
   * An alien call made while a lock is held: a call on an object the caller supplied, whose
   * implementation in the program takes another lock (the whole-program pass's form of a
   * faulting copy, with no annotation).
   *
   * @param call the method called, such as {@code WritableByteChannel.write}
   * @param object the caller-supplied object as the method holding the lock names it
   * @param type the object's static type, simple name
   * @param implementation the program's implementation that runs and takes the lock
   */
  public static String alienCallUnderLock(
      String call,
      String object,
      String type,
      String heldLock,
      String heldClass,
      String implementation,
      String acquiredLock,
      String acquiredClass) {
    StringBuilder m = new StringBuilder();
    m.append('`').append(call).append("` on `").append(object).append("`, ").append(article(type))
        .append(' ').append(type)
        .append(" the caller supplied, runs code this method does not control while ")
        .append(lock(heldLock, heldClass)).append(" is held: the program's `")
        .append(implementation).append("` implements it and acquires ")
        .append(lock(acquiredLock, acquiredClass));
    if (heldClass.equals(acquiredClass)) {
      m.append(", so two threads copying between two files in opposite directions deadlock ABBA");
    } else {
      m.append(", adding ").append(heldClass).append(" -> ").append(acquiredClass)
          .append(" to the lock order");
    }
    return m.append("; ").append(String.format(ALIEN_FIXES, heldClass)).toString();
  }

  /** {@code a} or {@code an}, as a type name is read aloud ({@code an OutputStream}). */
  public static String article(String word) {
    return !word.isEmpty() && "AEIOUaeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  /** A cycle in the lock-order graph, given as lock classes in cycle order. */
  public static String lockOrderInversion(List<String> cycle) {
    StringBuilder m = new StringBuilder("possible circular locking dependency: ");
    for (String lockClass : cycle) {
      m.append(lockClass).append(" -> ");
    }
    m.append(cycle.get(0));
    return m.append("; ").append(ORDER_FIXES).toString();
  }

  /**
   * The heading of one edge's witness in a cycle's trace: {@code edge 1 of 2: inode -> journal}.
   *
   * @param number the edge's place in the cycle, from 1
   */
  public static String cycleEdge(int number, int edges, String from, String to) {
    return "edge " + number + " of " + edges + ": " + from + " -> " + to;
  }

  /** Two locks of one class taken one after the other, without a global order. */
  public static String unsortedSameClassLocks(String lockClass, String first, String second) {
    return lock(second, lockClass) + " is acquired while `" + first
        + "` of the same class is held, in program order: another thread taking them the other"
        + " way round deadlocks; " + SORT_FIXES;
  }

  /** A nested acquisition against {@code @LockOrder}. */
  public static String declaredOrderViolation(
      String acquiredClass, String acquiredLock, String heldClass, String heldLock) {
    return lock(acquiredLock, acquiredClass) + " is acquired while " + lock(heldLock, heldClass)
        + " is held, but @LockOrder puts " + acquiredClass + " before " + heldClass
        + "; fix: take the " + acquiredClass + " lock first, or release the " + heldClass
        + " lock before taking it";
  }

  /** An annotation that cannot mean what it says; {@code problem} says why. */
  public static String annotationMisuse(String annotation, String problem) {
    return "@" + annotation + ": " + problem;
  }
}
