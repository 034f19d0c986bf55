package dev.faultlock.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the progress line is told. One large file is one parse, but the run goes on per method:
 * counting files alone would show nothing for most of the run.
 */
class ProgressTest {
  private static final int METHODS = 400;

  private record Update(String phase, int done, int total) {}

  @Test
  void aSingleLargeFileReportsEveryPhaseMethodByMethod(@TempDir Path dir) throws IOException {
    StringBuilder src = new StringBuilder("package big;\nclass Big {\n");
    for (int i = 0; i < METHODS; i++) {
      src.append("  private final Object l").append(i).append(" = new Object();\n");
      // Each method its own component of the call graph, holding its lock across a call.
      src.append("  void m").append(i).append("() { synchronized (l").append(i)
          .append(") { tick(); } }\n");
    }
    Path file = dir.resolve("big/Big.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, src.append("  void tick() {}\n}\n"));
    List<Update> updates = Collections.synchronizedList(new ArrayList<>());

    Analyzer.analyze(
        AnalyzerOptions.builder()
            .source(dir)
            .jobs(2)
            .progress((phase, done, total) -> updates.add(new Update(phase, done, total)))
            .build());

    // Parsing is announced before the one file is done, then each phase in the run's order.
    assertThat(updates.get(0)).isEqualTo(new Update("parsing", 0, 1));
    assertThat(updates.stream().map(Update::phase).distinct())
        .containsExactly("parsing", "analysing", "linking calls", "summarising", "checking");
    for (String phase : List.of("analysing", "summarising", "checking")) {
      List<Update> of = updates.stream().filter(u -> u.phase().equals(phase)).toList();
      // Many steps, each of the program's methods (and its constructor) counted, up to all.
      assertThat(of).hasSizeGreaterThan(METHODS / 2);
      assertThat(of).allSatisfy(u -> assertThat(u.total()).isGreaterThanOrEqualTo(METHODS));
      // Workers report in any order: the most done is all of them.
      assertThat(of.stream().mapToInt(Update::done).max()).hasValue(of.get(0).total());
    }
  }
}
