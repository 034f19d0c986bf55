package dev.faultlock.cli;

import static dev.faultlock.cli.CliRun.faultlock;
import static dev.faultlock.cli.CliRun.program;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controls of {@code check} that a project can also set in {@code faultlock.json}: excludes,
 * rule levels, encoding, baselines, and which of the two places wins.
 */
class ControlOptionsTest {
  @TempDir Path tmp;

  private Path config(String json) throws IOException {
    Path file = tmp.resolve("faultlock.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void excludeLeavesAFileOutByItsPathBelowTheSourceRoot() {
    CliRun all = faultlock("check", program("buggy"));
    CliRun without = faultlock("check", "--exclude", "Inode.java", program("buggy"));
    CliRun byPattern = faultlock("check", "--exclude=**/Ino*.java", program("buggy"));

    assertThat(all.out()).contains("[FaultUnderLock]");
    assertThat(without.out()).isEqualTo("0 errors, 0 warnings\n");
    assertThat(without.exitCode()).isZero();
    assertThat(byPattern.out()).isEqualTo("0 errors, 0 warnings\n");
  }

  @Test
  void excludeMatchesRelativeToTheRootOfANamedPackage() {
    String root = program("tree");

    // demo/fs is named, its root read: a glob over the root's paths leaves demo/mem out, so
    // UserMemory.write is not known to fault and there is no finding.
    CliRun run = faultlock("check", "--exclude", "demo/mem/**", root + "/demo/fs");

    assertThat(run.out()).isEqualTo("0 errors, 0 warnings\n");
  }

  @Test
  void ruleOffDropsItsFindingsAndALevelChangesTheirSeverity() {
    CliRun off = faultlock("check", "--fail-on", "warning", "--rule", "UnsortedSameClassLocks=off",
        program("unsorted"));
    CliRun error = faultlock("check", "--rule=UnsortedSameClassLocks=ERROR", program("unsorted"));
    CliRun other = faultlock("check", "--rule", "FaultUnderLock=warning", program("buggy"));

    assertThat(off.out()).isEqualTo("0 errors, 0 warnings\n");
    assertThat(off.exitCode()).isZero();
    assertThat(error.out())
        .contains("Transfer.java:14: error: [UnsortedSameClassLocks]")
        .endsWith("1 error, 0 warnings\n");
    assertThat(error.exitCode()).isEqualTo(1);
    assertThat(other.out()).contains("warning: [FaultUnderLock]").endsWith("0 errors, 1 warning\n");
    assertThat(other.exitCode()).isZero();
  }

  @Test
  void badControlValuesAreUsageErrors() {
    CliRun rule = faultlock("check", "--rule", "UnsortedLocks=off", program("fixed"));
    CliRun level = faultlock("check", "--rule", "FaultUnderLock=loud", program("fixed"));
    CliRun shape = faultlock("check", "--rule", "FaultUnderLock", program("fixed"));
    CliRun glob = faultlock("check", "--exclude", "demo/{Broken", program("fixed"));
    CliRun encoding = faultlock("check", "--encoding", "latin-9000", program("fixed"));

    assertThat(rule.err())
        .startsWith(
            "faultlock: Invalid value for option '--rule' (RULE=LEVEL): unknown rule 'UnsortedLocks' (expected"
                + " one of FaultUnderLock, LockOrderInversion, UnsortedSameClassLocks,"
                + " DeclaredOrderViolation, AnnotationMisuse)\n");
    assertThat(level.err())
        .startsWith(
            "faultlock: Invalid value for option '--rule' (RULE=LEVEL): unknown level 'loud' (expected one of"
                + " off, warning, error)\n");
    assertThat(shape.err()).contains("'FaultUnderLock' is not RULE=LEVEL");
    assertThat(glob.err()).contains("'demo/{Broken' is not a glob: ");
    assertThat(encoding.err()).contains("unknown encoding 'latin-9000'");
    for (CliRun run : new CliRun[] {rule, level, shape, glob, encoding}) {
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).doesNotContain("\tat ");
    }
  }

