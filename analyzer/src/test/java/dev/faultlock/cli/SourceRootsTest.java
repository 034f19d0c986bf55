package dev.faultlock.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRootsTest {
  @TempDir Path tmp;

  private Path source(String relative, String pkg) throws IOException {
    Path file = tmp.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, (pkg == null ? "" : "package " + pkg + ";\n") + "class X {}\n");
  }

  @Test
  void packageDirectoryLeadsToItsSourceRoot() throws IOException {
    source("src/main/java/com/acme/fs/Inode.java", "com.acme.fs");
    source("src/main/java/com/acme/fs/sub/Page.java", "com.acme.fs.sub");

    assertThat(SourceRoots.rootOf(tmp.resolve("src/main/java/com/acme/fs"), UTF_8))
        .isEqualTo(tmp.resolve("src/main/java"));
    assertThat(SourceRoots.rootOf(tmp.resolve("src/main/java/com/acme/fs/sub/Page.java"), UTF_8))
        .isEqualTo(tmp.resolve("src/main/java"));
  }

  @Test
  void theRootItselfAndLayoutsThatDoNotSpellThePackageStayAsNamed() throws IOException {
    source("src/com/acme/A.java", "com.acme");
    source("flat/B.java", "com.acme.flat.elsewhere");
    source("nopkg/C.java", null);

    assertThat(SourceRoots.rootOf(tmp.resolve("src"), UTF_8)).isEqualTo(tmp.resolve("src"));
    assertThat(SourceRoots.rootOf(tmp.resolve("flat"), UTF_8)).isEqualTo(tmp.resolve("flat"));
    assertThat(SourceRoots.rootOf(tmp.resolve("nopkg"), UTF_8)).isEqualTo(tmp.resolve("nopkg"));
  }

  @Test
  void thePackageIsReadFromTheFilesHeadAlone() throws IOException {
    Path file = tmp.resolve("src/com/acme/Big.java");
    Files.createDirectories(file.getParent());
    // A semicolon in the header comment ends no declaration; the body is never parsed.
    Files.writeString(
        file, "/* Copyright; all rights reserved. */\npackage com.acme;\nclass Big { not java; }\n");
    Path noPackage = tmp.resolve("flat/NoPackage.java");
    Files.createDirectories(noPackage.getParent());
    Files.writeString(noPackage, "import java.util.List;\nclass NoPackage { List<String> l; }\n");

    assertThat(SourceRoots.rootOf(tmp.resolve("src/com/acme"), UTF_8)).isEqualTo(tmp.resolve("src"));
    assertThat(SourceRoots.rootOf(tmp.resolve("flat"), UTF_8)).isEqualTo(tmp.resolve("flat"));
  }

  @Test
  void relativePathsGiveRelativeRoots() {
    // This module's own sources, named relative to the working directory (the module).
    Path cli = Path.of("src/main/java/dev/faultlock/cli");

    assertThat(SourceRoots.rootOf(cli, UTF_8)).isEqualTo(Path.of("src/main/java"));
  }

  @Test
  void isUnderComparesWhatTheFilesAre() {
    List<Path> named = List.of(Path.of("src/main/java/dev/faultlock/cli"));

    assertThat(SourceRoots.isUnder("src/main/java/dev/faultlock/cli/Main.java", named)).isTrue();
    assertThat(SourceRoots.isUnder("./src/main/java/dev/faultlock/cli/../cli/Main.java", named))
        .isTrue();
    assertThat(SourceRoots.isUnder("src/main/java/dev/faultlock/report/Reports.java", named))
        .isFalse();
  }
}
