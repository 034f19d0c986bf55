package dev.faultlock.cli;

import static dev.faultlock.cli.CliRun.faultlock;
import static dev.faultlock.cli.CliRun.program;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlock.report.SarifSchema;
import dev.faultlock.report.ToolInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultlock check} end to end, in process, on the programs in the test resources. */
class CheckCommandTest {
  @TempDir Path tmp;

  @Test
  void faultUnderLockIsAnErrorWithItsWitnessTrace() {
    String inode = program("buggy") + "/Inode.java";

    CliRun run = faultlock("check", program("buggy"));

    assertThat(run.out().lines())
        .first()
        .asString()
        .startsWith(
            inode
                + ":14: error: [FaultUnderLock] `UserMemory.write` may fault while lock"
                + " `this` (class inode) is held");
    // The trace: the lock taken, the copy, the fault, the handler's lock; one indented step a line.
    assertThat(run.out().lines().skip(1).takeWhile(line -> line.startsWith("    ")))
        .hasSizeGreaterThanOrEqualTo(3)
        .allMatch(line -> line.matches("    " + java.util.regex.Pattern.quote(inode) + ":\\d+: .+"))
        .anyMatch(line -> line.startsWith("    " + inode + ":12: acquires lock `this` (class inode)"))
        .anyMatch(line -> line.contains("faults -> `Inode.fault`"))
        .anyMatch(line -> line.startsWith("    " + inode + ":21: acquires lock `this` (class inode)"));
    assertThat(run.out()).endsWith("1 error, 0 warnings\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void warningsFailOnlyWithFailOnWarning() {
    CliRun byDefault = faultlock("check", program("unsorted"));
    CliRun strict = faultlock("check", "--fail-on", "warning", program("unsorted"));
    CliRun never = faultlock("check", "--fail-on=never", program("buggy"));

    assertThat(byDefault.out())
        .contains("Transfer.java:14: warning: [UnsortedSameClassLocks]")
        .endsWith("0 errors, 1 warning\n");
    assertThat(byDefault.exitCode()).isZero();
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(never.out()).contains("error: [FaultUnderLock]");
    assertThat(never.exitCode()).isZero();
  }

  @Test
  void verboseSaysHowManyFilesTheCacheSpared() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    for (String name : new String[] {"Inode.java", "UserMemory.java"}) {
      Files.copy(Path.of(program("buggy")).resolve(name), src.resolve(name));
    }
    String cache = tmp.resolve("cache").toString();

    CliRun cold = faultlock("check", "--verbose", "--cache-dir", cache, src.toString());
    CliRun unchanged = faultlock("check", "--verbose", "--cache-dir", cache, src.toString());
    Files.writeString(src.resolve("UserMemory.java"), "\n// edited\n", StandardOpenOption.APPEND);
    CliRun edited = faultlock("check", "--verbose", "--cache-dir", cache, src.toString());

    assertThat(cold.err()).contains("faultlock: 2 files (2 parsed), ");
    assertThat(unchanged.err()).contains("faultlock: 2 files (0 parsed), ");
    assertThat(edited.err()).contains("faultlock: 2 files (1 parsed), ");
    assertThat(edited.out()).isEqualTo(cold.out());
  }

  @Test
  void namingOnePackageReadsTheRestOfItsSourceRootButReportsOnlyThePackage() {
    String root = program("tree");

    CliRun fs = faultlock("check", "--verbose", root + "/demo/fs");
    CliRun mem = faultlock("check", root + "/demo/mem");
    CliRun all = faultlock("check", root);

    // UserMemory.write (@MayFault) lives in demo.mem: without it there would be no finding.
    assertThat(fs.out())
        .startsWith(root + "/demo/fs/Inode.java:13: error: [FaultUnderLock]")
        .doesNotContain("Broken.java")
        .endsWith("1 error, 0 warnings\n");
    assertThat(fs.exitCode()).isEqualTo(1);
    assertThat(fs.err())
        .startsWith(
            "faultlock: reading the source roots [" + root + "] for [" + root + "/demo/fs]\n");
    assertThat(mem.out()).isEqualTo("0 errors, 0 warnings\n");
    assertThat(mem.exitCode()).isZero();
    assertThat(all.out())
        .contains(root + "/demo/other/Broken.java:4: warning: [faultlock] syntax error")
        .endsWith("1 error, 1 warning\n");
  }

