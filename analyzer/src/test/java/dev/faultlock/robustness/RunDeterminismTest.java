package dev.faultlock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.report.ReportFormat;
import dev.faultlock.report.Reports;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input gives byte-identical reports: across two runs, and with one thread or two
 * (parsing and analysis are parallel; nothing may depend on which thread finished first).
 * Real code from src.zip plus a program with known lock-order findings.
 */
class RunDeterminismTest {
  @TempDir static Path dir;

  @BeforeAll
  static void corpus() throws IOException {
    JdkSources.sample(
        dir,
        100,
        "java.base/java/util/Collections.java",
        "java.base/java/util/Vector.java",
        "java.base/java/util/Hashtable.java",
        "java.logging/java/util/logging/Logger.java",
        "java.logging/java/util/logging/LogManager.java");
    Programs.abba(dir);
  }

  @Test
  void twoRunsAndOneOrTwoJobsGiveTheSameBytes() throws IOException {
    Map<ReportFormat, String> first = reports(run(2));
    assertThat(first.get(ReportFormat.TEXT)).contains("[LockOrderInversion]");
    assertThat(reports(run(2))).isEqualTo(first);
    assertThat(reports(run(1))).isEqualTo(first);
  }

  private static AnalysisResult run(int jobs) {
    return Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(jobs).build());
  }

  private static Map<ReportFormat, String> reports(AnalysisResult result) throws IOException {
    Map<ReportFormat, String> out = new EnumMap<>(ReportFormat.class);
    for (ReportFormat format : ReportFormat.values()) {
      StringWriter w = new StringWriter();
      Reports.write(format, result, w);
      out.put(format, w.toString());
    }
    return out;
  }
}
