package dev.faultlock.maven;

import dev.faultlock.catalog.Severity;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Problem;
import dev.faultlock.report.ConfidenceText;
import dev.faultlock.report.TraceLines;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * Prints findings in the build log the way javac prints diagnostics: {@code path:line: [RuleId]
 * message} at the finding's level, the witness trace below it at the same level, laid out as the
 * text report lays it out ({@link TraceLines}). Maven prefixes {@code [ERROR]} or {@code
 * [WARNING]}, so IDE consoles and CI problem matchers that read javac-style lines link every
 * finding and every trace step to its source.
 */
final class FindingLog {
  static final String TRACE_INDENT = TraceLines.INDENT;

  private FindingLog() {}

  /** The lines of one finding: the headline, then its trace. */
  static List<String> lines(Finding f) {
    List<String> lines = new ArrayList<>();
    lines.add(f.location() + ": [" + f.rule().id() + "] " + f.message() + ConfidenceText.suffix(f));
    lines.addAll(TraceLines.of(f));
    return lines;
  }

  static void print(Log log, Finding f) {
    for (String line : lines(f)) {
      if (f.severity() == Severity.ERROR) {
        log.error(line);
      } else {
        log.warn(line);
      }
    }
  }

  /** Bad input the analysis met and went past: a warning, the rest was still analysed. */
  static void print(Log log, Problem p) {
    log.warn(p.location() + ": " + p.message());
  }
}