  /** The whole-program pass takes Error Prone's FaultMethods list, with its syntax and messages. */
  @Test
  void lowConfidenceFindingsAreNotReportedNorFailTheRunUnlessAsked() throws IOException {
    CliRun byDefault = faultlock("check", "--fail-on", "warning", program("ledger"));
    CliRun low = faultlock("check", "--fail-on", "warning", "--min-confidence", "low",
        program("ledger"));
    CliRun fromFile = faultlock("check", "--fail-on", "warning", "--config",
        config("{ \"minConfidence\": \"low\" }").toString(), program("ledger"));
    CliRun overridden = faultlock("check", "--fail-on", "warning", "--min-confidence=high",
        "--config", config("{ \"minConfidence\": \"low\" }").toString(), program("ledger"));

    // settle() locks accounts the ledger keeps: sure, reported, and it fails the run.
    assertThat(byDefault.out())
        .contains("Ledger.java:23: warning: [UnsortedSameClassLocks] lock `l`")
        .doesNotContain("Ledger.java:17:")
        .doesNotContain("confidence")
        .endsWith("0 errors, 1 warning\n");
    assertThat(byDefault.err())
        .contains("faultlock: 1 low-confidence finding not reported (they rely on class-hierarchy"
            + " dispatch or on objects from outside the program); --min-confidence low reports"
            + " them");
    assertThat(byDefault.exitCode()).isEqualTo(1);
    // transfer(from, to) locks what a caller hands in: reported only when asked, marked low.
    for (CliRun run : new CliRun[] {low, fromFile}) {
      assertThat(run.out())
          .contains("Ledger.java:17: warning: [UnsortedSameClassLocks] lock `to`")
          .containsOnlyOnce("(low confidence)")
          .endsWith("0 errors, 2 warnings\n");
      assertThat(run.err()).doesNotContain("not reported");
    }
    assertThat(overridden.out()).isEqualTo(byDefault.out());
  }

  @Test
  void aLowConfidenceFindingAloneDoesNotFailTheRun() {
    CliRun quiet = faultlock("check", "--fail-on", "warning", "--exclude", "nothing/**",
        "--rule", "UnsortedSameClassLocks=error", program("ledger"));
    CliRun asked = faultlock("check", "--min-confidence", "low", "--rule",
        "UnsortedSameClassLocks=error", program("ledger"));

    assertThat(quiet.out()).endsWith("1 error, 0 warnings\n");
    assertThat(asked.out()).endsWith("2 errors, 0 warnings\n");
    assertThat(asked.exitCode()).isEqualTo(1);
  }

  @Test
  void anUnknownConfidenceIsAUsageError() {
    CliRun run = faultlock("check", "--min-confidence", "medium", program("ledger"));

    assertThat(run.err())
        .startsWith("faultlock: Invalid value for option '--min-confidence': unknown"
            + " confidence 'medium' (high or low)");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void faultMethodsMakeALibraryCallAFaultingCopy() throws IOException {
    CliRun none = faultlock("check", program("copier"));
    CliRun listed = faultlock("check", "--fault-methods",
        "java.nio.channels.FileChannel#transferTo,java.io.Reader#*", program("copier"));
    CliRun fromFile = faultlock("check", "--config",
        config("{ \"faultMethods\": [\"java.nio.channels.FileChannel#transferTo\"] }").toString(),
        program("copier"));
    CliRun unknownType = faultlock("check", "--fault-methods", "FileChannel#transferTo",
        program("copier"));

    assertThat(none.out()).isEqualTo("0 errors, 0 warnings\n");
    assertThat(listed.out())
        .contains("Copier.java:16: error: [FaultUnderLock] `FileChannel.transferTo` may fault while"
            + " lock `this` (class Copier) is held: the fault runs `Copier.fault`")
        .contains("Copier.java:16: `FileChannel.transferTo` may fault (named in FaultMethods)")
        .endsWith("1 error, 0 warnings\n");
    assertThat(listed.exitCode()).isEqualTo(1);
    assertThat(fromFile.out()).isEqualTo(listed.out());
    // As javac says it, a type the classpath lacks is named, and the rest still runs.
    assertThat(unknownType.out()).contains("FaultMethods: warning: [faultlock] type `FileChannel`"
        + " is not on the classpath; name it fully qualified");
  }

  @Test
  void aMalformedFaultMethodIsAUsageErrorInEveryPlace() throws IOException {
    CliRun option = faultlock("check", "--fault-methods", "FileChannel.transferTo", program("copier"));
    CliRun file = faultlock("check", "--config",
        config("{\n  \"faultMethods\": [\"java.io.Reader#\"]\n}").toString(), program("copier"));

    assertThat(option.err()).startsWith("faultlock: Invalid value for option '--fault-methods'"
        + " (TYPE#METHOD): `FileChannel.transferTo` is not Type#method (such as"
        + " java.nio.channels.FileChannel#transferTo)");
    assertThat(file.err()).contains("faultlock.json:2: faultMethods: `java.io.Reader#` is not"
        + " Type#method (such as java.nio.channels.FileChannel#transferTo)");
    for (CliRun run : new CliRun[] {option, file}) {
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).doesNotContain("\tat ");
    }
  }

