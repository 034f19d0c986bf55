package dev.faultlock.cli;

import static dev.faultlock.cli.CliRun.faultlock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {
  @ParameterizedTest
  @EnumSource(Rule.class)
  void printsTheRulePageJavacPointsTo(Rule rule) throws IOException {
    CliRun run = faultlock("explain", rule.id());

    assertThat(run.out()).isEqualTo(Files.readString(Path.of("..").resolve(rule.docPath())));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void unknownRuleIsAUsageErrorThatListsTheRules() {
    CliRun run = faultlock("explain", "FaultUnderLok");

    assertThat(run.err())
        .startsWith("faultlock: no rule named 'FaultUnderLok'; the rules are FaultUnderLock,")
        .contains("AnnotationMisuse");
    assertThat(run.out()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(2);
  }
}
