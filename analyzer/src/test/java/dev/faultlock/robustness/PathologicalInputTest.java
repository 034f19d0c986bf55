package dev.faultlock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.findings.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated code of shapes that break recursive tree walkers: deep expression nesting, very long
 * operator chains, deep statement nesting and one huge file. Each must be analysed or reported
 * as a {@link Problem} naming it, and never change what the analysis says about the other files.
 */
class PathologicalInputTest {
  @TempDir Path dir;

  @Test
  void deeplyNestedParenthesesAroundACallUnderALock() throws IOException {
    StringBuilder expr = new StringBuilder();
    expr.append("(".repeat(5_000)).append("next()").append(")".repeat(5_000));
    assertHandled(
        "Parens",
        """
        class Parens {
          private final Object lock = new Object();
          int next() { synchronized (lock) { return 1; } }
          int f() { synchronized (this) { return %s; } }
        }
        """
            .formatted(expr));
  }

  @Test
  void longOperatorChains() throws IOException {
    // A left-deep tree of 20,000 binary expressions, and a string concatenation of 20,000 calls.
    String sum = "a" + " + a".repeat(20_000);
    String concat = "s()" + " + s()".repeat(20_000);
    assertHandled(
        "Chains",
        """
        class Chains {
          int a;
          String s() { synchronized (this) { return ""; } }
          int sum() { return %s; }
          String concat() { return %s; }
        }
        """
            .formatted(sum, concat));
  }

  @Test
  void deeplyNestedBlocksAndLocks() throws IOException {
    // 2,000 nested ifs, and 300 monitors of one lock class nested inside each other.
    StringBuilder body = new StringBuilder();
    body.append("if (x > 0) {".repeat(2_000)).append("x--;").append("}".repeat(2_000));
    StringBuilder locks = new StringBuilder();
    for (int i = 0; i < 300; i++) locks.append("synchronized (n[").append(i).append("]) {");
    locks.append("x++;").append("}".repeat(300));
    assertHandled(
        "Nested",
        """
        class Nested {
          int x;
          final Object[] n = new Object[300];
          void ifs() { %s }
          void locks() { %s }
        }
        """
            .formatted(body, locks));
  }

  @Test
  void hugeGeneratedFile() throws IOException {
    // 20,000 methods (about 120,000 lines) in one class, each taking a lock and calling the next.
    StringBuilder src = new StringBuilder("class Huge {\n");
    src.append("  private final Object[] locks = new Object[64];\n");
    for (int i = 0; i < 10_000; i++) {
      src.append("  void m").append(i).append("() {\n")
          .append("    synchronized (locks[").append(i % 64).append("]) {\n")
          .append("      m").append((i + 1) % 10_000).append("();\n")
          .append("    }\n")
          .append("  }\n\n");
    }
    src.append("}\n");
    AnalysisResult result = assertHandled("Huge", src.toString());
    // Unlike the nesting cases, nothing here is deep: it must be analysed, not skipped.
    assertThat(result.problems()).isEmpty();
    assertThat(result.stats().types()).isEqualTo(2);
  }

  /**
   * Analyses {@code Name.java} with {@code source} next to {@link Programs#abba}: the run ends,
   * the generated file is analysed or is the subject of problems with a file, and the other
   * file's findings are exactly what they are without it.
   */
  private AnalysisResult assertHandled(String name, String source) throws IOException {
    Path alone = dir.resolve("alone");
    Programs.abba(alone);
    AnalysisResult baseline = Analyzer.analyze(AnalyzerOptions.builder().source(alone).jobs(2).build());

    Path with = dir.resolve("with");
    Path other = Programs.abba(with);
    Path generated = with.resolve(name + ".java");
    Files.writeString(generated, source);
    AnalysisResult result = Analyzer.analyze(AnalyzerOptions.builder().source(with).jobs(2).build());

    assertThat(result.stats().files()).isEqualTo(2);
    for (Problem p : result.problems()) {
      assertThat(p.location().file()).as(p.toString()).endsWith(name + ".java");
      assertThat(p.message()).doesNotContain("\n").doesNotContain("Exception");
    }
    String otherShown = other.toString();
    String baselineShown = alone.resolve("bank/Accounts.java").toString();
    List<String> otherFindings =
        result.findings().stream()
            .filter(f -> f.location().file().equals(otherShown))
            .map(f -> f.rule() + " " + f.location().line() + " " + f.message().replace(with.toString(), ""))
            .toList();
    List<String> baselineFindings =
        baseline.findings().stream()
            .filter(f -> f.location().file().equals(baselineShown))
            .map(f -> f.rule() + " " + f.location().line() + " " + f.message().replace(alone.toString(), ""))
            .toList();
    assertThat(otherFindings).isEqualTo(baselineFindings);
    return result;
  }
}
