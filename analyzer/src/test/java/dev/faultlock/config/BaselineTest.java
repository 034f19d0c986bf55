package dev.faultlock.config;

import static dev.faultlock.config.Findings.error;
import static dev.faultlock.config.Findings.warning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  @TempDir Path dir;

  private static Baseline of(Finding... findings) {
    return Baseline.of(List.of(findings), f -> f.location().toString());
  }

  @Test
  void roundTripKeepsEveryEntryInAStableOrder() throws IOException {
    Finding b = error("src/B.java", 20, "fp-b");
    Finding a = warning("src/A.java", 7, "fp-a");
    Path file = dir.resolve("nested/faultlock-baseline.json");

    of(b, a).write(file);
    Baseline read = Baseline.read(file);

    assertThat(read.entries())
        .containsExactly(
            new Baseline.Entry("fp-a", "UnsortedSameClassLocks", "src/A.java:7", "message of fp-a"),
            new Baseline.Entry("fp-b", "FaultUnderLock", "src/B.java:20", "message of fp-b"));
    assertThat(Files.readString(file)).contains("\"format\" : \"faultlock-baseline\"");
  }

  @Test
  void acceptsBaselinedFindingsEvenWhenTheirLinesMoved() {
    Baseline baseline = of(error("src/A.java", 10, "fp-1"));
    Finding moved = error("src/A.java", 42, "fp-1");
    Finding fresh = error("src/A.java", 50, "fp-2");

    Baseline.Match match = baseline.match(List.of(moved, fresh));

    assertThat(match.baselined()).containsExactly(moved);
    assertThat(match.fresh()).containsExactly(fresh);
    assertThat(match.stale()).isEmpty();
  }

  @Test
  void oneEntryAcceptsOneFindingSoACopiedBugIsStillNew() {
    Baseline baseline = of(error("src/A.java", 10, "same"));
    Finding first = error("src/A.java", 10, "same");
    Finding copy = error("src/A.java", 30, "same");

    Baseline.Match match = baseline.match(List.of(first, copy));

    assertThat(match.baselined()).containsExactly(first);
    assertThat(match.fresh()).containsExactly(copy);
  }

  @Test
  void entriesNoFindingUsesAreStale() {
    Baseline baseline = of(error("src/A.java", 10, "fixed"), error("src/A.java", 20, "kept"));

    Baseline.Match match = baseline.match(List.of(error("src/A.java", 21, "kept")));

    assertThat(match.stale()).extracting(Baseline.Entry::fingerprint).containsExactly("fixed");
    assertThat(match.fresh()).isEmpty();
    assertThat(match.baselined()).hasSize(1);
  }

  @Test
  void duplicateEntriesAreStaleOnlyForWhatNoFindingUsed() {
    Baseline baseline = of(error("src/A.java", 10, "dup"), error("src/A.java", 10, "dup"));

    Baseline.Match match = baseline.match(List.of(error("src/A.java", 10, "dup")));

    assertThat(match.baselined()).hasSize(1);
    assertThat(match.stale()).hasSize(1);
  }

  @Test
  void emptyBaselineAcceptsNothing() throws IOException {
    Path file = dir.resolve("empty.json");
    of().write(file);

    Baseline.Match match = Baseline.read(file).match(List.of(error("src/A.java", 1, "x")));

    assertThat(match.fresh()).hasSize(1);
    assertThat(match.baselined()).isEmpty();
  }

  @Test
  void malformedJsonNamesTheLine() throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\n  \"format\": \"faultlock-baseline\",\n  \"findings\": [ oops ]\n}");

    assertThatThrownBy(() -> Baseline.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a faultlock baseline: line 3: ");
  }

  @Test
  void otherJsonIsRefused() throws IOException {
    Path file = dir.resolve("package.json");
    Files.writeString(file, "{\"name\": \"left-pad\", \"version\": \"1.0.0\"}");

    assertThatThrownBy(() -> Baseline.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"format\" must be \"faultlock-baseline\"");
  }

  @Test
  void newerVersionsAreRefused() throws IOException {
    Path file = dir.resolve("v2.json");
    Files.writeString(file, "{\"format\": \"faultlock-baseline\", \"version\": 2, \"findings\": []}");

    assertThatThrownBy(() -> Baseline.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported baseline version 2");
  }

  @Test
  void anEntryWithoutFingerprintIsRefused() throws IOException {
    Path file = dir.resolve("nofp.json");
    Files.writeString(
        file,
        "{\"format\": \"faultlock-baseline\", \"version\": 1,"
            + " \"findings\": [{\"fingerprint\": \"a\"}, {\"rule\": \"FaultUnderLock\"}]}");

    assertThatThrownBy(() -> Baseline.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("findings[1] has no \"fingerprint\"");
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThatThrownBy(() -> Baseline.read(dir.resolve("absent.json")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
