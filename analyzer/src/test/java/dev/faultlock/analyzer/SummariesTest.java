package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.Programs.ROOT;
import static dev.faultlock.analyzer.Programs.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import dev.faultlock.summary.ProgramSummary;
import dev.faultlock.summary.Summaries;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module A's summary lets module B's analysis see A's fault handler and @MayFault copy. */
class SummariesTest {
  @TempDir Path dir;

  private static AnalysisResult analyze(Path source, List<Path> classpath) {
    return Analyzer.analyze(
        AnalyzerOptions.builder().source(source).classpath(classpath).jobs(2).summarize(true).build());
  }

  @Test
  void checkingAloneLeavesTheSummaryEmpty() {
    AnalysisResult checked =
        Analyzer.analyze(AnalyzerOptions.builder().source(ROOT.resolve("modules/a")).jobs(2).build());
    assertThat(checked.summary().types()).isEmpty();
    assertThat(analyze(ROOT.resolve("modules/a"), List.of()).summary().types()).isNotEmpty();
  }

  private Path writeModuleA() throws IOException {
    AnalysisResult a = analyze(ROOT.resolve("modules/a"), List.of());
    assertThat(a.findings()).isEmpty();
    Path classes = dir.resolve("a-classes");
    Summaries.write(a, classes.resolve(Summaries.RESOURCE));
    return classes;
  }

  @Test
  void summaryDescribesPublicMethodsHandlersAndLockClasses() throws IOException {
    Path classes = writeModuleA();
    ProgramSummary s = Summaries.read(classes.resolve(Summaries.RESOURCE));
    assertThat(s.format()).isEqualTo(ProgramSummary.FORMAT);
    assertThat(s.types()).extracting(ProgramSummary.TypeSummary::name)
        .containsExactly("lib.PagedFile", "lib.UserMemory");
    ProgramSummary.TypeSummary file = s.types().get(0);
    assertThat(file.lockClass()).isEqualTo("inode");
    ProgramSummary.MethodSummary fault = file.methods().get(0);
    assertThat(fault.name()).isEqualTo("fault");
    assertThat(fault.faultHandler()).isEqualTo("page");
    assertThat(fault.acquires()).singleElement().satisfies(acq -> {
      assertThat(acq.lockClass()).isEqualTo("inode");
      assertThat(acq.lock()).isEqualTo("this");
      assertThat(acq.blocking()).isTrue();
      assertThat(acq.witness()).containsExactly(
          "src/test/resources/programs/modules/a/lib/PagedFile.java:12: acquires lock `this`"
              + " (class inode), synchronized method");
    });
    assertThat(fault.location()).isEqualTo("src/test/resources/programs/modules/a/lib/PagedFile.java:12");
    ProgramSummary.MethodSummary write = s.types().get(1).methods().get(0);
    assertThat(write.faults()).extracting(ProgramSummary.Fault::domain).containsExactly("page");
  }

  @Test
  void moduleBFindsTheCopyIntoModuleAFromAClassDirectory() throws IOException {
    Path classes = writeModuleA();
    assertThat(analyze(ROOT.resolve("modules/b"), List.of()).findings()).isEmpty();

    AnalysisResult b = analyze(ROOT.resolve("modules/b"), List.of(classes));
    assertThat(b.problems()).isEmpty();
    assertThat(b.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Rule.FAULT_UNDER_LOCK);
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(Programs.where(f)).isEqualTo("Reader.java:10");
      assertThat(steps(f)).containsExactly(
          "Reader.java:9: acquires lock `this` (class inode), synchronized method",
          "Reader.java:10: calls `UserMemory.write`",
          "PagedFile.java:12: faults -> `PagedFile.fault`",
          "PagedFile.java:12: acquires lock `this` (class inode), synchronized method");
    });
  }

  /**
   * With points-to, module A's code is library code without sources: the summary's effects are
   * bound at the call by receiver and parameters, as without it, and the finding is the same.
   */
  @Test
  void moduleBFindsItWithPointsToToo() throws IOException {
    Path classes = writeModuleA();
    AnalysisResult b = Analyzer.analyze(AnalyzerOptions.builder().source(ROOT.resolve("modules/b"))
        .classpath(List.of(classes)).jobs(2).pointsTo(true).build());
    assertThat(b.problems()).isEmpty();
    assertThat(b.stats().pointsTo()).isNotNull();
    assertThat(b.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Rule.FAULT_UNDER_LOCK);
      assertThat(Programs.where(f)).isEqualTo("Reader.java:10");
      assertThat(steps(f)).last().isEqualTo(
          "PagedFile.java:12: acquires lock `this` (class inode), synchronized method");
    });
  }

  @Test
  void moduleBFindsItFromAJarToo() throws IOException {
    Path classes = writeModuleA();
    Path jar = dir.resolve("a.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(Summaries.RESOURCE));
      zip.write(Files.readAllBytes(classes.resolve(Summaries.RESOURCE)));
      zip.closeEntry();
    }
    AnalysisResult b = analyze(ROOT.resolve("modules/b"), List.of(jar));
    assertThat(b.findings()).extracting(f -> f.rule()).containsExactly(Rule.FAULT_UNDER_LOCK);
  }

  @Test
  void brokenSummaryIsAProblemNotACrash() throws IOException {
    Path classes = dir.resolve("broken");
    Files.createDirectories(classes.resolve("META-INF/faultlock"));
    Files.writeString(classes.resolve(Summaries.RESOURCE), "{ not json");
    AnalysisResult b = analyze(ROOT.resolve("modules/b"), List.of(classes, dir.resolve("missing.jar")));
    assertThat(b.problems()).extracting(p -> p.message())
        .anySatisfy(m -> assertThat(m).startsWith("cannot read faultlock summaries"))
        .anySatisfy(m -> assertThat(m).isEqualTo("classpath entry does not exist"));
  }
}
