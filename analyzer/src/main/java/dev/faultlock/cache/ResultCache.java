package dev.faultlock.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.Problem;
import dev.faultlock.source.JavaSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Re-uses the result of an earlier run on the same input ({@link AnalyzerOptions#cacheDir()}).
 * The result is a function of the sources' bytes, the classpath and the analyzer itself, so a
 * run whose {@link InputKey} was seen before returns the stored result instead of parsing and
 * analysing again: an unchanged re-run costs reading and hashing the sources.
 *
 * <p>This is the first level. Any change to a source (or the classpath, or the analyzer) misses
 * it, and the analysis runs with the second level, the per-file entries of {@link ProgramFacts}
 * in the same directory: only the files whose entries cannot be reused are parsed, and the
 * whole-program part (call graph, summaries, rules) runs again on all the facts.
 *
 * <p>The cache never decides a result: an entry that cannot be read is recomputed and
 * overwritten, and a cache directory that cannot be written costs one {@link Problem}.
 */
public final class ResultCache {
  /** Entries kept per cache directory: several checkouts or branches may share one. */
  static final int KEEP = 4;

  private static final String PREFIX = "result-";
  private static final String SUFFIX = ".json";
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ResultCache() {}

  /**
   * The result for {@code options}: the stored one when its key matches, otherwise {@code
   * analysis} applied to {@code options}, then stored. Without a cache directory it only runs
   * {@code analysis}.
   */
  public static AnalysisResult analyze(
      AnalyzerOptions options, Function<AnalyzerOptions, AnalysisResult> analysis) {
    Path dir = options.cacheDir();
    if (dir == null) return analysis.apply(options);
    long start = System.nanoTime();
    String key;
    try {
      key = InputKey.of(options);
    } catch (IOException | UncheckedIOException e) {
      // A source that cannot be read now is reported by the analysis itself.
      return analysis.apply(options);
    }
    Path entry = dir.resolve(PREFIX + key + SUFFIX);
    AnalysisResult stored = read(entry);
    if (stored != null) {
      AnalysisResult.Stats s = stored.stats();
      return new AnalysisResult(
          stored.findings(), stored.problems(), stored.lockGraph(),
          new AnalysisResult.Stats(
              s.files(), s.types(), s.methods(), s.callEdges(), s.unresolvedCalls(),
              (System.nanoTime() - start) / 1_000_000, 0, 0),
          stored.summary());
    }
    AnalysisResult result = analysis.apply(options);
    try {
      write(dir, entry, result);
    } catch (IOException | UncheckedIOException e) {
      List<Problem> problems = new ArrayList<>(result.problems());
      problems.add(
          new Problem(
              new Location(JavaSources.show(dir), 0, 0),
              "cannot write the analysis cache (" + e.getClass().getSimpleName() + "); "
                  + "the next run analyses everything again"));
      return new AnalysisResult(
          result.findings(), problems, result.lockGraph(), result.stats(), result.summary());
    }
    return result;
  }

  private static AnalysisResult read(Path entry) {
    if (!Files.isRegularFile(entry)) return null;
    try (InputStream in = Files.newInputStream(entry)) {
      return JSON.readValue(in, AnalysisResult.class);
    } catch (IOException | RuntimeException e) {
      // Truncated by a killed run, or written by another version: recompute and overwrite.
      return null;
    }
  }

  private static void write(Path dir, Path entry, AnalysisResult result) throws IOException {
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, PREFIX, ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        JSON.writeValue(out, result);
      }
      try {
        Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    evict(dir, entry);
  }

  /** Keeps the {@link #KEEP} most recently written entries. */
  private static void evict(Path dir, Path keep) throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries =
          list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX) && !p.equals(keep);
              })
              .sorted(Comparator.comparing(ResultCache::modified).reversed())
              .toList();
    }
    for (int i = KEEP - 1; i < entries.size(); i++) Files.deleteIfExists(entries.get(i));
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
