package dev.faultlock.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.RulePages;
import dev.faultlock.catalog.Severity;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@code @BugPattern} needs constants, so the catalog's ids are repeated there: keep them equal. */
class CatalogConsistencyTest {
  static List<Object[]> checkers() {
    return List.of(
        new Object[] {FaultUnderLock.class, Rule.FAULT_UNDER_LOCK},
        new Object[] {UnsortedSameClassLocks.class, Rule.UNSORTED_SAME_CLASS_LOCKS},
        new Object[] {DeclaredOrderViolation.class, Rule.DECLARED_ORDER_VIOLATION},
        new Object[] {AnnotationMisuse.class, Rule.ANNOTATION_MISUSE});
  }

  @ParameterizedTest
  @MethodSource("checkers")
  void bugPatternMatchesTheCatalog(Class<? extends BugChecker> checker, Rule rule) {
    BugPattern pattern = checker.getAnnotation(BugPattern.class);
    assertThat(pattern.name()).isEqualTo(rule.id());
    assertThat(pattern.summary()).isEqualTo(rule.summary());
    assertThat(pattern.severity().name()).isEqualTo(rule.severity() == Severity.ERROR ? "ERROR" : "WARNING");
    assertThat(pattern.link()).isEqualTo(RulePages.seeAlso(rule));
    assertThat(pattern.linkType()).isEqualTo(BugPattern.LinkType.CUSTOM);
    assertThat(pattern.altNames()).containsExactly(Rule.SUPPRESS_ALL);
  }

  @Test
  void everyCheckerIsRegisteredAsAService() {
    List<String> registered =
        StreamSupport.stream(ServiceLoader.load(BugChecker.class).spliterator(), false)
            .map(c -> c.getClass().getSimpleName())
            .filter(name -> checkers().stream().anyMatch(c -> ((Class<?>) c[0]).getSimpleName().equals(name)))
            .toList();
    assertThat(registered)
        .containsExactlyInAnyOrder(
            "FaultUnderLock", "UnsortedSameClassLocks", "DeclaredOrderViolation", "AnnotationMisuse");
  }
}
