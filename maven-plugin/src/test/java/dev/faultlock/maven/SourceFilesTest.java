package dev.faultlock.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {
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

  private List<String> collect(List<String> excludes) throws IOException {
    return new SourceFiles(excludes)
        .collect(List.of(main, generated)).stream()
            .map(p -> dir.relativize(p).toString().replace('\\', '/'))
            .toList();
  }

  @Test
  void collectsEveryJavaFileOfEveryRootInOrder() throws IOException {
    assertThat(collect(List.of()))
        .containsExactly(
            "src/main/java/Top.java",
            "src/main/java/com/acme/Files.java",
            "src/main/java/com/acme/Legacy.java",
            "src/main/java/com/acme/gen/Stub.java",
            "target/generated-sources/com/acme/Parser.java");
  }

  @Test
  void excludesMatchRelativeToEachRoot() throws IOException {
    assertThat(collect(List.of("com/acme/Legacy.java", "**/gen/**")))
        .containsExactly(
            "src/main/java/Top.java",
            "src/main/java/com/acme/Files.java",
            "target/generated-sources/com/acme/Parser.java");
  }

  @Test
  void leadingDoubleStarAlsoMatchesTheDefaultPackage() throws IOException {
    assertThat(collect(List.of("**/Top.java", "**/Parser.java")))
        .containsExactly(
            "src/main/java/com/acme/Files.java",
            "src/main/java/com/acme/Legacy.java",
            "src/main/java/com/acme/gen/Stub.java");
  }

  @Test
  void blankExcludesAreIgnored() throws IOException {
    assertThat(collect(List.of(" ", ""))).hasSize(5);
  }

  @Test
  void aBadGlobIsNamed() {
    assertThatThrownBy(() -> new SourceFiles(List.of("com/{acme")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'com/{acme' is not a glob: ");
  }
}
