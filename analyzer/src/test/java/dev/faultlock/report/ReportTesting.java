package dev.faultlock.report;

import dev.faultlock.analyzer.AnalysisResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Runs a report writer into a string. */
final class ReportTesting {
  private ReportTesting() {}

  static String render(ReportFormat format, AnalysisResult result) {
    StringWriter out = new StringWriter();
    try {
      Reports.write(format, result, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
