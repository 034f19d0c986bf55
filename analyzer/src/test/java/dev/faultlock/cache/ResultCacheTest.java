package dev.faultlock.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCacheTest {
  @TempDir Path dir;
  private Path src;
  private Path cache;
  private final AtomicInteger analyses = new AtomicInteger();
  private final Function<AnalyzerOptions, AnalysisResult> counting =
      o -> {
        analyses.incrementAndGet();
        return Analyzer.analyze(withoutCache(o));
      };

  @BeforeEach
  void program() throws IOException {
    src = dir.resolve("src");
    cache = dir.resolve("cache");
    Files.createDirectories(src.resolve("bank"));
    Files.writeString(
        src.resolve("bank/Accounts.java"),
        """
        package bank;
        class Accounts {
          final Object ledger = new Object();
          final Object audit = new Object();
          void post() { synchronized (ledger) { synchronized (audit) { } } }
          void review() { synchronized (audit) { synchronized (ledger) { } } }
        }
        """);
    Files.writeString(src.resolve("bank/Broken.java"), "class Broken {\n  void f( {\n}\n");
  }

  @Test
  void unchangedInputIsNotAnalysedAgainAndGivesTheSameResult() {
    AnalysisResult cold = ResultCache.analyze(options(2), counting);
    AnalysisResult warm = ResultCache.analyze(options(1), counting);

    assertThat(analyses).hasValue(1);
    assertThat(cold.findings()).isNotEmpty();
    assertThat(cold.problems()).isNotEmpty();
    assertThat(warm.findings()).isEqualTo(cold.findings());
    assertThat(warm.problems()).isEqualTo(cold.problems());
    assertThat(warm.lockGraph()).isEqualTo(cold.lockGraph());
    assertThat(warm.summary()).isEqualTo(cold.summary());
    assertThat(warm.stats().files()).isEqualTo(cold.stats().files());
  }

  @Test
  void aChangedSourceIsAnalysedAgain() throws IOException {
    AnalysisResult before = ResultCache.analyze(options(2), counting);
    // The inversion is fixed: review() now takes the locks in post()'s order.
    Path file = src.resolve("bank/Accounts.java");
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "synchronized (audit) { synchronized (ledger) { } }",
                "synchronized (ledger) { synchronized (audit) { } }"));
    AnalysisResult after = ResultCache.analyze(options(2), counting);

    assertThat(analyses).hasValue(2);
    assertThat(before.findings()).isNotEmpty();
    assertThat(after.findings()).isEmpty();
  }

  @Test
  void aDamagedEntryIsRecomputed() throws IOException {
    AnalysisResult cold = ResultCache.analyze(options(2), counting);
    for (Path entry : entries()) Files.writeString(entry, "{\"findings\": [");
    AnalysisResult again = ResultCache.analyze(options(2), counting);

    assertThat(analyses).hasValue(2);
    assertThat(again.findings()).isEqualTo(cold.findings());
    assertThat(ResultCache.analyze(options(2), counting).findings()).isEqualTo(cold.findings());
    assertThat(analyses).hasValue(2);
  }

  @Test
  void aCacheThatCannotBeWrittenIsOneProblemAndTheResultIsStillRight() throws IOException {
    Files.writeString(cache, "a file where the cache directory should be");
    AnalysisResult uncached = Analyzer.analyze(withoutCache(options(2)));
    AnalysisResult result = ResultCache.analyze(options(2), counting);

    assertThat(result.findings()).isEqualTo(uncached.findings());
    assertThat(result.problems()).hasSize(uncached.problems().size() + 1);
    assertThat(result.problems())
        .anySatisfy(p -> assertThat(p.message()).startsWith("cannot write the analysis cache"));
  }

  @Test
  void onlyTheMostRecentEntriesAreKept() throws IOException {
    Path file = src.resolve("bank/Accounts.java");
    for (int i = 0; i < ResultCache.KEEP + 3; i++) {
      Files.writeString(file, Files.readString(file) + "\n// edit " + i + "\n");
      ResultCache.analyze(options(2), counting);
    }
    assertThat(entries()).hasSize(ResultCache.KEEP);
  }

  @Test
  void theAnalyzerReadsItsCacheDirectory() throws IOException {
    AnalysisResult cold = Analyzer.analyze(options(2));
    assertThat(entries()).singleElement();
    assertThat(cold.findings()).isNotEmpty();
    // Proof that the next run reads the entry and does not analyse: a doctored entry is believed.
    Path entry = entries().get(0);
    ObjectMapper json = new ObjectMapper();
    ObjectNode stored = (ObjectNode) json.readTree(entry.toFile());
    stored.putArray("findings");
    json.writeValue(entry.toFile(), stored);

    assertThat(Analyzer.analyze(options(1)).findings()).isEmpty();
  }

  private AnalyzerOptions options(int jobs) {
    return AnalyzerOptions.builder().source(src).jobs(jobs).cacheDir(cache).build();
  }

  private static AnalyzerOptions withoutCache(AnalyzerOptions o) {
    return new AnalyzerOptions(
        o.sources(), o.classpath(), o.jobs(), null, o.progress(), o.summarize(), o.encoding(),
        o.excludes(), o.rules(), o.faultMethods(), o.pointsTo());
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> list = Files.list(cache)) {
      return list.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
  }
}
