package dev.faultlock.pta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analysis run with points-to asked for: solved over every method, cache or not. */
class PointsToRunTest {
  @TempDir Path dir;

  private static final String API = """
      package p;

      public class Api {
        private final Object lock = new Object();

        public void run(Runnable r) {
          synchronized (lock) {
            r.run();
          }
        }
      }
      """;

  private static final String USER = """
      package p;

      public class User {
        public void use(Api api) {
          api.run(() -> {});
        }
      }
      """;

  private AnalyzerOptions options(Path cache, boolean pointsTo) {
    AnalyzerOptions.Builder b = AnalyzerOptions.builder().source(dir.resolve("src")).jobs(1).pointsTo(pointsTo);
    return (cache == null ? b : b.cacheDir(cache)).build();
  }

  private void write(String name, String text) throws IOException {
    Path f = dir.resolve("src/p/" + name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  @Test
  void solvesOverEveryMethodOnlyWhenAsked() throws IOException {
    write("Api.java", API);
    write("User.java", USER);

    assertThat(Analyzer.analyze(options(null, false)).stats().pointsTo()).isNull();
    PointsToResult.Stats s = Analyzer.analyze(options(null, true)).stats().pointsTo();
    // Api.run, User.use (entry points) and the lambda, run by the call on a symbolic receiver.
    assertThat(s.reachableMethods()).isEqualTo(3);
    assertThat(s.callEdges()).isPositive();
  }

  @Test
  void aCachedRunStillLowersEveryFileForPointsTo() throws IOException {
    write("Api.java", API);
    write("User.java", USER);
    Path cache = dir.resolve("cache");
    Analyzer.analyze(options(cache, false));
    // A body-only edit: without points-to only this file would be parsed again.
    write("User.java", USER.replace("api.run(() -> {});", "api.run(() -> {});\n    api.run(() -> {});"));

    AnalysisResult withPointsTo = Analyzer.analyze(options(cache, true));
    assertThat(withPointsTo.stats().filesParsed()).isEqualTo(2);
    assertThat(withPointsTo.stats().pointsTo().reachableMethods()).isEqualTo(4);
  }
}
