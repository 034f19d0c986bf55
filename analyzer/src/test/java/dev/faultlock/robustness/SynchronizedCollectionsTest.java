package dev.faultlock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's synchronized collections, from src.zip: {@code Vector.indexOf(o)} holds this vector
 * and runs {@code o.equals}, which is {@code Vector.equals} locking {@code o}; {@code
 * Hashtable.equals} does the same with its values. Two threads comparing two collections in
 * opposite directions deadlock, a documented hazard: these true positives must survive the
 * dispatch narrowing for receivers typed {@code Object}, while re-entering the same vector
 * through {@code super.m()} stays quiet.
 */
class SynchronizedCollectionsTest {
  @TempDir Path dir;

  @Test
  void equalsNestingOfSynchronizedCollectionsIsReported() throws IOException {
    JdkSources.sample(
        dir,
        1,
        "java.base/java/util/Vector.java",
        "java.base/java/util/Hashtable.java",
        "java.base/java/util/AbstractList.java",
        "java.base/java/util/AbstractCollection.java");

    AnalysisResult result = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());

    assertThat(result.findings())
        .filteredOn(f -> f.rule() == Rule.UNSORTED_SAME_CLASS_LOCKS)
        .extracting(SynchronizedCollectionsTest::where)
        .contains("Vector.java:400", "Hashtable.java:829");
    assertThat(result.findings())
        .filteredOn(f -> where(f).equals("Vector.java:400"))
        .first()
        .satisfies(f -> assertThat(f.message()).startsWith("lock `o` (class Vector) is acquired while `this` of the same class is held"));
    // Vector.removeAll and friends call super.m() on this very vector: reentrant.
    assertThat(result.findings())
        .noneSatisfy(f -> assertThat(f.message()).contains("lock `this` is acquired while"));
  }

  private static String where(Finding f) {
    return Path.of(f.location().file()).getFileName() + ":" + f.location().line();
  }
}
