package dev.faultlock.config;

import static dev.faultlock.config.Findings.error;
import static dev.faultlock.config.Findings.warning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.summary.ProgramSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleLevelsTest {
  private static AnalysisResult result(Finding... findings) {
    return new AnalysisResult(
        List.of(findings), List.of(), LockGraph.empty(),
        new AnalysisResult.Stats(1, 1, 1, 0, 0, 0), ProgramSummary.empty());
  }

  @Test
  void offDropsARulesFindingsAndALevelSetsTheirSeverity() {
    AnalysisResult result = result(error("A.java", 3, "fault"), warning("B.java", 5, "pair"));

    AnalysisResult off = RuleLevels.parse(List.of("FaultUnderLock=off")).apply(result);
    AnalysisResult raised = RuleLevels.of(Map.of("UnsortedSameClassLocks", "Error")).apply(result);

    assertThat(off.findings()).extracting(Finding::fingerprint).containsExactly("pair");
    assertThat(raised.findings())
        .extracting(Finding::severity)
        .containsExactly(Severity.ERROR, Severity.ERROR);
    assertThat(RuleLevels.DEFAULTS.apply(result)).isSameAs(result);
  }

  @Test
  void theUpperLayerWinsRuleByRule() {
    RuleLevels file = RuleLevels.parse(List.of("FaultUnderLock=warning", "LockOrderInversion=off"));
    RuleLevels commandLine = RuleLevels.parse(List.of("LockOrderInversion=error"));

    assertThat(commandLine.over(file).levels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Rule.FAULT_UNDER_LOCK, RuleLevels.Level.WARNING,
                Rule.LOCK_ORDER_INVERSION, RuleLevels.Level.ERROR));
  }

  @Test
  void unknownRulesAndLevelsAreNamedWithWhatThereIs() {
    assertThatThrownBy(() -> RuleLevels.parse(List.of("Unsorted=off")))
        .hasMessageStartingWith("unknown rule 'Unsorted' (expected one of FaultUnderLock, ");
    assertThatThrownBy(() -> RuleLevels.of(Map.of("FaultUnderLock", "info")))
        .hasMessage("unknown level 'info' (expected one of off, warning, error)");
    assertThatThrownBy(() -> RuleLevels.parse(List.of("FaultUnderLock")))
        .hasMessageContaining("is not RULE=LEVEL");
  }
}
