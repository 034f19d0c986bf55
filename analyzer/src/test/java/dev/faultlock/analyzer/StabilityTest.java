package dev.faultlock.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StabilityTest {
  @TempDir Path dir;

  @Test
  void fingerprintsSurviveUnrelatedLineShiftsAndHoldNoPathsOrLines() throws IOException {
    Path original = Programs.ROOT.resolve("fault");
    Path shifted = dir.resolve("elsewhere/fault");
    Files.createDirectories(shifted);
    for (String name : List.of("BuggyFile.java", "UserMemory.java")) {
      String text = Files.readString(original.resolve(name));
      Files.writeString(shifted.resolve(name), text.replace("package fault;\n", "package fault;\n\n\n\n"));
    }
    Finding before = Programs.analyze("fault").findings().get(0);
    Finding after =
        Analyzer.analyze(AnalyzerOptions.builder().source(shifted).build()).findings().get(0);

    assertThat(after.location().line()).isEqualTo(before.location().line() + 3);
    assertThat(after.fingerprint()).isEqualTo(before.fingerprint()).hasSize(32);
    assertThat(before.fingerprint()).matches("[0-9a-f]{32}");
  }

  @Test
  void differentFindingsHaveDifferentFingerprintsAndRunsAreIdentical() {
    AnalysisResult one = Programs.analyze("unsorted", "lambda", "inversion");
    AnalysisResult two = Programs.analyze("unsorted", "lambda", "inversion");
    assertThat(one.findings()).isEqualTo(two.findings());
    assertThat(one.lockGraph()).isEqualTo(two.lockGraph());
    assertThat(one.findings()).extracting(Finding::fingerprint).doesNotHaveDuplicates();
  }

  @Test
  void aBrokenFileIsAProblemAndTheOtherFilesStillProduceTheirFindings() throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.copy(Programs.ROOT.resolve("badinput/Broken.java"), src.resolve("Broken.java"));
    Files.copy(Programs.ROOT.resolve("fault/BuggyFile.java"), src.resolve("BuggyFile.java"));
    Files.copy(Programs.ROOT.resolve("fault/UserMemory.java"), src.resolve("UserMemory.java"));

    AnalysisResult r = Analyzer.analyze(AnalyzerOptions.builder().source(src).jobs(2).build());

    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.location().file()).endsWith("Broken.java");
      assertThat(p.location().line()).isEqualTo(5);
    });
    assertThat(r.findings()).extracting(Finding::rule).containsExactly(Rule.FAULT_UNDER_LOCK);
    assertThat(r.stats().files()).isEqualTo(3);
  }
}
