package dev.faultlock.report;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Problem;
import dev.faultlock.findings.TraceStep;
import java.io.IOException;
import java.io.Writer;

/**
 * javac-style text, which terminals, editors and CI logs already know how to link:
 *
 * <pre>
 * src/Inode.java:42: error: [FaultUnderLock] `dst.put` may fault while ...
 *     src/Inode.java:40: acquires inode lock of `this`
 *     src/Inode.java:42: calls `ByteBuffer.put`
 * src/Broken.java:3: warning: [faultlock] ...
 * 1 error, 1 warning
 * </pre>
 */
final class TextReport {
  private static final String INDENT = "    ";

  private TextReport() {}

  static void write(AnalysisResult result, Writer out) throws IOException {
    for (Finding finding : result.findings()) {
      line(
          out,
          finding.location()
              + ": "
              + finding.severity().label()
              + ": ["
              + finding.rule().id()
              + "] "
              + finding.message());
      for (TraceStep step : finding.trace()) {
        line(out, INDENT + step.location() + ": " + step.description());
      }
    }
    for (Problem problem : result.problems()) {
      line(out, problem.location() + ": warning: [" + ToolInfo.NAME + "] " + problem.message());
    }
    line(out, Counts.of(result).toString());
  }

  // Always "\n": reports are byte-identical on every platform.
  private static void line(Writer out, String text) throws IOException {
    out.write(text);
    out.write('\n');
  }
}
