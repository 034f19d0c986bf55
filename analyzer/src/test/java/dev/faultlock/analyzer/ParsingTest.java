package dev.faultlock.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.findings.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsingTest {
  @TempDir Path dir;

  @Test
  void syntaxErrorBecomesProblemWithFileAndLineAndOtherFilesAreParsed() throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Good.java"), "class Good { void f() {} }\n");
    Files.copy(Path.of("src/test/resources/programs/badinput/Broken.java"), src.resolve("Broken.java"));

    AnalysisResult result =
        Analyzer.parseOnly(AnalyzerOptions.builder().source(src).jobs(2).build());

    assertThat(result.stats().files()).isEqualTo(2);
    assertThat(result.stats().types()).isEqualTo(1);
    assertThat(result.problems()).hasSize(1);
    Problem p = result.problems().get(0);
    assertThat(p.location().file()).isEqualTo(src.resolve("Broken.java").toString());
    assertThat(p.location().line()).as(p.message()).isEqualTo(5);
    assertThat(p.message()).startsWith("syntax error").doesNotContain("\n");
  }

  @Test
  void deepNestingIsAProblemNotACrash() throws IOException {
    StringBuilder expr = new StringBuilder();
    for (int i = 0; i < 200_000; i++) expr.append('(');
    expr.append('1');
    for (int i = 0; i < 200_000; i++) expr.append(')');
    Files.writeString(dir.resolve("Deep.java"), "class Deep { int x = " + expr + "; }\n");
    Files.writeString(dir.resolve("Fine.java"), "class Fine {}\n");

    AnalysisResult result = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(1).build());

    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.location().file()).endsWith("Deep.java"));
    assertThat(result.stats().types()).isEqualTo(1);
  }

  @Test
  void missingSourceIsAProblem() {
    AnalysisResult result =
        Analyzer.analyze(AnalyzerOptions.builder().source(Path.of("no/such/dir")).build());
    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.location().file()).isEqualTo("no/such/dir"));
  }
}