  @Test
  void sarifOfARealRunIsValid() throws IOException {
    CliRun run = faultlock("check", "--format", "sarif", program("buggy"), program("broken"));

    JsonNode log = new ObjectMapper().readTree(run.out());
    assertThat(SarifSchema.validate(log)).isEmpty();
    assertThat(log.at("/runs/0/results/0/ruleId").asText()).isEqualTo("FaultUnderLock");
    assertThat(log.at("/runs/0/results/0/codeFlows/0/threadFlows/0/locations").size())
        .isGreaterThanOrEqualTo(3);
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void cleanProgramExitsZero() {
    CliRun run = faultlock("check", program("fixed"));

    assertThat(run.out()).isEqualTo("0 errors, 0 warnings\n");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void syntaxErrorAndUndecodableFileAreReportedAndTheRestIsAnalysed() {
    CliRun run = faultlock("check", "--verbose", program("broken"));

    assertThat(run.out())
        .contains(program("broken") + "/Broken.java:5: warning: [faultlock] syntax error")
        .contains(
            program("broken")
                + "/Latin1.java:2: warning: [faultlock] not UTF-8 text (byte 0xE9); file skipped")
        .endsWith("0 errors, 2 warnings\n");
    // Fine.java was still read: three files seen, its one type counted.
    assertThat(run.err()).startsWith("faultlock: 3 files (3 parsed), 1 types, ");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void problemsCountAsWarningsForFailOnWarning() {
    assertThat(faultlock("check", "--fail-on", "warning", program("broken")).exitCode())
        .isEqualTo(1);
    assertThat(faultlock("check", "--fail-on", "never", program("broken")).exitCode()).isZero();
  }

  @Test
  void nonexistentPathIsBadInputButTheOtherPathsAreAnalysed() {
    String missing = tmp.resolve("no-such-dir").toString();

    CliRun run = faultlock("check", missing, program("broken"));

    assertThat(run.err()).isEqualTo("faultlock: " + missing + ": no such file or directory\n");
    assertThat(run.out()).contains("Broken.java:5: warning:").endsWith("0 errors, 2 warnings\n");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void directoryWithoutJavaFilesIsBadInput() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
    Files.writeString(tmp.resolve("empty/README.txt"), "no sources here");

    CliRun run = faultlock("check", tmp.resolve("empty").toString());

    assertThat(run.err())
        .isEqualTo("faultlock: " + tmp.resolve("empty") + ": no Java files under it\n");
    assertThat(run.out()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(empty).isDirectory();
  }

  @Test
  void fileThatIsNotJavaIsBadInput() throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");

    CliRun run = faultlock("check", text.toString());

    assertThat(run.err()).isEqualTo("faultlock: " + text + ": not a .java file or a directory\n");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void unknownFormatIsOneLineAndExitTwo() {
    CliRun run = faultlock("check", "--format", "xml", program("fixed"));

    assertThat(run.err().lines())
        .containsExactly(
            "faultlock: Invalid value for option '--format': unknown report format 'xml'"
                + " (expected one of text, sarif, html, json)",
            "Try 'faultlock check --help' for more information.");
    assertThat(run.out()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void unknownFailOnLevelAndBadJobsAreUsageErrors() {
    CliRun level = faultlock("check", "--fail-on", "sometimes", program("fixed"));
    CliRun jobs = faultlock("check", "--jobs", "0", program("fixed"));

    assertThat(level.err())
        .startsWith(
            "faultlock: Invalid value for option '--fail-on': unknown level 'sometimes'"
                + " (expected one of error, warning, never)");
    assertThat(level.exitCode()).isEqualTo(2);
    assertThat(jobs.err()).startsWith("faultlock: --jobs must be at least 1, was 0\n");
    assertThat(jobs.exitCode()).isEqualTo(2);
  }

  @Test
  void verboseSaysWhereTheTimeWentAndThePartsAddUp() {
    CliRun run = faultlock("check", "--verbose", program("buggy"));

    java.util.regex.Matcher time =
        java.util.regex.Pattern.compile(
                "faultlock: (\\d+\\.\\d) s in all: start-up (\\d+\\.\\d) s, parse (\\d+\\.\\d) s,"
                    + " analysis (\\d+\\.\\d) s, reports (\\d+\\.\\d) s\n")
            .matcher(run.err());
    assertThat(time.find()).as(run.err()).isTrue();
    double parts = 0;
    for (int g = 2; g <= 5; g++) parts += Double.parseDouble(time.group(g));
    assertThat(Double.parseDouble(time.group(1))).isCloseTo(parts, org.assertj.core.data.Offset.offset(0.25));
    // The counts' line no longer claims the analysis time as the run's.
    assertThat(run.err()).contains(" unresolved calls\n").doesNotContain("unresolved calls in ");
  }

  @Test
  void progressNeverDrawsNothingAndAnUnknownWhenIsAUsageError() {
    CliRun never = faultlock("check", "--progress", "never", program("buggy"));
    CliRun bad = faultlock("check", "--progress=sometimes", program("buggy"));

    assertThat(never.err()).isEmpty();
    assertThat(bad.err())
        .startsWith(
            "faultlock: Invalid value for option '--progress': unknown value 'sometimes'"
                + " (expected auto, always or never)");
    assertThat(bad.exitCode()).isEqualTo(2);
  }

  @Test
  void noPathIsAUsageError() {
    CliRun run = faultlock("check");

    assertThat(run.err()).startsWith("faultlock: Missing required parameter: 'PATH'");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void unknownOptionSuggestsTheRightOne() {
    CliRun run = faultlock("check", "--formt", "json", program("fixed"));

    assertThat(run.err()).contains("Unknown option: '--formt'").contains("--format");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void outputFileGetsTheReportAndStdoutTheCounts() throws IOException {
    Path report = tmp.resolve("reports/faultlock.html");

    CliRun run =
        faultlock("check", "--format", "html", "--output", report.toString(), program("broken"));

    assertThat(run.out()).isEqualTo("0 errors, 2 warnings (html report: " + report + ")\n");
    // The problems are not in the terminal's report, so they go to stderr as well.
    assertThat(run.err())
        .contains("faultlock: " + program("broken") + "/Broken.java:5: syntax error");
    assertThat(Jsoup.parse(Files.readString(report)).select("#problems li.problem")).hasSize(2);
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void unwritableOutputIsBadInput() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "");

    CliRun run = faultlock("check", "--output", file.resolve("r.txt").toString(), program("fixed"));

    assertThat(run.err())
        .startsWith("faultlock: cannot write the report to " + file.resolve("r.txt"));
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void sarifAndJsonOnStdoutAreDocuments() throws IOException {
    CliRun sarif = faultlock("check", "--format", "sarif", program("broken"));
    CliRun json = faultlock("check", "--format=json", program("broken"));

    JsonNode log = new ObjectMapper().readTree(sarif.out());
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    assertThat(log.at("/runs/0/invocations/0/toolExecutionNotifications")).hasSize(2);
    assertThat(new ObjectMapper().readTree(json.out()).get("problems")).hasSize(2);
  }

  @Test
  void twoRunsWriteTheSameBytes() {
    for (String format : new String[] {"text", "sarif", "html", "json"}) {
      CliRun first = faultlock("check", "--format", format, program("broken"), program("buggy"));
      CliRun second =
          faultlock(
              "check", "--format", format, "--jobs", "1", program("broken"), program("buggy"));

      assertThat(second.out()).as(format).isEqualTo(first.out());
    }
  }

  @Test
  void helpSaysWhatItFindsShowsAnExampleAndTheExitCodes() {
    CliRun run = faultlock("check", "--help");

    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("Usage: faultlock check")
        .contains("FaultUnderLock")
        .contains("takes another lock of the same class")
        .contains("faultlock check src/main/java")
        .contains("--format=FORMAT")
        .contains("text, sarif, html, json")
        .contains("--fail-on=LEVEL")
        .contains("error, warning,")
        .contains("Exit codes:")
        .contains("0 nothing at or above --fail-on")
        .contains("1 findings at or above --fail-on")
        .contains("2 bad usage or input");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void versionAndTopLevelUsage() {
    assertThat(faultlock("--version").out()).isEqualTo("faultlock " + ToolInfo.version() + "\n");
    assertThat(faultlock("check", "--version").out()).startsWith("faultlock 0.");

    CliRun bare = faultlock();
    assertThat(bare.err())
        .contains("Usage: faultlock")
        .containsPattern("check +Find lock-held faulting copies and lock-order deadlocks\\.")
        .containsPattern("explain +Print a rule's page");
    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(faultlock("help", "check").out()).contains("Usage: faultlock check");
  }
}
