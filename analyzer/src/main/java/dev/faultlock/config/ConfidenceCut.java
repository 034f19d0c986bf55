package dev.faultlock.config;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import java.util.List;

/**
 * What {@code --min-confidence} ({@code minConfidence} in the plugin and in {@code
 * faultlock.json}) leaves of a result: the findings at least that sure are reported, the others
 * are not (not printed, not in any report, so they cannot fail the run), and the front end says
 * how many it left out and how to see them. It applies after the baseline, so that a baseline
 * written with every finding does not call the hidden ones stale.
 *
 * @param shown the result with only the findings at least {@code min} sure
 * @param hidden how many findings were less sure
 */
public record ConfidenceCut(AnalysisResult shown, int hidden) {
  /** {@code result} cut at {@code min}. */
  public static ConfidenceCut of(AnalysisResult result, Confidence min) {
    List<Finding> kept = kept(result.findings(), min);
    if (kept.size() == result.findings().size()) return new ConfidenceCut(result, 0);
    return new ConfidenceCut(
        new AnalysisResult(kept, result.problems(), result.lockGraph(), result.stats(),
            result.summary()),
        result.findings().size() - kept.size());
  }

  /** The findings of {@code findings} at least {@code min} sure, in their order. */
  public static List<Finding> kept(List<Finding> findings, Confidence min) {
    return findings.stream().filter(f -> f.confidence().atLeast(min)).toList();
  }

  /**
   * The line that says what was left out ({@code 3 low-confidence findings not reported; ...
   * shows them}), {@code option} naming the control as the user sets it; {@code null} when
   * nothing was.
   */
  public String note(String option) {
    if (hidden == 0) return null;
    return hidden + " low-confidence finding" + (hidden == 1 ? "" : "s")
        + " not reported (they rely on class-hierarchy dispatch or on objects from outside the"
        + " program); " + option + " reports them";
  }
}
