package dev.faultlock.report;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.catalog.Severity;
import dev.faultlock.findings.Finding;

/**
 * How many errors and warnings a result holds, as the last line of the text report says. Problems
 * (bad input met on the way) count as warnings: they are printed as warnings, and {@code --fail-on
 * warning} should not pass a run that could not read all of its input.
 */
public record Counts(int errors, int warnings) {
  public static Counts of(AnalysisResult result) {
    int errors = 0;
    int warnings = result.problems().size();
    for (Finding finding : result.findings()) {
      if (finding.severity() == Severity.ERROR) {
        errors++;
      } else {
        warnings++;
      }
    }
    return new Counts(errors, warnings);
  }

  /** Whether anything at or above {@code severity} was found. */
  public boolean anyAtOrAbove(Severity severity) {
    return errors > 0 || (severity == Severity.WARNING && warnings > 0);
  }

  /** {@code "2 errors, 1 warning"}. */
  @Override
  public String toString() {
    return plural(errors, "error") + ", " + plural(warnings, "warning");
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
