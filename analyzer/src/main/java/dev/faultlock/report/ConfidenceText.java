package dev.faultlock.report;

import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;

/**
 * How the text reports say a finding is not sure: {@code (low confidence)} after the message, and
 * nothing for a sure one, so the javac-style line of an ordinary finding reads as before and
 * tools that link {@code file:line:} are not disturbed. The note goes at the end because
 * everything before the message is what editors and CI logs parse.
 */
public final class ConfidenceText {
  static final String LOW = " (low confidence)";

  private ConfidenceText() {}

  public static String suffix(Finding finding) {
    return finding.confidence() == Confidence.LOW ? LOW : "";
  }
}
