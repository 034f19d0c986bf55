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
            "    // BUG: Diagnostic contains: `dst.put` may fault while inode lock `this` is held",
            "    dst.put(cache.duplicate());",
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
            "      // BUG: Diagnostic contains: Segment.lock lock `lock` is held",
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
}