  @Test
  void aLatin1FileIsAnalysedInItsEncodingAndOtherwiseNamedWithItsLine() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    Files.copy(Path.of(program("buggy"), "UserMemory.java"), src.resolve("UserMemory.java"));
    String inode = Files.readString(Path.of(program("buggy"), "Inode.java"));
    // Line 7 becomes "/** The GFS bug ... (café) */": é is one byte, 0xE9, in Latin-1.
    Files.write(
        src.resolve("Inode.java"),
        inode.replace("in miniature:", "in miniature (café):").getBytes(ISO_8859_1));

    CliRun utf8 = faultlock("check", src.toString());
    CliRun latin1 = faultlock("check", "--encoding", "ISO-8859-1", src.toString());

    assertThat(utf8.out())
        .startsWith(
            src + "/Inode.java:7: warning: [faultlock] not UTF-8 text (byte 0xE9); file skipped:"
                + " if javac reads it in another encoding, name that with --encoding")
        .endsWith("0 errors, 1 warning\n");
    assertThat(latin1.out())
        .startsWith(src + "/Inode.java:14: error: [FaultUnderLock]")
        .endsWith("1 error, 0 warnings\n");
    assertThat(latin1.exitCode()).isEqualTo(1);
  }

  @Test
  void aWrittenBaselineAcceptsTodaysFindingsAndReportsFixedOnesAsStale() throws IOException {
    Path baseline = tmp.resolve("faultlock-baseline.json");
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    for (String name : new String[] {"Inode.java", "UserMemory.java"}) {
      Files.copy(Path.of(program("buggy"), name), src.resolve(name));
    }

    CliRun write = faultlock("check", "--write-baseline", baseline.toString(), src.toString());
    CliRun again = faultlock("check", "--baseline", baseline.toString(), src.toString());
    Files.copy(
        Path.of(program("fixed"), "Inode.java"), src.resolve("Inode.java"),
        StandardCopyOption.REPLACE_EXISTING);
    CliRun fixed = faultlock("check", "--baseline", baseline.toString(), src.toString());

    // The Maven plugin's format: one entry per finding, keyed by fingerprint.
    JsonNode file = new ObjectMapper().readTree(baseline.toFile());
    assertThat(file.path("format").asText()).isEqualTo("faultlock-baseline");
    assertThat(file.path("findings")).hasSize(1);
    assertThat(file.at("/findings/0/rule").asText()).isEqualTo("FaultUnderLock");
    assertThat(file.at("/findings/0/location").asText()).isEqualTo(src + "/Inode.java:14");
    assertThat(write.err()).contains("faultlock: baselined 1 finding in " + baseline);
    assertThat(write.out()).isEqualTo("0 errors, 0 warnings\n");
    assertThat(write.exitCode()).isZero();

    assertThat(again.out()).isEqualTo("0 errors, 0 warnings\n");
    assertThat(again.err()).contains("faultlock: 1 finding accepted by the baseline " + baseline);
    assertThat(again.exitCode()).isZero();

    assertThat(fixed.err())
        .contains("faultlock: 1 baseline entry matches no finding any more (fixed?)")
        .contains("    " + src + "/Inode.java:14: [FaultUnderLock] stale");
  }

  @Test
  void entriesOfFilesOutsideTheNamedPackageAreNotStale() throws IOException {
    String root = program("tree");
    Path baseline = tmp.resolve("tree.json");
    faultlock("check", "--write-baseline", baseline.toString(), root);

    CliRun mem = faultlock("check", "--baseline", baseline.toString(), root + "/demo/mem");
    CliRun all = faultlock("check", "--baseline", baseline.toString(), root);

    // The accepted finding is in demo/fs: checking demo/mem alone does not look at it.
    assertThat(mem.err()).doesNotContain("stale").contains("0 findings accepted");
    assertThat(all.err()).doesNotContain("stale").contains("1 finding accepted");
  }

  @Test
  void aNewFindingIsReportedDespiteTheBaseline() throws IOException {
    Path baseline = tmp.resolve("accepted.json");
    faultlock("check", "--write-baseline", baseline.toString(), program("unsorted"));

    CliRun run = faultlock("check", "--baseline", baseline.toString(), program("buggy"),
        program("unsorted"));

    assertThat(run.out())
        .contains("error: [FaultUnderLock]")
        .doesNotContain("[UnsortedSameClassLocks]")
        .endsWith("1 error, 0 warnings\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void aMissingOrBrokenBaselineIsBadInputNamingTheLine() throws IOException {
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\n  \"format\": \"faultlock-baseline\",\n  \"findings\": [ oops ]\n}");

    CliRun missing = faultlock("check", "--baseline", tmp.resolve("none.json").toString(),
        program("fixed"));
    CliRun bad = faultlock("check", "--baseline", broken.toString(), program("fixed"));

    assertThat(missing.err())
        .startsWith("faultlock: baseline " + tmp.resolve("none.json") + " does not exist");
    assertThat(bad.err())
        .startsWith("faultlock: baseline " + broken + ": not a faultlock baseline: line 3: ");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.out()).isEmpty();
  }

  @Test
  void theConfigurationFileSetsEveryControl() throws IOException {
    Path baseline = tmp.resolve("base/accepted.json");
    faultlock("check", "--write-baseline", baseline.toString(), program("buggy"));
    Path config =
        config(
            """
            {
              // what this project decided
              "excludes": ["Nothing*.java"],
              "rules": {"UnsortedSameClassLocks": "error"},
              "encoding": "UTF-8",
              "baseline": "base/accepted.json",
              "failOn": "warning"
            }
            """);

    CliRun run = faultlock("check", "--config", config.toString(), program("buggy"),
        program("unsorted"));

    // The baseline (relative to the file) accepts the fault; the unsorted pair is an error.
    assertThat(run.out())
        .doesNotContain("[FaultUnderLock]")
        .contains("error: [UnsortedSameClassLocks]")
        .endsWith("1 error, 0 warnings\n");
    assertThat(run.err()).contains("1 finding accepted by the baseline " + baseline);
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void theCommandLineOverridesTheConfigurationFile() throws IOException {
    Path config =
        config(
            "{\"rules\": {\"UnsortedSameClassLocks\": \"off\", \"FaultUnderLock\": \"warning\"},"
                + " \"failOn\": \"warning\", \"excludes\": [\"Inode.java\"]}");

    CliRun fromFile = faultlock("check", "--config", config.toString(), program("unsorted"),
        program("buggy"));
    CliRun overridden =
        faultlock("check", "--config", config.toString(), "--rule",
            "UnsortedSameClassLocks=warning", "--fail-on", "never", "--exclude", "UserMemory.java",
            program("unsorted"), program("buggy"));

    assertThat(fromFile.out()).isEqualTo("0 errors, 0 warnings\n");
    // The command line's level wins for its rule; FaultUnderLock keeps the file's; excludes add.
    assertThat(overridden.out())
        .contains("warning: [UnsortedSameClassLocks]")
        .endsWith("0 errors, 1 warning\n");
    assertThat(overridden.exitCode()).isZero();
  }

  @Test
  void aMalformedConfigurationIsBadInputNamingItsLine() throws IOException {
    Path unknownRule = config("{\n  \"rules\": {\n    \"FaultUnderLok\": \"off\"\n  }\n}\n");
    CliRun rule = faultlock("check", "--config", unknownRule.toString(), program("fixed"));
    Path typo = config("{\n  \"exclude\": [\"x\"]\n}\n");
    CliRun key = faultlock("check", "--config", typo.toString(), program("fixed"));
    Path syntax = config("{\n  \"failOn\": \"warning\"\n  \"encoding\": \"UTF-8\"\n}\n");
    CliRun json = faultlock("check", "--config", syntax.toString(), program("fixed"));
    CliRun absent =
        faultlock("check", "--config", tmp.resolve("none.json").toString(), program("fixed"));

    assertThat(rule.err())
        .startsWith(
            "faultlock: " + unknownRule + ":3: rules: unknown rule 'FaultUnderLok' (expected one"
                + " of FaultUnderLock, ");
    assertThat(key.err())
        .startsWith(
            "faultlock: " + typo + ":2: exclude: unknown key, expected one of excludes, rules,"
                + " encoding, baseline, failOn, faultMethods, minConfidence\n");
    assertThat(json.err()).startsWith("faultlock: " + syntax + ":3: Unexpected character");
    assertThat(absent.err()).startsWith("faultlock: the configuration ");
    for (CliRun run : new CliRun[] {rule, key, json, absent}) {
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).doesNotContain("\tat ");
    }
  }
}
