package dev.faultlock.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.findings.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramIndexTest {
  @TempDir Path dir;

  private ProgramIndex index(String... files) throws IOException {
    for (int i = 0; i < files.length; i += 2) Files.writeString(dir.resolve(files[i]), files[i + 1]);
    AnalyzerOptions options = AnalyzerOptions.builder().source(dir).jobs(2).build();
    JavaSources.Parsed parsed = JavaSources.parse(options);
    List<Problem> problems = new ArrayList<>(parsed.problems());
    List<FileDeclarations> declared = new ArrayList<>();
    for (SourceFile f : parsed.files()) declared.add(ProgramIndex.declare(f, problems));
    ProgramIndex index = ProgramIndex.build(declared, new LibraryTypes(List.of(), problems), 2);
    assertThat(problems).isEmpty();
    return index;
  }

  /**
   * Member lookups walk the ancestors and take the first declaration they meet, so their order
   * is part of the result: an order that changed from JVM to JVM (as {@code Set.copyOf}'s does)
   * made a call on a {@code List} name {@code List.size} in one run and {@code Collection.size}
   * in the next, with different call edges and findings.
   */
  @Test
  void ancestorsComeNearestFirstInDeclarationOrder() throws IOException {
    ProgramIndex index =
        index(
            "Base.java", "package p; interface Base { void run(); }",
            "Middle.java", "package p; interface Middle extends Base { void run(); }",
            "Top.java", "package p; interface Top extends Middle, Base {}",
            "Shape.java", "package p; abstract class Shape implements Base {}",
            "Impl.java",
            "package p; class Impl extends Shape implements Top, Comparable<Impl>, Runnable {"
                + " public void run() {} public int compareTo(Impl o) { return 0; } }");

    assertThat(index.type("p.Impl").ancestors())
        .containsExactly(
            "p.Shape", "p.Base", "java.lang.Object", "p.Top", "p.Middle", "java.lang.Comparable",
            "java.lang.Runnable");
    assertThat(index.type("p.Top").ancestors())
        .containsExactly("p.Middle", "p.Base", "java.lang.Object");
  }

  @Test
  void memberTypesOfStaticImportsAndJavaLangsOwnSourcesResolve() throws IOException {
    // java.base imports nested types statically (`import static java.lang.invoke.LambdaForm.*;`)
    // and has java.lang types newer than the JDK that runs the analysis.
    ProgramIndex index =
        index(
            "Outer.java", "package q; public class Outer { public static class Inner {} public static class Other {} }",
            "Newer.java", "package java.lang; public class Newer {}",
            "Use.java", "package p; import static q.Outer.Inner; class Use extends Inner { Newer newer; }",
            "All.java", "package p; import static q.Outer.*; class All { Other other; }");

    TypeInfo use = index.type("p.Use");
    assertThat(use.supertypes()).containsExactly("q.Outer.Inner");
    assertThat(index.field(use, "newer").type()).isEqualTo("java.lang.Newer");
    assertThat(index.field(index.type("p.All"), "other").type()).isEqualTo("q.Outer.Other");
  }

  @Test
  void releasingTheTreesKeepsTheDeclarations() throws IOException {
    ProgramIndex index =
        index("Impl.java", "package p; class Impl extends Thread { synchronized void go() {} }");
    index.releaseTrees(index.methods());

    TypeInfo impl = index.type("p.Impl");
    assertThat(impl.node()).isNull();
    assertThat(impl.methods()).singleElement().satisfies(m -> {
      assertThat(m.node()).isNull();
      assertThat(m.body()).isNull();
      assertThat(m.isSynchronized()).isTrue();
      assertThat(m.signature()).isEqualTo("p.Impl.go()");
    });
    assertThat(impl.ancestors()).startsWith("java.lang.Thread");
  }
}
