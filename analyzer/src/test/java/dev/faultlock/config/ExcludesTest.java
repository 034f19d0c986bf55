package dev.faultlock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.source.JavaSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcludesTest {
  @TempDir Path dir;
  Path main;
  Path generated;

  @BeforeEach
  void layOut() throws IOException {
    main = dir.resolve("src/main/java");
    generated = dir.resolve("target/generated-sources");
    for (String f :
        List.of(
            "src/main/java/Top.java",
            "src/main/java/com/acme/Files.java",
            "src/main/java/com/acme/Legacy.java",
            "src/main/java/com/acme/gen/Stub.java",
            "src/main/java/com/acme/notes.txt",
            "target/generated-sources/com/acme/Parser.java")) {
      Path p = dir.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "class X {}");
    }
  }

  // Through the analysis's own file collection, which is where excludes apply.
  private List<String> collect(List<String> excludes) {
    AnalyzerOptions options =
        AnalyzerOptions.builder()
            .sources(List.of(main, generated))
            .excludes(new Excludes(excludes))
            .build();
    return JavaSources.collect(options, new ArrayList<>()).stream()
            .map(p -> dir.relativize(p).toString().replace('\\', '/'))
            .toList();
  }

  @Test
  void collectsEveryJavaFileOfEveryRootInOrder() {
    assertThat(collect(List.of()))
        .containsExactly(
            "src/main/java/Top.java",
            "src/main/java/com/acme/Files.java",
            "src/main/java/com/acme/Legacy.java",
            "src/main/java/com/acme/gen/Stub.java",
            "target/generated-sources/com/acme/Parser.java");
  }

  @Test
  void excludesMatchRelativeToEachRoot() {
    assertThat(collect(List.of("com/acme/Legacy.java", "**/gen/**")))
        .containsExactly(
            "src/main/java/Top.java",
            "src/main/java/com/acme/Files.java",
            "target/generated-sources/com/acme/Parser.java");
  }

  @Test
  void leadingDoubleStarAlsoMatchesTheDefaultPackage() {
    assertThat(collect(List.of("**/Top.java", "**/Parser.java")))
        .containsExactly(
            "src/main/java/com/acme/Files.java",
            "src/main/java/com/acme/Legacy.java",
            "src/main/java/com/acme/gen/Stub.java");
  }

  @Test
  void blankExcludesAreIgnored() {
    assertThat(collect(List.of(" ", ""))).hasSize(5);
  }

  @Test
  void aBadGlobIsNamed() {
    assertThatThrownBy(() -> new Excludes(List.of("com/{acme")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'com/{acme' is not a glob: ");
  }
}
