package dev.faultlock.maven;

import dev.faultlock.catalog.Messages;
import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceSection;
import dev.faultlock.findings.TraceStep;
import java.util.List;

/** Findings for tests, built the way the analyzer builds them. */
final class Findings {
  private Findings() {}

  static Finding finding(Rule rule, String file, int line, String fingerprint) {
    return new Finding(
        rule,
        rule.severity(),
        new Location(file, line, 5),
        "message of " + fingerprint,
        List.of(
            new TraceStep(new Location(file, line - 2, 5), "acquires lock `this` (class inode)"),
            new TraceStep(new Location(file, line, 9), "calls `UserBuffer.put`")),
        fingerprint);
  }

  /** A two-class cycle in {@code file}, its trace one section per edge. */
  static Finding cycle(String file) {
    List<TraceSection> edges =
        List.of(
            new TraceSection(
                Messages.cycleEdge(1, 2, "inode", "journal"),
                List.of(
                    new TraceStep(new Location(file, 3, 5), "acquires lock `this` (class inode)"),
                    new TraceStep(
                        new Location(file, 4, 5), "acquires lock `journal` (class journal)"))),
            new TraceSection(
                Messages.cycleEdge(2, 2, "journal", "inode"),
                List.of(
                    new TraceStep(
                        new Location(file, 8, 5), "acquires lock `journal` (class journal)"),
                    new TraceStep(new Location(file, 9, 5), "acquires lock `inode` (class inode)"))));
    return new Finding(
        Rule.LOCK_ORDER_INVERSION,
        Rule.LOCK_ORDER_INVERSION.severity(),
        new Location(file, 4, 5),
        "message of cycle",
        TraceSection.allSteps(edges),
        "cycle",
        edges);
  }

  static Finding error(String file, int line, String fingerprint) {
    return finding(Rule.FAULT_UNDER_LOCK, file, line, fingerprint);
  }

  static Finding warning(String file, int line, String fingerprint) {
    return finding(Rule.UNSORTED_SAME_CLASS_LOCKS, file, line, fingerprint);
  }
}
