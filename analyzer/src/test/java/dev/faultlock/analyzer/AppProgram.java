package dev.faultlock.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small program in package {@code app}, written by a test into its temporary directory. */
final class AppProgram {
  private AppProgram() {}

  /** Writes {@code source} as {@code app/name}, in package {@code app} (two lines above it). */
  static void write(Path dir, String name, String source) throws IOException {
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app").resolve(name), "package app;\n\n" + source);
  }

  /** Analyses the program under {@code dir}: no problems, and only findings of {@code rule}. */
  static List<Finding> analyse(Path dir, Rule rule) {
    AnalysisResult r = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());
    assertThat(r.problems()).isEmpty();
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.rule()).isEqualTo(rule));
    return r.findings();
  }

  /** Where each finding is, as {@code File.java:line}. */
  static List<String> lines(List<Finding> findings) {
    return findings.stream()
        .map(f -> Path.of(f.location().file()).getFileName() + ":" + f.location().line())
        .toList();
  }
}
