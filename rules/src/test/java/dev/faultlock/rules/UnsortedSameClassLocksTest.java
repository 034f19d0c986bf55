package dev.faultlock.rules;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class UnsortedSameClassLocksTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnsortedSameClassLocks.class, getClass());

  /** The message names both locks, and its advice is this rule's, never a fault's copy fixes. */
  @Test
  void nestedMonitorsOfOneClass() {
    helper
        .expectErrorMessage(
            "UNSORTED",
            m -> m.contains(
                    "lock `b` (class Inode) is acquired while `a` of the same class is held")
                && m.contains("fix: take them sorted by a stable key, such as `if (a.id() < b.id())`,"
                    + " or through a @SortedAcquire method")
                && !m.contains("copy")
                && !m.matches("(?s).*\\bfault\\b.*"))
        .addSourceLines(
            "Inode.java",
            "class Inode {",
            "  void link(Inode a, Inode b) {",
            "    synchronized (a) {",
            "      // BUG: Diagnostic matches: UNSORTED",
            "      synchronized (b) {}",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void explicitLocksOfOneFieldClass() {
    helper
        .addSourceLines(
            "Segment.java",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Segment {",
            "  final ReentrantLock lock = new ReentrantLock();",
            "  static void merge(Segment a, Segment b) {",
            "    a.lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: lock `b.lock` (class Segment.lock) is acquired while"
                + " `a.lock` of the same class is held",
            "      b.lock.lock();",
            "      b.lock.unlock();",
            "    } finally {",
            "      a.lock.unlock();",
            "    }",
            "  }",
            "  static void oneAfterTheOther(Segment a, Segment b) {",
            "    a.lock.lock();",
            "    a.lock.unlock();",
            "    b.lock.lock();",
            "    b.lock.unlock();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void throughACallToASynchronizedMethod() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "@LockClass(\"inode\")",
            "class Inode {",
            "  synchronized void touch() {}",
            "  synchronized void copyTo(Inode other) {",
            "    touch();",
            "    // BUG: Diagnostic contains: lock `other` (class inode) is acquired while `this`",
            "    other.touch();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * jimfs's {@code RegularFile.readLock()}: a program accessor returning a lock the file keeps is
   * not the file, so the file's lock and the file's monitor are two classes, not two instances of
   * one.
   */
  @Test
  void aProgramReadLockAccessorIsNotItsReceiversMonitor() {
    helper
        .addSourceLines(
            "Channel.java",
            "import java.util.concurrent.locks.*;",
            "class File {",
            "  private final ReadWriteLock lock = new ReentrantReadWriteLock();",
            "  Lock readLock() { return lock.readLock(); }",
            "  synchronized void touch() {}",
            "}",
            "class Channel {",
            "  private final File file = new File();",
            "  void read() {",
            "    file.readLock().lock();",
            "    try {",
            "      file.touch();",
            "    } finally {",
            "      file.readLock().unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** The halves of two JDK read-write locks keep their locks' class: one class, two instances. */
  @Test
  void halvesOfTwoReadWriteLocksOfOneClass() {
    helper
        .addSourceLines(
            "Copy.java",
            "import java.util.concurrent.locks.*;",
            "class Copy {",
            "  static void copy(ReadWriteLock source, ReadWriteLock target) {",
            "    source.readLock().lock();",
            "    // BUG: Diagnostic contains: lock `target.writeLock()` (class ReadWriteLock)",
            "    target.writeLock().lock();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void throughAcquiresAnnotation() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "class Inode {",
            "  @Acquires(\"this\") void lockIt() {}",
            "  @Releases(\"this\") void unlockIt() {}",
            "  static void both(Inode a, Inode b) {",
            "    a.lockIt();",
            "    // BUG: Diagnostic contains: lock `b` (class Inode) is acquired while `a`",
            "    b.lockIt();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void orderingGuardsAreSilent() {
    helper
        .addSourceLines(
            "Inode.java",
            "class Inode {",
            "  long id;",
            "  long id() { return id; }",
            "  void byIdCall(Inode a, Inode b) {",
            "    Inode first = a.id() < b.id() ? a : b;",
            "    Inode second = first == a ? b : a;",
            "    synchronized (first) { synchronized (second) {} }",
            "  }",
            "  void byIdField(Inode a, Inode b) {",
            "    if (a.id > b.id) { Inode t = a; a = b; b = t; }",
            "    synchronized (a) { synchronized (b) {} }",
            "  }",
            "  void byIdentityHash(Object a, Object b) {",
            "    boolean ab = System.identityHashCode(a) < System.identityHashCode(b);",
            "    synchronized (ab ? a : b) { synchronized (ab ? b : a) {} }",
            "  }",
            "  void ownFieldAgainstTheOthers(Inode other) {",
            "    Inode first = id < other.id ? this : other;",
            "    Inode second = first == this ? other : this;",
            "    synchronized (first) { synchronized (second) {} }",
            "  }",
            "  void byCompareTo(String a, String b) {",
            "    if (a.compareTo(b) > 0) { String t = a; a = b; b = t; }",
            "    synchronized (a) { synchronized (b) {} }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void aLoopCounterIsNoOrderingGuard() {
    helper
        .addSourceLines(
            "Inode.java",
            "class Inode {",
            "  void all(Inode a, Inode b, int n) {",
            "    for (int i = 0; i < n; i++) {",
            "      synchronized (a) {",
            "        // BUG: Diagnostic contains: UnsortedSameClassLocks",
            "        synchronized (b) {}",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void sortedAcquireMethodAndReentryAndTryLockAreSilent() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Inode {",
            "  final ReentrantLock lock = new ReentrantLock();",
            "  @SortedAcquire(\"Inode.lock\")",
            "  static void lockBoth(Inode a, Inode b) {",
            "    a.lock.lock();",
            "    b.lock.lock();",
            "  }",
            "  synchronized void reentrant() {",
            "    synchronized (this) {}",
            "  }",
            "  static boolean tryBoth(Inode a, Inode b) {",
            "    a.lock.lock();",
            "    try {",
            "      return b.lock.tryLock();",
            "    } finally {",
            "      a.lock.unlock();",
            "    }",
            "  }",
            "  void differentClasses(Object other) {",
            "    synchronized (this) { synchronized (other) {} }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void orderingMethodsFlag() {
    String[] source = {
      "class Inode {",
      "  static boolean before(Inode a, Inode b) { return true; }",
      "  void link(Inode a, Inode b) {",
      "    if (!before(a, b)) { Inode t = a; a = b; b = t; }",
      "    synchronized (a) { synchronized (b) {} }",
      "  }",
      "}"
    };
    helper
        .setArgs("-XepOpt:UnsortedSameClassLocks:OrderingMethods=before")
        .addSourceLines("Inode.java", source)
        .doTest();
  }

  @Test
  void suppressedByFaultlock() {
    helper
        .addSourceLines(
            "Inode.java",
            "class Inode {",
            "  @SuppressWarnings(\"faultlock\")",
            "  void link(Inode a, Inode b) {",
            "    synchronized (a) { synchronized (b) {} }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void lambdasAndNestedClassesAreTheirOwnMethods() {
    helper
        .addSourceLines(
            "Inode.java",
            "class Inode {",
            "  Runnable inLambda(Inode a, Inode b) {",
            "    return () -> {",
            "      synchronized (a) {",
            "        // BUG: Diagnostic contains: lock `b` (class Inode) is acquired while `a`",
            "        synchronized (b) {}",
            "      }",
            "    };",
            "  }",
            "  synchronized Runnable lockedOutside(Inode b) {",
            "    return () -> { synchronized (b) {} };",
            "  }",
            "  static class Child {",
            "    synchronized void withSibling(Child sibling) {",
            "      // BUG: Diagnostic contains: lock `sibling` (class Child) is acquired while `this`",
            "      synchronized (sibling) {}",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** Nested idioms on the fast path, a lock taken in a loop and a tryLock on the dataflow. */
  @Test
  void idiomsLoopsAndTryLock() {
    helper
        .addSourceLines(
            "Segment.java",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Segment {",
            "  final ReentrantLock lock = new ReentrantLock();",
            "  static void nested(Segment a, Segment b) {",
            "    a.lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: lock `b.lock` (class Segment.lock) is acquired while"
                + " `a.lock` of the same class is held",
            "      b.lock.lock();",
            "      try {} finally { b.lock.unlock(); }",
            "    } finally {",
            "      a.lock.unlock();",
            "    }",
            "  }",
            "  static void inTurn(Segment[] all) {",
            "    for (Segment s : all) {",
            "      s.lock.lock();",
            "      try {} finally { s.lock.unlock(); }",
            "    }",
            "  }",
            "  static void leaky(Segment a, Segment b, int n) {",
            "    for (int i = 0; i < n; i++) {",
            "      // BUG: Diagnostic contains: lock `b.lock` (class Segment.lock) is acquired while"
                + " `a.lock` of the same class is held",
            "      b.lock.lock();",
            "      b.lock.unlock();",
            "      a.lock.lock();",
            "    }",
            "  }",
            "  static void tried(Segment a, Segment b) {",
            "    if (a.lock.tryLock()) {",
            "      try {",
            "        // BUG: Diagnostic contains: lock `b.lock` (class Segment.lock) is acquired while"
                + " `a.lock` of the same class is held",
            "        b.lock.lock();",
            "        b.lock.unlock();",
            "      } finally {",
            "        a.lock.unlock();",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
