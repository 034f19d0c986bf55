package dev.faultlock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.findings.Problem;
import dev.faultlock.source.JavaSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred files of the JDK's own sources, taken across every module, analysed as one
 * program: nothing may escape as an exception, and whatever cannot be parsed or analysed is a
 * {@link Problem} that names one of the files and a line. (The whole src.zip is checked by
 * {@code bench/robustness-full.sh}.)
 */
class RealCodeRobustnessTest {
  @TempDir Path dir;

  @Test
  void sampleOfSrcZipIsAnalysedAndEveryProblemNamesAFileAndLine() throws IOException {
    List<Path> files =
        JdkSources.sample(
            dir,
            300,
            // Code with many monitors and locks, whatever the stride picks.
            "java.base/java/util/Collections.java",
            "java.base/java/util/concurrent/ConcurrentHashMap.java",
            "java.base/java/util/concurrent/locks/ReentrantReadWriteLock.java",
            "java.logging/java/util/logging/LogManager.java",
            "jdk.zipfs/jdk/nio/zipfs/ZipFileSystem.java");
    Set<String> shown = files.stream().map(JavaSources::show).collect(Collectors.toSet());

    AnalysisResult result = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());

    assertThat(result.stats().files()).isEqualTo(files.size());
    assertThat(result.stats().types()).isGreaterThan(files.size() / 2);
    assertThat(result.problems())
        .allSatisfy(
            p -> {
              assertThat(shown).as(p.toString()).contains(p.location().file());
              assertThat(p.location().line()).as(p.toString()).isPositive();
              assertThat(p.message()).doesNotContain("\n").doesNotContain("Exception");
            });
    assertThat(result.findings())
        .allSatisfy(f -> assertThat(shown).as(f.toString()).contains(f.location().file()));
  }
}
