package dev.faultlock.report;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Problem;
import java.io.IOException;
import java.io.Writer;

/**
 * javac-style text, which terminals, editors and CI logs already know how to link:
 *
 * <pre>
 * src/Inode.java:42: error: [FaultUnderLock] `dst.put` may fault while ...
 *     src/Inode.java:40: acquires lock `this` (class inode)
 *     src/Inode.java:42: calls `ByteBuffer.put`
 * src/Journal.java:9: error: [LockOrderInversion] possible circular locking dependency: ...
 *     edge 1 of 2: inode -> journal
 *         src/Journal.java:8: acquires lock `inode` (class inode)
 *         src/Journal.java:9: acquires lock `this` (class journal)
 *     edge 2 of 2: journal -> inode
 *         ...
 * src/Pool.java:7: warning: [LockOrderInversion] ... (low confidence)
 *     ...
 * src/Broken.java:3: warning: [faultlock] ...
 * 2 errors, 1 warning
 * </pre>
 */
final class TextReport {
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
              + finding.message()
              + ConfidenceText.suffix(finding));
      for (String step : TraceLines.of(finding)) {
        line(out, step);
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
