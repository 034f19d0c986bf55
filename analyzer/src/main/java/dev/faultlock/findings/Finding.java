package dev.faultlock.findings;

import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import java.util.List;

/**
 * One reported problem with its witness trace.
 *
 * @param fingerprint stable across unrelated edits (no line numbers in it): what baselines and
 *     SARIF {@code partialFingerprints} key on
 */
public record Finding(
    Rule rule,
    Severity severity,
    Location location,
    String message,
    List<TraceStep> trace,
    String fingerprint) {
  public Finding {
    trace = List.copyOf(trace);
  }
}
