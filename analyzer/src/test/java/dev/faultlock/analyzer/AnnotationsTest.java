package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.Programs.analyze;
import static dev.faultlock.analyzer.Programs.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import org.junit.jupiter.api.Test;

class AnnotationsTest {
  @Test
  void annotationsThatCannotMeanWhatTheySay() {
    AnalysisResult r = analyze("misuse");
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.rule()).isEqualTo(Rule.ANNOTATION_MISUSE));
    assertThat(r.findings()).extracting(f -> where(f) + " " + f.message()).containsExactly(
        "Misused.java:12 @LockOrder: needs at least two lock classes to order",
        "Misused.java:16 @Acquires: lock expression `lokc` names no parameter or field of `Misused.typo`",
        "Misused.java:21 @SortedAcquire: names no lock class: say which class it acquires in sorted"
            + " order, such as @SortedAcquire(\"inode\")",
        "Misused.java:24 @Holding: lock expression `other.lock` names no parameter or field of"
            + " `Misused.noSuchParameter`");
  }

  @Test
  void suppressWarningsByRuleIdOrFaultlockOnMethodOrClass() {
    AnalysisResult r = analyze("suppressed");
    // read() suppresses FaultUnderLock; Silent suppresses everything; notThisRule() suppresses
    // another rule only.
    assertThat(r.findings()).extracting(f -> f.rule() + " " + where(f))
        .containsExactly(Rule.FAULT_UNDER_LOCK + " Quiet.java:21");
  }
}
