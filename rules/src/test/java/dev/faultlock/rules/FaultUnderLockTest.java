package dev.faultlock.rules;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class FaultUnderLockTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(FaultUnderLock.class, getClass());

  @Test
  void copyIntoUserBufferInSynchronizedMethod() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "@LockClass(\"inode\")",
            "class Inode {",
            "  private final ByteBuffer cache = ByteBuffer.allocate(4096);",
            "  synchronized void read(@UserBuffer ByteBuffer dst) {",
            "    // BUG: Diagnostic contains: `dst.put` may fault while lock `this` (class inode) is held",
            "    dst.put(cache.duplicate());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void messageNamesBothFixes() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "class Inode {",
            "  synchronized void read(@UserBuffer ByteBuffer dst) {",
            "    // BUG: Diagnostic contains: pre-acquire the locks in one sorted order before the copy (@SortedAcquire)",
            "    dst.put((byte) 0);",
            "  }",
            "  synchronized void write(@UserBuffer ByteBuffer src) {",
            "    // BUG: Diagnostic contains: drop the lock, fault the pages in and retry",
            "    src.get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void userBufferPassedAsArgumentInSynchronizedBlock() {
    helper
        .addSourceLines(
            "File.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "class File {",
            "  private final Object lock = new Object();",
            "  private final ByteBuffer cache = ByteBuffer.allocate(64);",
            "  void read(@UserBuffer ByteBuffer dst) {",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: lock `lock` (class File.lock) is held",
            "      cache.get(0, dst.array());",
            "    }",
            "    dst.flip();",
            "  }",
            "}")
        .doTest();
  }

  /** {@code dev.faultlock.catalog.UserBufferCopies}: the same calls are copies in both passes. */
  @Test
  void bufferBookkeepingIsNotACopyButItsElementsAre() {
    helper
        .addSourceLines(
            "File.java",
            "import dev.faultlock.annotations.*;",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.WritableByteChannel;",
            "class File {",
            "  private final ByteBuffer cache = ByteBuffer.allocate(64);",
            "  synchronized int read(@UserBuffer ByteBuffer dst, Object other) {",
            "    int n = dst.remaining();",
            "    dst.position(dst.position() + 0).limit(dst.capacity());",
            "    dst.flip();",
            "    String shown = dst.toString();",
            "    boolean same = other.equals(dst);",
            "    // BUG: Diagnostic contains: dst.put",
            "    dst.put((byte) 1);",
            "    // BUG: Diagnostic contains: dst.get",
            "    n += dst.get(0);",
            "    // BUG: Diagnostic contains: cache.put",
            "    cache.put(dst);",
            "    // BUG: Diagnostic contains: dst.equals",
            "    return dst.equals(cache) ? n : 0;",
            "  }",
            "  synchronized void ship(@UserBuffer ByteBuffer src, WritableByteChannel out)",
            "      throws IOException {",
            "    if (src.hasRemaining()) {",
            "      // BUG: Diagnostic contains: out.write",
            "      out.write(src);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** Only {@code java.nio} buffers have bookkeeping: a user type's {@code remaining()} may copy. */
  @Test
  void bookkeepingNamesOnOtherTypesAreCopies() {
    helper
        .addSourceLines(
            "File.java",
            "import dev.faultlock.annotations.*;",
            "interface Memory { int remaining(); }",
            "class File {",
            "  synchronized int read(@UserBuffer Memory dst) {",
            "    int h = dst.hashCode();",
            "    // BUG: Diagnostic contains: dst.remaining",
            "    return h + dst.remaining();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void mayFaultCallUnderExplicitLock() {
    helper
        .addSourceLines(
            "Segment.java",
            "import dev.faultlock.annotations.*;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Segment {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  @MayFault(\"page\") static void copyOut(byte[] b) {}",
            "  void read(byte[] b) {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: lock `lock` (class Segment.lock) is held",
            "      copyOut(b);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void releasedBeforeCopyIsSilent() {
    helper
        .addSourceLines(
            "Segment.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Segment {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private final ByteBuffer data = ByteBuffer.allocate(16);",
            "  void read(@UserBuffer ByteBuffer dst) {",
            "    ByteBuffer snapshot;",
            "    lock.lock();",
            "    try {",
            "      snapshot = data.duplicate();",
            "      int n = dst.remaining();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "    dst.put(snapshot);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void earlyReturnAfterUnlockAndCopyAfterRelock() {
    helper
        .addSourceLines(
            "Segment.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Segment {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  void read(@UserBuffer ByteBuffer dst, boolean empty) {",
            "    lock.lock();",
            "    if (empty) {",
            "      lock.unlock();",
            "      dst.put((byte) 0);",
            "      return;",
            "    }",
            "    // BUG: Diagnostic contains: `dst.put` may fault",
            "    dst.put((byte) 1);",
            "    lock.unlock();",
            "    dst.put((byte) 2);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void lockTakenInLoopIsHeldOnNextIteration() {
    helper
        .addSourceLines(
            "Segment.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Segment {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  void leaky(@UserBuffer ByteBuffer dst, int n) {",
            "    for (int i = 0; i < n; i++) {",
            "      // BUG: Diagnostic contains: `dst.put` may fault",
            "      dst.put((byte) i);",
            "      lock.lock();",
            "    }",
            "  }",
            "  void balanced(@UserBuffer ByteBuffer dst, int n) {",
            "    for (int i = 0; i < n; i++) {",
            "      lock.lock();",
            "      lock.unlock();",
            "      dst.put((byte) i);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void copyWithNoLockIsSilent() {
    helper
        .addSourceLines(
            "Plain.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "class Plain {",
            "  @MayFault static void copy(ByteBuffer b) {}",
            "  void read(@UserBuffer ByteBuffer dst) {",
            "    dst.put((byte) 1);",
            "    copy(dst);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void sortedPreAcquireDominatingTheCopyIsSilent() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.List;",
            "@LockClass(\"inode\")",
            "class Inode {",
            "  @SortedAcquire(\"inode\") @Acquires(\"inodes\")",
            "  static void lockAll(List<Inode> inodes) {}",
            "  @Releases(\"inodes\") static void unlockAll(List<Inode> inodes) {}",
            "  void read(List<Inode> inodes, @UserBuffer ByteBuffer dst) {",
            "    lockAll(inodes);",
            "    try {",
            "      dst.put((byte) 1);",
            "    } finally {",
            "      unlockAll(inodes);",
            "    }",
            "  }",
            "  synchronized void readUnder(List<Inode> inodes, @UserBuffer ByteBuffer dst) {",
            "    lockAll(inodes);",
            "    dst.put((byte) 1);",
            "    unlockAll(inodes);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void sortedPreAcquireOnOnlyOneBranchDoesNotDominate() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.List;",
            "@LockClass(\"inode\")",
            "class Inode {",
            "  @SortedAcquire(\"inode\") static void lockAll(List<Inode> inodes) {}",
            "  synchronized void read(List<Inode> inodes, @UserBuffer ByteBuffer dst, boolean b) {",
            "    if (b) {",
            "      lockAll(inodes);",
            "    }",
            "    // BUG: Diagnostic contains: lock `this` (class inode) is held",
            "    dst.put((byte) 1);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void faultsDisabledRetryIsSilent() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Inode {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private final ByteBuffer cache = ByteBuffer.allocate(64);",
            "  @FaultsDisabled",
            "  int copyNoFault(@UserBuffer ByteBuffer dst) {",
            "    int n = Math.min(dst.remaining(), cache.remaining());",
            "    dst.put(cache.slice(0, n));",
            "    return n;",
            "  }",
            "  @MayFault static void faultIn(ByteBuffer b) {}",
            "  void read(@UserBuffer ByteBuffer dst) {",
            "    while (true) {",
            "      lock.lock();",
            "      int copied;",
            "      try {",
            "        copied = copyNoFault(dst);",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "      if (copied == cache.capacity()) {",
            "        return;",
            "      }",
            "      faultIn(dst);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void tryLockOnlyHandlerIsSilent() {
    helper
        .addSourceLines(
            "Pager.java",
            "import dev.faultlock.annotations.*;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Pager {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  @FaultHandler(\"page\")",
            "  boolean fault(long address) {",
            "    if (!lock.tryLock()) {",
            "      return false;",
            "    }",
            "    try {",
            "      return address > 0;",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void copyUnderLockObtainedByTryLockStillHoldsIt() {
    helper
        .addSourceLines(
            "Segment.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Segment {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  boolean read(@UserBuffer ByteBuffer dst) {",
            "    if (lock.tryLock()) {",
            "      try {",
            "        // BUG: Diagnostic contains: lock `lock` (class Segment.lock) is held",
            "        dst.put((byte) 1);",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "      return true;",
            "    }",
            "    dst.put((byte) 0);",
            "    return false;",
            "  }",
            "  boolean negated(@UserBuffer ByteBuffer dst) {",
            "    if (!lock.tryLock()) {",
            "      dst.put((byte) 0);",
            "      return false;",
            "    }",
            "    // BUG: Diagnostic contains: lock `lock` (class Segment.lock) is held",
            "    dst.put((byte) 1);",
            "    lock.unlock();",
            "    return true;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void reentrantReacquireIsReleasedOnceByInnerUnlockOnly() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "class Inode {",
            "  synchronized void outer(@UserBuffer ByteBuffer dst) {",
            "    synchronized (this) {",
            "      // BUG: Diagnostic contains: lock `this` (class Inode) is held",
            "      dst.put((byte) 1);",
            "    }",
            "  }",
            "  void after(@UserBuffer ByteBuffer dst) {",
            "    synchronized (this) {",
            "      synchronized (this) {}",
            "    }",
            "    dst.put((byte) 1);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void lambdaBodyDoesNotInheritTheEnclosingLock() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.concurrent.Executor;",
            "class Inode {",
            "  synchronized void later(@UserBuffer ByteBuffer dst, Executor executor) {",
            "    executor.execute(() -> dst.put((byte) 1));",
            "  }",
            "  void inside(@UserBuffer ByteBuffer dst, Executor executor) {",
            "    executor.execute(",
            "        () -> {",
            "          synchronized (this) {",
            "            // BUG: Diagnostic contains: lock `this` (class Inode) is held",
            "            dst.put((byte) 1);",
            "          }",
            "        });",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void nestedAndAnonymousClassesHaveTheirOwnLocks() {
    helper
        .addSourceLines(
            "Outer.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "class Outer {",
            "  static class Inner {",
            "    synchronized void read(@UserBuffer ByteBuffer dst) {",
            "      // BUG: Diagnostic contains: lock `this` (class Inner) is held",
            "      dst.put((byte) 1);",
            "    }",
            "  }",
            "  synchronized Runnable task(@UserBuffer ByteBuffer dst) {",
            "    return new Runnable() {",
            "      @Override public void run() {",
            "        dst.put((byte) 1);",
            "      }",
            "    };",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void readWriteAndStampedLocks() {
    helper
        .addSourceLines(
            "Cache.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "import java.util.concurrent.locks.StampedLock;",
            "class Cache {",
            "  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();",
            "  private final StampedLock stamped = new StampedLock();",
            "  void read(@UserBuffer ByteBuffer dst) {",
            "    rw.readLock().lock();",
            "    try {",
            "      // BUG: Diagnostic contains: lock `rw.readLock()` (class Cache.rw) is held",
            "      dst.put((byte) 1);",
            "    } finally {",
            "      rw.readLock().unlock();",
            "    }",
            "    dst.put((byte) 2);",
            "  }",
            "  void write(@UserBuffer ByteBuffer src) {",
            "    long stamp = stamped.writeLock();",
            "    try {",
            "      // BUG: Diagnostic contains: lock `stamped` (class Cache.stamped) is held",
            "      src.get();",
            "    } finally {",
            "      stamped.unlockWrite(stamp);",
            "    }",
            "    src.get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void acquiresAndReleasesAnnotationsOnCallees() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "@LockClass(\"inode\")",
            "class Inode {",
            "  @Acquires(\"this\") void lockInode() {}",
            "  @Releases(\"this\") void unlockInode() {}",
            "  void read(Inode other, @UserBuffer ByteBuffer dst) {",
            "    other.lockInode();",
            "    // BUG: Diagnostic contains: lock `other` (class inode) is held",
            "    dst.put((byte) 1);",
            "    other.unlockInode();",
            "    dst.put((byte) 2);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void preconditionsOfOursErrorProneAndCheckerFramework() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "class Inode {",
            "  final Object mutex = new Object();",
            "  @Holding(\"this\") void ours(@UserBuffer ByteBuffer dst) {",
            "    // BUG: Diagnostic contains: lock `this` (class Inode) is held",
            "    dst.put((byte) 1);",
            "  }",
            "  @org.checkerframework.checker.lock.qual.Holding(\"mutex\")",
            "  void checker(@UserBuffer ByteBuffer dst) {",
            "    // BUG: Diagnostic contains: lock `mutex` (class Inode.mutex) is held",
            "    dst.put((byte) 1);",
            "  }",
            "  @com.google.errorprone.annotations.concurrent.GuardedBy(\"mutex\")",
            "  void errorProne(@UserBuffer ByteBuffer dst) {",
            "    // BUG: Diagnostic contains: lock `mutex` (class Inode.mutex) is held",
            "    dst.put((byte) 1);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void lockMethodsOfErrorProneAndCheckerFramework() {
    helper
        .addSourceLines(
            "Inode.java",
            "import com.google.errorprone.annotations.concurrent.LockMethod;",
            "import com.google.errorprone.annotations.concurrent.UnlockMethod;",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import org.checkerframework.checker.lock.qual.EnsuresLockHeld;",
            "class Inode {",
            "  final Object mutex = new Object();",
            "  @LockMethod(\"mutex\") void lockEp() {}",
            "  @UnlockMethod(\"mutex\") void unlockEp() {}",
            "  @EnsuresLockHeld(\"mutex\") void lockCf() {}",
            "  void read(@UserBuffer ByteBuffer dst) {",
            "    lockEp();",
            "    // BUG: Diagnostic contains: lock `mutex` (class Inode.mutex) is held",
            "    dst.put((byte) 1);",
            "    unlockEp();",
            "    dst.put((byte) 2);",
            "    lockCf();",
            "    // BUG: Diagnostic contains: lock `mutex` (class Inode.mutex) is held",
            "    dst.put((byte) 3);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void suppressedByRuleIdOrFaultlock() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "class Inode {",
            "  @SuppressWarnings(\"FaultUnderLock\")",
            "  synchronized void one(@UserBuffer ByteBuffer dst) { dst.put((byte) 1); }",
            "  @SuppressWarnings(\"faultlock\")",
            "  synchronized void all(@UserBuffer ByteBuffer dst) { dst.put((byte) 1); }",
            "}")
        .doTest();
  }

  /**
   * The checker walks a unit's calls itself (LockSites), so it makes Error Prone's suppression
   * test on its own: exactly the declarations around the call count, a local variable and a local
   * class included.
   */
  @Test
  void suppressionCoversExactlyTheAnnotatedDeclaration() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "class Inode {",
            "  synchronized int read(@UserBuffer ByteBuffer dst) {",
            "    @SuppressWarnings(\"FaultUnderLock\") ByteBuffer quiet = dst.put((byte) 1);",
            "    // BUG: Diagnostic contains: `dst.put` may fault",
            "    ByteBuffer loud = dst.put((byte) 2);",
            "    @SuppressWarnings(\"all\")",
            "    class Local {",
            "      synchronized void copy(@UserBuffer ByteBuffer b) { b.put((byte) 3); }",
            "    }",
            "    return quiet.position() + loud.position();",
            "  }",
            "  @SuppressWarnings(\"faultlock\")",
            "  static final class Nested {",
            "    synchronized void copy(@UserBuffer ByteBuffer b) { b.put((byte) 4); }",
            "  }",
            "  static final class Sibling {",
            "    // BUG: Diagnostic contains: `b.put` may fault",
            "    synchronized void copy(@UserBuffer ByteBuffer b) { b.put((byte) 5); }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void ignoreSuppressionAnnotationsReportsSuppressedCopies() {
    helper
        .setArgs("-XepIgnoreSuppressionAnnotations")
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "class Inode {",
            "  @SuppressWarnings(\"FaultUnderLock\")",
            "  synchronized void one(@UserBuffer ByteBuffer dst) {",
            "    // BUG: Diagnostic contains: `dst.put` may fault",
            "    dst.put((byte) 1);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void faultMethodsFlagAddsFaultingCalls() {
    String[] source = {
      "import java.io.IOException;",
      "import java.nio.channels.FileChannel;",
      "import java.nio.channels.WritableByteChannel;",
      "class Log {",
      "  synchronized void ship(FileChannel file, WritableByteChannel out) throws IOException {",
      "    // BUG: Diagnostic contains: `file.transferTo` may fault while lock `this` (class Log) is held",
      "    file.transferTo(0, 10, out);",
      "  }",
      "}"
    };
    helper
        .setArgs("-XepOpt:FaultUnderLock:FaultMethods=java.nio.channels.FileChannel#transferTo")
        .addSourceLines("Log.java", source)
        .doTest();
  }

  @Test
  void withoutTheFlagTransferToIsNotAFaultSite() {
    helper
        .addSourceLines(
            "Log.java",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.channels.WritableByteChannel;",
            "class Log {",
            "  synchronized void ship(FileChannel file, WritableByteChannel out) throws IOException {",
            "    file.transferTo(0, 10, out);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The README's snippet on a project that never mentions {@code FileChannel}: the option's type
   * is found by name in the JDK, not among the classes the sources happened to load.
   */
  @Test
  void faultMethodsTypeNeedNotBeImportedAnywhere() {
    helper
        .setArgs("-XepOpt:FaultUnderLock:FaultMethods=java.nio.channels.FileChannel#transferTo")
        .addSourceLines(
            "Store.java",
            "import dev.faultlock.annotations.*;",
            "class Store {",
            "  @MayFault static void copy() {}",
            "  synchronized void read() {",
            "    // BUG: Diagnostic contains: [FaultUnderLock]",
            "    copy();",
            "  }",
            "}")
        .addSourceLines("Other.java", "class Other { int size() { return 0; } }")
        .doTest();
  }

  /**
   * {@code LockRelevance} skips units with no sign of a lock; a unit whose only signs are its
   * callees' annotations (declared in another file) or a JDK lock call is still checked.
   */
  @Test
  void unitWithoutAnnotationsOfItsOwnIsCheckedThroughItsCallees() {
    helper
        .setArgs("-XepOpt:FaultUnderLock:FaultMethods=java.nio.channels.FileChannel#transferTo")
        .addSourceLines(
            "Locks.java",
            "import dev.faultlock.annotations.*;",
            "class Locks {",
            "  @Acquires(\"lock\") static void lock(Object lock) {}",
            "  @Releases(\"lock\") static void unlock(Object lock) {}",
            "  @MayFault static void copy() {}",
            "}")
        .addSourceLines(
            "Annotated.java",
            "class Annotated {",
            "  void read(Object inode) {",
            "    Locks.lock(inode);",
            "    // BUG: Diagnostic contains: copy",
            "    Locks.copy();",
            "    Locks.unlock(inode);",
            "  }",
            "}")
        .addSourceLines(
            "Jdk.java",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.channels.WritableByteChannel;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Jdk {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  void ship(FileChannel file, WritableByteChannel out) throws IOException {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: transferTo",
            "      file.transferTo(0, 10, out);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Plain.java",
            "class Plain {",
            "  void ship(java.nio.channels.FileChannel file) throws java.io.IOException {",
            "    file.transferTo(0, 10, null);",
            "    Locks.copy();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void malformedFaultMethodsEntryIsAnErrorNotACrash() {
    helper
        .setArgs("-XepOpt:FaultUnderLock:FaultMethods=transferTo")
        .addSourceLines(
            "Log.java",
            "// BUG: Diagnostic contains: `transferTo` is not Type#method",
            "class Log {}")
        .doTest();
  }

  @Test
  void unknownTypeInFaultMethodsIsAnError() {
    helper
        .setArgs("-XepOpt:FaultUnderLock:FaultMethods=no.such.Type#copy")
        .addSourceLines(
            "Log.java",
            "// BUG: Diagnostic contains: type `no.such.Type` is not on the classpath",
            "class Log {}")
        .doTest();
  }

  @Test
  void typeNameThatIsNotAJavaNameIsAnErrorNotACrash() {
    helper
        .setArgs("-XepOpt:FaultUnderLock:FaultMethods=java.nio..FileChannel#transferTo")
        .addSourceLines(
            "Log.java",
            "// BUG: Diagnostic contains: type `java.nio..FileChannel` is not on the classpath",
            "class Log {}")
        .doTest();
  }

  @Test
  void tryAcquiresHoldsOnTheTrueBranchOnly() {
    helper
        .addSourceLines(
            "Locks.java",
            "import dev.faultlock.annotations.*;",
            "@LockClass(\"inode\") final class InodeLock {}",
            "final class Locks {",
            "  @TryAcquires(\"lock\") boolean tryLock(InodeLock lock) { return true; }",
            "  @Releases(\"lock\") void unlock(InodeLock lock) {}",
            "  @MayFault(\"page\") static void copy() {}",
            "  void read(InodeLock lock) {",
            "    if (tryLock(lock)) {",
            "      // BUG: Diagnostic contains: lock `lock` (class inode) is held",
            "      copy();",
            "      unlock(lock);",
            "    } else {",
            "      copy();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The lock(); try { } finally { unlock(); } idiom is read off the tree (the structural fast
   * path): every way out of the try releases the lock, and the innermost of nested idioms is named.
   */
  @Test
  void idiomWithBreakReturnAndNestingOnTheFastPath() {
    helper
        .addSourceLines(
            "Segment.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Segment {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private final ReentrantLock pages = new ReentrantLock();",
            "  int read(@UserBuffer ByteBuffer dst, int n) {",
            "    for (int i = 0; i < n; i++) {",
            "      dst.put((byte) 0);",
            "      lock.lock();",
            "      try {",
            "        if (i == 1) { break; }",
            "        if (i == 2) { return i; }",
            "        // BUG: Diagnostic contains: lock `lock` (class Segment.lock) is held",
            "        dst.put((byte) 1);",
            "        pages.lock();",
            "        try {",
            "          // BUG: Diagnostic contains: lock `pages` (class Segment.pages) is held",
            "          dst.put((byte) 2);",
            "        } finally {",
            "          pages.unlock();",
            "        }",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "      dst.put((byte) 3);",
            "    }",
            "    dst.put((byte) 4);",
            "    return 0;",
            "  }",
            "}")
        .doTest();
  }

  /** Off the idiom the dataflow answers: an unlock in a helper releases nothing it can see. */
  @Test
  void unlockInAHelperLeavesTheLockHeld() {
    helper
        .addSourceLines(
            "Segment.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Segment {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private void release() { lock.unlock(); }",
            "  void read(@UserBuffer ByteBuffer dst) {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: lock `lock` (class Segment.lock) is held",
            "      dst.put((byte) 1);",
            "    } finally {",
            "      release();",
            "    }",
            "    // BUG: Diagnostic contains: lock `lock` (class Segment.lock) is held",
            "    dst.put((byte) 2);",
            "  }",
            "  @Releases(\"lock\") private void releaseAnnotated() { lock.unlock(); }",
            "  void annotated(@UserBuffer ByteBuffer dst) {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: lock `lock` (class Segment.lock) is held",
            "      dst.put((byte) 1);",
            "    } finally {",
            "      releaseAnnotated();",
            "    }",
            "    dst.put((byte) 2);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A copy in a catch clause of the idiom is under the lock; a catch around the idiom that could
   * catch what the release throws sends the body to the dataflow, which lets the lock escape there.
   */
  @Test
  void catchClausesAtTheEdgeOfTheFastPath() {
    helper
        .addSourceLines(
            "Segment.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Segment {",
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  void caught(@UserBuffer ByteBuffer dst) {",
            "    lock.lock();",
            "    try {",
            "      dst.flip();",
            "    } catch (IllegalStateException e) {",
            "      // BUG: Diagnostic contains: lock `lock` (class Segment.lock) is held",
            "      dst.put((byte) 1);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void interrupted(@UserBuffer ByteBuffer dst) {",
            "    try {",
            "      lock.lockInterruptibly();",
            "      try { dst.flip(); } finally { lock.unlock(); }",
            "    } catch (InterruptedException e) {",
            "      dst.put((byte) 1);",
            "    }",
            "    dst.put((byte) 2);",
            "  }",
            "  void escapes(@UserBuffer ByteBuffer dst) {",
            "    try {",
            "      lock.lock();",
            "      try { dst.flip(); } finally { lock.unlock(); }",
            "    } catch (RuntimeException e) {",
            "      // BUG: Diagnostic contains: lock `lock` (class Segment.lock) is held",
            "      dst.put((byte) 1);",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
