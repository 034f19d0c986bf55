package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.Programs.analyze;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SPEC's safe patterns: each must stay silent, and each parses and resolves cleanly. */
class SafePatternsTest {
  @ParameterizedTest
  @ValueSource(strings = {"safe/sorted", "safe/retry", "safe/trylock", "safe/nolock", "safe/reentrant", "gated"})
  void isSilent(String program) {
    AnalysisResult r = analyze(program);
    assertThat(r.problems()).isEmpty();
    assertThat(r.findings()).isEmpty();
    assertThat(r.stats().unresolvedCalls()).isZero();
    assertThat(r.stats().methods()).isPositive();
  }
}
