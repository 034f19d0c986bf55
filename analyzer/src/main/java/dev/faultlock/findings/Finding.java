package dev.faultlock.findings;

import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import java.util.List;

/**
 * One reported problem with its witness trace.
 *
 * @param trace every step of the witness, in order
 * @param fingerprint stable across unrelated edits (no line numbers in it): what baselines and
 *     SARIF {@code partialFingerprints} key on
 * @param sections the same steps, cut into headed runs where the trace has parts (a cycle's
 *     edges); one untitled section otherwise
 */
public record Finding(
    Rule rule,
    Severity severity,
    Location location,
    String message,
    List<TraceStep> trace,
    String fingerprint,
    List<TraceSection> sections) {
  public Finding {
    trace = List.copyOf(trace);
    sections = List.copyOf(sections);
    if (!TraceSection.allSteps(sections).equals(trace)) {
      throw new IllegalArgumentException("the sections are not the trace: " + sections);
    }
  }

  /** A finding whose trace is one untitled run of steps. */
  public Finding(
      Rule rule,
      Severity severity,
      Location location,
      String message,
      List<TraceStep> trace,
      String fingerprint) {
    this(rule, severity, location, message, trace, fingerprint,
        List.of(new TraceSection("", trace)));
  }

  /** How sure the finding is: as sure as the least sure step of its witness. */
  public Confidence confidence() {
    Confidence c = Confidence.HIGH;
    for (TraceStep s : trace) c = c.min(s.confidence());
    return c;
  }
}
