package dev.faultlock.report;

import dev.faultlock.findings.Finding;
import dev.faultlock.findings.TraceSection;
import dev.faultlock.findings.TraceStep;
import java.util.ArrayList;
import java.util.List;

/**
 * A finding's witness trace as the lines below its headline, the same in the text report and in
 * the Maven build log: one {@code path:line: step} a line, indented; a headed section (a cycle's
 * edge) as its heading, with its steps indented once more.
 *
 * <pre>
 *     edge 1 of 2: inode -> journal
 *         src/Inode.java:40: acquires lock `this` (class inode)
 *         src/Inode.java:42: acquires lock `journal` (class journal)
 *     edge 2 of 2: journal -> inode
 *         ...
 * </pre>
 */
public final class TraceLines {
  /** How far the trace stands in from its finding, and a section's steps from its heading. */
  public static final String INDENT = "    ";

  private TraceLines() {}

  /** The trace lines of {@code finding}, without line ends. */
  public static List<String> of(Finding finding) {
    List<String> lines = new ArrayList<>();
    for (TraceSection section : finding.sections()) {
      String indent = INDENT;
      if (section.titled()) {
        lines.add(INDENT + section.title());
        indent = INDENT + INDENT;
      }
      for (TraceStep step : section.steps()) {
        lines.add(indent + step.location() + ": " + step.description());
      }
    }
    return lines;
  }
}
