package dev.faultlock.analyzer;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.TraceStep;
import java.nio.file.Path;
import java.util.List;

/** Runs the analyzer over the test programs under {@code src/test/resources/programs}. */
final class Programs {
  static final Path ROOT = Path.of("src/test/resources/programs");

  private Programs() {}

  static AnalysisResult analyze(String... programs) {
    AnalyzerOptions.Builder b = AnalyzerOptions.builder().jobs(2);
    for (String p : programs) b.source(ROOT.resolve(p));
    return Analyzer.analyze(b.build());
  }

  static List<Finding> of(AnalysisResult r, Rule rule) {
    return r.findings().stream().filter(f -> f.rule() == rule).toList();
  }

  /** A trace as {@code File.java:line: what}, file names without directories. */
  static List<String> steps(Finding f) {
    return f.trace().stream().map(Programs::step).toList();
  }

  static String step(TraceStep s) {
    String file = s.location().file();
    return file.substring(file.lastIndexOf('/') + 1) + ':' + s.location().line() + ": " + s.description();
  }

  static String where(Finding f) {
    String file = f.location().file();
    return file.substring(file.lastIndexOf('/') + 1) + ':' + f.location().line();
  }
}
