package dev.faultlock.config;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Location;
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
            new TraceStep(new Location(file, line - 2, 5), "acquires inode lock of `this`"),
            new TraceStep(new Location(file, line, 9), "calls `UserBuffer.put`")),
        fingerprint);
  }

  static Finding error(String file, int line, String fingerprint) {
    return finding(Rule.FAULT_UNDER_LOCK, file, line, fingerprint);
  }

  static Finding warning(String file, int line, String fingerprint) {
    return finding(Rule.UNSORTED_SAME_CLASS_LOCKS, file, line, fingerprint);
  }
}
