package dev.faultlock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Problem;
import dev.faultlock.source.JavaSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files damaged the ways files get damaged (cut short, bits flipped, braces lost, bytes that
 * are not UTF-8): each damaged file gets its own one-line diagnostic with file and line, and the
 * findings about the intact files are exactly those of the undamaged run.
 */
class CorruptedInputTest {
  @TempDir Path dir;

  private static final long SEED = 20_261_125L;

  /** Each corruption, by the file it is applied to. */
  private static final Map<String, UnaryOperator<byte[]>> CORRUPTIONS =
      new TreeMap<>(
          Map.of(
              "java.base/java/util/Vector.java", CorruptedInputTest::truncate,
              "java.base/java/util/Hashtable.java", CorruptedInputTest::flipBits,
              "java.base/java/io/BufferedReader.java", CorruptedInputTest::deleteBraces,
              "java.logging/java/util/logging/Handler.java", CorruptedInputTest::notUtf8));

  @Test
  void eachCorruptedFileIsDiagnosedAndTheOthersFindingsAreUnchanged() throws IOException {
    Path clean = dir.resolve("clean");
    Path damaged = dir.resolve("damaged");
    String[] named = CORRUPTIONS.keySet().toArray(String[]::new);
    JdkSources.sample(clean, 40, named);
    List<Path> files = JdkSources.sample(damaged, 40, named);
    Programs.abba(clean);
    Programs.abba(damaged);
    for (Map.Entry<String, UnaryOperator<byte[]>> c : CORRUPTIONS.entrySet()) {
      Path file = damaged.resolve(c.getKey());
      Files.write(file, c.getValue().apply(Files.readAllBytes(file)));
    }
    Set<String> corrupted = corruptedFiles(damaged);

    AnalysisResult before = Analyzer.analyze(AnalyzerOptions.builder().source(clean).jobs(2).build());
    AnalysisResult after = Analyzer.analyze(AnalyzerOptions.builder().source(damaged).jobs(2).build());

    assertThat(before.problems()).isEmpty();
    assertThat(after.stats().files()).isEqualTo(files.size() + 1);
    Map<String, List<Problem>> byFile =
        after.problems().stream().collect(Collectors.groupingBy(p -> p.location().file()));
    assertThat(byFile.keySet()).isEqualTo(corrupted);
    for (Problem p : after.problems()) {
      assertThat(p.message()).as(p.toString()).doesNotContain("\n").doesNotContain("Exception");
      if (!p.message().contains("UTF-8")) {
        assertThat(p.location().line()).as(p.toString()).isPositive();
      }
    }
    assertThat(intactFindings(after, damaged, corrupted))
        .isNotEmpty()
        .isEqualTo(intactFindings(before, clean, corruptedFiles(clean)));
  }

  private static Set<String> corruptedFiles(Path root) {
    return CORRUPTIONS.keySet().stream()
        .map(n -> JavaSources.show(root.resolve(n)))
        .collect(Collectors.toSet());
  }

  /**
   * Findings that involve no damaged file (neither where they are reported nor in their trace),
   * with the directory taken out of every path so the two runs compare.
   */
  private static List<String> intactFindings(AnalysisResult result, Path root, Set<String> corrupted) {
    String prefix = JavaSources.show(root) + "/";
    return result.findings().stream()
        .filter(f -> !touches(f, corrupted))
        .map(f -> (f.location() + " [" + f.rule() + "] " + f.message() + " "
                + f.trace().stream().map(t -> t.location() + " " + t.description()).toList())
            .replace(prefix, ""))
        .toList();
  }

  private static boolean touches(Finding f, Set<String> files) {
    return files.contains(f.location().file())
        || f.trace().stream().anyMatch(t -> files.contains(t.location().file()));
  }

  /** Cut at 60%, mid-declaration. */
  private static byte[] truncate(byte[] b) {
    return Arrays.copyOf(b, b.length * 6 / 10);
  }

  /** 12 random bit flips in the low 7 bits of ASCII bytes (so it stays ASCII), fixed seed. */
  private static byte[] flipBits(byte[] b) {
    byte[] out = b.clone();
    Random random = new Random(SEED);
    for (int flipped = 0; flipped < 12; ) {
      int i = random.nextInt(out.length);
      if (out[i] < 0 || out[i] == '\n') continue;
      out[i] = (byte) (out[i] ^ (1 << random.nextInt(7)));
      flipped++;
    }
    return out;
  }

  /** Every closing brace of the code's last third removed. */
  private static byte[] deleteBraces(byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8);
    int from = s.length() * 2 / 3;
    return (s.substring(0, from) + s.substring(from).replace("}", "")).getBytes(StandardCharsets.UTF_8);
  }

  /** A byte that is never valid UTF-8, in the middle of the file. */
  private static byte[] notUtf8(byte[] b) {
    byte[] out = b.clone();
    out[out.length / 2] = (byte) 0xFF;
    return out;
  }
}
