package dev.faultlock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlock.catalog.Severity;
import org.junit.jupiter.api.Test;

class FailOnTest {
  @Test
  void parsesEveryValueIgnoringCaseAndBlanks() {
    assertThat(FailOn.parse("error")).isEqualTo(FailOn.ERROR);
    assertThat(FailOn.parse(" WARNING ")).isEqualTo(FailOn.WARNING);
    assertThat(FailOn.parse("Never")).isEqualTo(FailOn.NEVER);
  }

  @Test
  void unknownValuesNameTheAcceptedOnes() {
    assertThatThrownBy(() -> FailOn.parse("warnings"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown level 'warnings' (expected one of error, warning, never)");
    assertThatThrownBy(() -> FailOn.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thresholds() {
    assertThat(FailOn.ERROR.fails(Severity.ERROR)).isTrue();
    assertThat(FailOn.ERROR.fails(Severity.WARNING)).isFalse();
    assertThat(FailOn.WARNING.fails(Severity.ERROR)).isTrue();
    assertThat(FailOn.WARNING.fails(Severity.WARNING)).isTrue();
    assertThat(FailOn.NEVER.fails(Severity.ERROR)).isFalse();
    assertThat(FailOn.NEVER.fails(Severity.WARNING)).isFalse();
  }
}
