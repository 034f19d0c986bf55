package dev.faultlock.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.findings.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Annotations written into a file's own text: only the annotated lines and the import block
 * change, in the file's line endings and indentation, and the diff applies with {@code git apply}.
 */
class AnnotationEditsTest {
  @TempDir Path dir;

  @Test
  void aMethodGetsALineOfItsOwnIndentedLikeItAndTheImportJoinsTheSortedBlock() {
    String text = """
        package a;

        import java.util.List;
        import java.util.concurrent.locks.Lock;

        class A {
          Lock lock;

          /** Locks. */
          @Deprecated
          void take() {
            lock.lock();
          }
        }
        """;
    String after = edit(text, Set.of(), unit -> method(unit, "take"), LockApi.ACQUIRES, "lock");
    assertThat(after).isEqualTo(text
        .replace("import java.util.List;\n", "import dev.faultlock.annotations.Acquires;\nimport java.util.List;\n")
        .replace("  @Deprecated\n", "  @Acquires(\"lock\")\n  @Deprecated\n"));
  }

  @Test
  void crlfTabsAndALastLineWithoutLineBreakSurviveAndTheDiffApplies() throws IOException {
    String text = "package a;\r\n\r\nimport java.nio.ByteBuffer;\r\n\r\nclass A {\r\n"
        + "\tvoid copy(ByteBuffer dst) {\r\n\t\tdst.put((byte) 1);\r\n\t}\r\n}";
    String after = edit(text, Set.of(), unit -> parameter(unit, "copy", 0), LockApi.USER_BUFFER);
    assertThat(after).isEqualTo(text
        .replace("import java.nio.ByteBuffer;\r\n",
            "import dev.faultlock.annotations.UserBuffer;\r\nimport java.nio.ByteBuffer;\r\n")
        .replace("void copy(ByteBuffer dst)", "void copy(@UserBuffer ByteBuffer dst)"));

    Path file = dir.resolve("a/A.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    String diff = UnifiedDiff.of("a/A.java", text, after);
    assertThat(diff).endsWith(" }\n\\ No newline at end of file\n");
    GitApply.apply(dir, diff);
    assertThat(Files.readString(file)).isEqualTo(after);
  }

  @Test
  void aNameTheFileAlreadyUsesIsWrittenFullyQualified() {
    String text = """
        package a;

        import org.other.LockClass;
        import java.util.concurrent.locks.Lock;

        class A {
          @LockClass Lock lock;
        }
        """;
    String after = edit(text, Set.of(), unit -> unit.findFirst(FieldDeclaration.class).orElseThrow(),
        LockApi.LOCK_CLASS, "A.lock");
    assertThat(after).contains("  @dev.faultlock.annotations.LockClass(\"A.lock\")\n  @LockClass Lock lock;")
        .doesNotContain("import dev.faultlock");
  }

  @Test
  void aTypeOfTheSameNameInThePackageIsNotShadowedByAnImport() {
    String text = "package a;\n\nclass A {\n  void unlock() {}\n}\n";
    String after = edit(text, Set.of("Releases"), unit -> method(unit, "unlock"), LockApi.RELEASES, "x");
    assertThat(after).contains("  @dev.faultlock.annotations.Releases(\"x\")\n  void unlock()");
  }

  @Test
  void anExistingImportOrWildcardIsReusedAndAFileWithoutImportsGetsABlock() {
    String wildcard = "package a;\n\nimport dev.faultlock.annotations.*;\n\nclass A {\n  void f() {}\n}\n";
    assertThat(edit(wildcard, Set.of(), unit -> method(unit, "f"), LockApi.RELEASES, "x"))
        .isEqualTo(wildcard.replace("  void f()", "  @Releases(\"x\")\n  void f()"));

    String none = "package a;\n\nclass A {\n  void f() {}\n}\n";
    assertThat(edit(none, Set.of(), unit -> method(unit, "f"), LockApi.RELEASES, "x"))
        .isEqualTo("package a;\n\nimport dev.faultlock.annotations.Releases;\n\nclass A {\n"
            + "  @Releases(\"x\")\n  void f() {}\n}\n");
  }

  @Test
  void severalLocksGoInOneArrayAndAnAnnotationAlreadyThereIsNotRepeated() {
    String text = "package a;\n\nimport dev.faultlock.annotations.Releases;\n\nclass A {\n"
        + "  void f() {}\n  @Releases(\"x\") void g() {}\n}\n";
    CompilationUnit unit = new JavaParser().parse(text).getResult().orElseThrow();
    MethodDeclaration f = method(unit, "f");
    List<Suggestion> suggestions = List.of(
        suggestion(f, LockApi.ACQUIRES, "a"), suggestion(f, LockApi.ACQUIRES, "b"),
        suggestion(method(unit, "g"), LockApi.RELEASES, "x"));
    assertThat(AnnotationEdits.apply(text, unit, suggestions, s -> false).text())
        .contains("  @Acquires({\"a\", \"b\"})\n  void f() {}\n  @Releases(\"x\") void g() {}");
  }

  private static String edit(
      String text, Set<String> samePackage, java.util.function.Function<CompilationUnit, Node> target,
      String annotation, String... values) {
    CompilationUnit unit = new JavaParser().parse(text).getResult().orElseThrow();
    return AnnotationEdits.apply(
        text, unit, List.of(suggestion(target.apply(unit), annotation, values)), samePackage::contains)
        .text();
  }

  private static Suggestion suggestion(Node target, String annotation, String... values) {
    return new Suggestion(target, annotation, List.of(values), new Location("A.java", 1, 0), "test");
  }

  private static MethodDeclaration method(CompilationUnit unit, String name) {
    return unit.findFirst(MethodDeclaration.class, m -> m.getNameAsString().equals(name)).orElseThrow();
  }

  private static Parameter parameter(CompilationUnit unit, String method, int i) {
    return method(unit, method).getParameter(i);
  }
}
