package dev.faultlock.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Applies a diff the way a user would: {@code git apply} in a fresh repository at {@code dir}. */
public final class GitApply {
  private GitApply() {}

  public static void apply(Path dir, String diff) throws IOException {
    assertThat(diff).as("a diff to apply").isNotEmpty();
    Path patch = Files.createTempFile("faultlock", ".diff");
    Files.writeString(patch, diff, StandardCharsets.UTF_8);
    if (!Files.isDirectory(dir.resolve(".git"))) git(dir, "init", "-q");
    String out = git(dir, "apply", "--verbose", patch.toString());
    assertThat(out).as("git apply").doesNotContain("error");
  }

  private static String git(Path dir, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }
}
