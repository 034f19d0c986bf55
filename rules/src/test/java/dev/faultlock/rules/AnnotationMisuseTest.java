package dev.faultlock.rules;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class AnnotationMisuseTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(AnnotationMisuse.class, getClass());

  @Test
  void lockExpressionsThatNameNothing() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "class Inode {",
            "  final Object lock = new Object();",
            "  // BUG: Diagnostic contains: @Acquires: `lokc` names no parameter of `a` and no field"
                + " of `Inode`",
            "  @Acquires(\"lokc\") void a() {}",
            "  // BUG: Diagnostic contains: @Releases: `this` in a static method names no lock",
            "  @Releases(\"this\") static void r() {}",
            "  // BUG: Diagnostic contains: @Holding: `nope` in `other.nope` names no field of `Inode`",
            "  @Holding(\"other.nope\") void h(Inode other) {}",
            "  // BUG: Diagnostic contains: @TryAcquires: names no lock",
            "  @TryAcquires({}) boolean t() { return true; }",
            "  // BUG: Diagnostic contains: @Acquires: `#3` names no parameter",
            "  @Acquires(\"#3\") void n(Object x) {}",
            "}")
        .doTest();
  }

  @Test
  void wellFormedLockExpressionsAreSilent() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "class Inode {",
            "  final Object lock = new Object();",
            "  static final Object GLOBAL = new Object();",
            "  @Acquires({\"this\", \"lock\", \"other\", \"other.lock\", \"Inode.class\", \"GLOBAL\"})",
            "  void a(Inode other) {}",
            "  @Releases(\"#1\") void r(Inode other) {}",
            "  @Holding(\"Inode.this.lock\") void h() {}",
            "  @TryAcquires(\"this\") boolean t() { return true; }",
            "  @SortedAcquire(\"inode\") void s() {}",
            "}")
        .doTest();
  }

  @Test
  void foreignAnnotationsAreCheckedUnlessTurnedOff() {
    String[] source = {
      "class Inode {",
      "  // BUG: Diagnostic contains: @LockMethod: `mutex` names no parameter",
      "  @com.google.errorprone.annotations.concurrent.LockMethod(\"mutex\") void a() {}",
      "  // BUG: Diagnostic contains: @Holding: `mutex` names no parameter",
      "  @org.checkerframework.checker.lock.qual.Holding(\"mutex\") void h() {}",
      "}"
    };
    helper.addSourceLines("Inode.java", source).doTest();
    CompilationTestHelper.newInstance(AnnotationMisuse.class, getClass())
        .setArgs("-XepOpt:AnnotationMisuse:CheckForeignAnnotations=false")
        .addSourceLines(
            "Inode.java",
            "class Inode {",
            "  @com.google.errorprone.annotations.concurrent.LockMethod(\"mutex\") void a() {}",
            "}")
        .doTest();
  }

  @Test
  void classesThatAreMissing() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "import java.nio.ByteBuffer;",
            "class Inode {",
            "  // BUG: Diagnostic contains: @SortedAcquire: names no lock class",
            "  @SortedAcquire void s() {}",
            "  // BUG: Diagnostic contains: @LockClass: names no lock class",
            "  @LockClass(\"\") final Object lock = new Object();",
            "  // BUG: Diagnostic contains: @UserBuffer: `len` is a int: a primitive holds no caller",
            "  void read(@UserBuffer ByteBuffer dst, @UserBuffer int len) {}",
            "  // BUG: Diagnostic contains: @LockClass: `id` is a long: a primitive cannot be a lock",
            "  @LockClass(\"inode\") long id;",
            "  // BUG: Diagnostic contains: returns no object",
            "  @LockClass(\"inode\") void lockOf() {}",
            "  // BUG: Diagnostic contains: `grab` returns void",
            "  @TryAcquires(\"this\") void grab() {}",
            "  // BUG: Diagnostic contains: a method that runs with faults disabled cannot fault",
            "  @MayFault @FaultsDisabled void copy() {}",
            "}")
        .doTest();
  }

  @Test
  void lockOrderThatOrdersNothing() {
    helper
        .addSourceLines(
            "Fs.java",
            "import dev.faultlock.annotations.*;",
            "// BUG: Diagnostic contains: lists inode twice",
            "@LockOrder({\"inode\", \"page\", \"inode\"})",
            "class Fs {",
            "  // BUG: Diagnostic contains: orders nothing",
            "  @LockOrder(\"inode\") static class One {}",
            "  @LockOrder({\"inode\", \"page\"}) static class Fine {}",
            "}")
        .addSourceLines(
            "p/package-info.java",
            "// BUG: Diagnostic contains: has a blank lock class",
            "@dev.faultlock.annotations.LockOrder({\"inode\", \" \"})",
            "package p;")
        .doTest();
  }

  @Test
  void suppressedOnTheDeclaration() {
    helper
        .addSourceLines(
            "Inode.java",
            "import dev.faultlock.annotations.*;",
            "class Inode {",
            "  @SuppressWarnings(\"AnnotationMisuse\") @Acquires(\"nothing\") void a() {}",
            "  @SuppressWarnings(\"faultlock\") @SortedAcquire void s() {}",
            "}")
        .doTest();
  }
}
