package dev.faultlock.rules;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class DeclaredOrderViolationTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DeclaredOrderViolation.class, getClass());

  private static final String[] TYPES = {
    "package fs;",
    "import dev.faultlock.annotations.*;",
    "@LockClass(\"inode\") class Inode {}",
    "@LockClass(\"page\") class Page {}",
  };

  @Test
  void againstTheTypesOrder() {
    helper
        .addSourceLines("fs/Types.java", TYPES)
        .addSourceLines(
            "fs/Fs.java",
            "package fs;",
            "import dev.faultlock.annotations.*;",
            "@LockOrder({\"inode\", \"page\"})",
            "class Fs {",
            "  void inOrder(Inode inode, Page page) {",
            "    synchronized (inode) { synchronized (page) {} }",
            "  }",
            "  void against(Inode inode, Page page) {",
            "    synchronized (page) {",
            "      // BUG: Diagnostic contains: lock `inode` (class inode) is acquired while lock"
                + " `page` (class page) is held, but @LockOrder puts inode before page; fix: take the"
                + " inode lock first",
            "      synchronized (inode) {}",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void againstThePackagesOrderThroughExplicitLocks() {
    helper
        .addSourceLines("fs/package-info.java",
            "@dev.faultlock.annotations.LockOrder({\"Inode.lock\", \"Journal.lock\"})",
            "package fs;")
        .addSourceLines(
            "fs/Journal.java",
            "package fs;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Journal {",
            "  final ReentrantLock lock = new ReentrantLock();",
            "}")
        .addSourceLines(
            "fs/Inode.java",
            "package fs;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "class Inode {",
            "  final ReentrantLock lock = new ReentrantLock();",
            "  void commit(Journal journal) {",
            "    journal.lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: @LockOrder puts Inode.lock before Journal.lock",
            "      lock.lock();",
            "      lock.unlock();",
            "    } finally {",
            "      journal.lock.unlock();",
            "    }",
            "  }",
            "  void released(Journal journal) {",
            "    journal.lock.lock();",
            "    journal.lock.unlock();",
            "    lock.lock();",
            "    lock.unlock();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void innermostTypeOrderWinsAndTryLockIsSilent() {
    helper
        .addSourceLines("fs/Types.java", TYPES)
        .addSourceLines(
            "fs/Fs.java",
            "package fs;",
            "import dev.faultlock.annotations.*;",
            "import java.util.concurrent.locks.ReentrantLock;",
            "@LockOrder({\"inode\", \"page\"})",
            "class Fs {",
            "  @LockOrder({\"page\", \"inode\"})",
            "  static class Reverse {",
            "    void pageFirst(Inode inode, Page page) {",
            "      synchronized (page) { synchronized (inode) {} }",
            "    }",
            "  }",
            "  @LockClass(\"inode\") final ReentrantLock inodeLock = new ReentrantLock();",
            "  synchronized void tryOnly(Page page) {",
            "    synchronized (page) {",
            "      if (inodeLock.tryLock()) { inodeLock.unlock(); }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void noDeclaredOrderNoFinding() {
    helper
        .addSourceLines("fs/Types.java", TYPES)
        .addSourceLines(
            "fs/Fs.java",
            "package fs;",
            "class Fs {",
            "  void any(Inode inode, Page page) {",
            "    synchronized (page) { synchronized (inode) {} }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void lockOrderFlagGivesAProjectWideOrder() {
    helper
        .setArgs("-XepOpt:DeclaredOrderViolation:LockOrder=inode,page")
        .addSourceLines("fs/Types.java", TYPES)
        .addSourceLines(
            "fs/Fs.java",
            "package fs;",
            "class Fs {",
            "  void any(Inode inode, Page page) {",
            "    // BUG: Diagnostic contains: DeclaredOrderViolation",
            "    synchronized (page) { synchronized (inode) {} }",
            "  }",
            "}")
        .doTest();
  }
}
