package dev.faultlock.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlock.config.Baseline;
import dev.faultlock.maven.FindingLogTest.RecordingLog;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals run in-process on a project built in memory, as Maven would configure them: every bad
 * parameter is refused with a message naming it, before anything is analysed. The ITs run the
 * same goals in real Maven builds.
 */
class MojoConfigurationTest {
  @TempDir Path dir;
  MavenProject project;
  RecordingLog log = new RecordingLog();

  @BeforeEach
  void project() throws IOException {
    Model model = new Model();
    model.setGroupId("demo");
    model.setArtifactId("demo");
    model.setVersion("1.0");
    model.setPackaging("jar");
    Build build = new Build();
    build.setDirectory(dir.resolve("target").toString());
    build.setOutputDirectory(dir.resolve("target/classes").toString());
    build.setTestOutputDirectory(dir.resolve("target/test-classes").toString());
    model.setBuild(build);
    project = new MavenProject(model);
    project.setFile(dir.resolve("pom.xml").toFile());
    Path source = dir.resolve("src/main/java/demo/Demo.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package demo;\n\nclass Demo {}\n");
    project.addCompileSourceRoot(dir.resolve("src/main/java").toString());
  }

  private CheckMojo check() {
    CheckMojo mojo = new CheckMojo();
    mojo.project = project;
    mojo.failOn = "error";
    mojo.formats = List.of("text", "sarif", "html");
    mojo.outputDirectory = dir.resolve("target/faultlock").toFile();
    mojo.setLog(log);
    return mojo;
  }

  private BaselineMojo baseline() {
    BaselineMojo mojo = new BaselineMojo();
    mojo.project = project;
    mojo.baseline = dir.resolve(BaselineMojo.DEFAULT_FILE).toFile();
    mojo.setLog(log);
    return mojo;
  }

  @Test
  void aCleanModuleGetsItsReportsAndItsSummariesInItsClasses() throws Exception {
    check().execute();

    assertThat(dir.resolve("target/faultlock/faultlock.txt")).isRegularFile();
    assertThat(dir.resolve("target/faultlock/faultlock.sarif")).isRegularFile();
    assertThat(dir.resolve("target/faultlock/faultlock.html")).isRegularFile();
    // The rule pages the HTML report links to, written next to it.
    assertThat(dir.resolve("target/faultlock/faultlock-rules/FaultUnderLock.html")).isRegularFile();
    assertThat(dir.resolve("target/faultlock/faultlock.json")).doesNotExist();
    assertThat(dir.resolve("target/classes/META-INF/faultlock/summaries.json")).isRegularFile();
    assertThat(log.lines)
        .contains("[INFO] faultlock: analysing 1 source file")
        .anyMatch(l -> l.startsWith("[INFO] faultlock: 0 errors, 0 warnings in demo; report: ")
            && l.endsWith("faultlock.html"));
  }

  @Test
  void aFileThatDoesNotParseIsAWarningWithItsLineAndTheRestIsAnalysed() throws Exception {
    Path broken = dir.resolve("src/main/java/demo/Broken.java");
    Files.writeString(broken, "package demo;\n\nclass Broken {\n  void f() {\n    int x = ;\n  }\n}\n");

    check().execute();

    assertThat(log.lines)
        .contains("[INFO] faultlock: analysing 2 source files")
        .anyMatch(l -> l.startsWith("[WARNING] " + broken + ":5: syntax error"))
        .anyMatch(l -> l.startsWith("[INFO] faultlock: 0 errors, 0 warnings in demo"));
  }

  @Test
  void summarizeThenCheckAnalyseOnce() throws Exception {
    SummarizeMojo summarize = new SummarizeMojo();
    summarize.project = project;
    summarize.setLog(log);

    summarize.execute();
    check().execute();

    assertThat(log.lines).filteredOn(l -> l.contains("analysing")).hasSize(1);
  }

  @Test
  void aReactorWithoutSummarizeIsWarnedThatDependentsMissTheSummaries() throws Exception {
    MavenProject other = new MavenProject();
    other.setArtifactId("other");
    @SuppressWarnings("deprecation")
    MavenSession session =
        new MavenSession(
            null, null, new DefaultMavenExecutionRequest(), new DefaultMavenExecutionResult());
    session.setProjects(List.of(project, other));
    CheckMojo alone = check();
    alone.session = session;

    alone.execute();
    assertThat(log.lines)
        .anyMatch(l -> l.startsWith("[WARNING] faultlock: the summarize goal did not run"));

    log.lines.clear();
    SummarizeMojo summarize = new SummarizeMojo();
    summarize.project = project;
    summarize.setLog(log);
    summarize.execute();
    CheckMojo after = check();
    after.session = session;
    after.execute();
    assertThat(log.lines).noneMatch(l -> l.contains("summarize goal"));
  }

  /** A public entry point locking two accounts its caller hands in: a low-confidence warning. */
  private Path transfer() throws IOException {
    Path source = dir.resolve("src/main/java/demo/Account.java");
    Files.writeString(source, """
        package demo;

        public class Account {
          public void transfer(Account from, Account to) {
            synchronized (from) {
              synchronized (to) { }
            }
          }
        }
        """);
    return source;
  }

  @Test
  void aLowConfidenceFindingIsNotReportedNorFailsTheBuildUnlessAsked() throws Exception {
    Path source = transfer();
    CheckMojo byDefault = check();
    byDefault.failOn = "warning";

    byDefault.execute();

    assertThat(log.lines)
        .noneMatch(l -> l.contains("[UnsortedSameClassLocks]"))
        .contains("[INFO] faultlock: 1 low-confidence finding not reported (they rely on"
            + " class-hierarchy dispatch or on objects from outside the program);"
            + " <minConfidence>low</minConfidence> (-Dfaultlock.minConfidence=low) reports them")
        .anyMatch(l -> l.startsWith("[INFO] faultlock: 0 errors, 0 warnings in demo"));
    assertThat(Files.readString(dir.resolve("target/faultlock/faultlock.sarif")))
        .doesNotContain("\"ruleId\" : \"UnsortedSameClassLocks\"");

    log.lines.clear();
    CheckMojo asked = check();
    asked.failOn = "warning";
    asked.minConfidence = "low";

    assertThatThrownBy(asked::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("faultlock: 0 errors, 1 warning in demo (failOn=warning)");
    assertThat(log.lines)
        .anyMatch(l -> l.startsWith("[WARNING] " + source + ":6: [UnsortedSameClassLocks] ")
            && l.endsWith(" (low confidence)"))
        .noneMatch(l -> l.contains("not reported"));
    assertThat(Files.readString(dir.resolve("target/faultlock/faultlock.sarif")))
        .contains("\"confidence\" : \"low\"");
  }

  /**
   * Two worker threads handed one pair of locks through their constructors, in opposite orders:
   * the locks are two fields of two classes, one object each only at run time, so only
   * points-to sees the cycle.
   */
  @Test
  void pointsToFindsTheCycleOfLocksHandedThroughConstructors() throws Exception {
    Files.writeString(dir.resolve("src/main/java/demo/Demo.java"), """
        package demo;

        class Demo {
          public static void main(String[] args) {
            Object x = new Object();
            Object y = new Object();
            new Worker(x, y).start();
            new Worker(y, x).start();
          }
        }

        class Worker extends Thread {
          private final Object first;
          private final Object second;

          Worker(Object first, Object second) {
            this.first = first;
            this.second = second;
          }

          @Override
          public void run() {
            synchronized (first) {
              synchronized (second) { }
            }
          }
        }
        """);
    check().execute();
    assertThat(log.lines).anyMatch(l -> l.startsWith("[INFO] faultlock: 0 errors, 0 warnings in demo"));

    CheckMojo withPointsTo = check();
    withPointsTo.pointsTo = true;
    assertThatThrownBy(withPointsTo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("faultlock: 1 error, 0 warnings in demo");
    assertThat(log.lines).anyMatch(l -> l.contains("[LockOrderInversion]"));
  }

  @Test
  void faultlockJsonsMinConfidenceAppliesAndTheParameterBeatsIt() throws Exception {
    transfer();
    Files.writeString(dir.resolve("faultlock.json"), "{ \"minConfidence\": \"low\" }");
    CheckMojo fromFile = check();
    fromFile.failOn = "warning";
    fromFile.configFile = dir.resolve("faultlock.json").toFile();

    assertThatThrownBy(fromFile::execute).isInstanceOf(MojoFailureException.class);

    CheckMojo overridden = check();
    overridden.failOn = "warning";
    overridden.configFile = dir.resolve("faultlock.json").toFile();
    overridden.minConfidence = "high";
    overridden.execute();
    assertThat(log.lines).anyMatch(l -> l.contains("1 low-confidence finding not reported"));
  }

  @Test
  void unknownMinConfidenceNamesTheParameter() {
    CheckMojo mojo = check();
    mojo.minConfidence = "sure";

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("faultlock: minConfidence (faultlock.minConfidence): unknown confidence"
            + " 'sure' (high or low)");
    assertThat(log.lines).noneMatch(l -> l.contains("analysing"));
  }

  @Test
  void unknownFailOnNamesTheParameter() {
    CheckMojo mojo = check();
    mojo.failOn = "sometimes";

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage(
            "faultlock: failOn (faultlock.failOn): unknown level 'sometimes' (expected one of"
                + " error, warning, never)");
    assertThat(log.lines).noneMatch(l -> l.contains("analysing"));
  }

  @Test
  void unknownFormatNamesTheParameter() {
    CheckMojo mojo = check();
    mojo.formats = List.of("text", "pdf");

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("faultlock: formats (faultlock.formats): ")
        .hasMessageContaining("'pdf'");
  }

  @Test
  void blankAndRepeatedFormatsAreTolerated() throws Exception {
    CheckMojo mojo = check();
    mojo.formats = List.of("json", " JSON ", "");

    mojo.execute();

    try (var files = Files.list(dir.resolve("target/faultlock"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("faultlock.json");
    }
  }

  @Test
  void aConfiguredBaselineMustExist() {
    CheckMojo mojo = check();
    mojo.baseline = dir.resolve("nope.json").toFile();

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith(
            "faultlock: baseline (faultlock.baseline): " + dir.resolve("nope.json") + " does not exist");
  }

  @Test
  void aBrokenDefaultBaselineIsNotIgnored() throws IOException {
    Files.writeString(dir.resolve(BaselineMojo.DEFAULT_FILE), "[]");

    assertThatThrownBy(check()::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("faultlock: baseline (faultlock.baseline): cannot read ")
        .hasMessageContaining("not a faultlock baseline");
  }

  @Test
  void theBaselineGoalWritesWhatCheckThenPicksUp() throws Exception {
    baseline().execute();
    assertThat(Baseline.read(dir.resolve(BaselineMojo.DEFAULT_FILE)).entries()).isEmpty();

    check().execute();

    assertThat(log.lines)
        .anyMatch(l -> l.startsWith("[INFO] faultlock: baselined 0 findings in "))
        .anyMatch(l -> l.startsWith("[INFO] faultlock: 0 findings accepted by the baseline "))
        .anyMatch(l -> l.contains("0 errors, 0 warnings (0 baselined) in demo"));
  }

  @Test
  void aConfiguredSourceRootThatIsMissingIsAnError() {
    project.getCompileSourceRoots().clear();
    project.addCompileSourceRoot(dir.resolve("src/java").toString());

    assertThatThrownBy(check()::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("faultlock: source root " + dir.resolve("src/java") + " does not exist");
  }

  @Test
  void missingDefaultOrGeneratedRootsOnlyMeanNoSources() throws Exception {
    Files.delete(dir.resolve("src/main/java/demo/Demo.java"));
    Files.delete(dir.resolve("src/main/java/demo"));
    Files.delete(dir.resolve("src/main/java"));
    project.addCompileSourceRoot(dir.resolve("target/generated-sources/annotations").toString());

    check().execute();

    assertThat(log.lines).contains("[INFO] faultlock: analysing 0 source files");
  }

  @Test
  void testSourcesAreReadOnlyWhenAsked() throws Exception {
    Path test = dir.resolve("src/test/java/demo/DemoTest.java");
    Files.createDirectories(test.getParent());
    Files.writeString(test, "package demo;\n\nclass DemoTest {}\n");
    project.addTestCompileSourceRoot(dir.resolve("src/test/java").toString());
    CheckMojo mojo = check();
    mojo.includeTests = true;

    mojo.execute();

    assertThat(log.lines).contains("[INFO] faultlock: analysing 2 source files");
    // Summaries describe what the jar ships: an analysis that read tests does not write them.
    assertThat(dir.resolve("target/classes/META-INF/faultlock/summaries.json")).doesNotExist();
  }

  @Test
  void excludesLeaveFilesOut() throws Exception {
    CheckMojo mojo = check();
    mojo.excludes = List.of("**/Demo.java");

    mojo.execute();

    assertThat(log.lines).contains("[INFO] faultlock: analysing 0 source files");
  }

  // Two accounts locked in argument order: an UnsortedSameClassLocks warning at line 9.
  private static final String TRANSFER =
      """
      package demo;

      @dev.faultlock.annotations.LockClass("account")
      final class Transfer {
        long balance;

        void transfer(Transfer to, long amount) {
          synchronized (this) {
            synchronized (to) {
              // café: what a Latin-1 project's comments hold
              balance -= amount;
              to.balance += amount;
            }
          }
        }
      }
      """;

  private Path transfer(Charset encoding) throws IOException {
    Path file = dir.resolve("src/main/java/demo/Transfer.java");
    Files.write(file, TRANSFER.getBytes(encoding));
    return file;
  }

  @Test
  void rulesTurnARuleOffOrChangeItsSeverity() throws Exception {
    transfer(StandardCharsets.UTF_8);
    CheckMojo off = check();
    off.rules = Map.of("UnsortedSameClassLocks", "off");
    off.failOn = "warning";
    off.execute();
    assertThat(log.lines).anyMatch(l -> l.startsWith("[INFO] faultlock: 0 errors, 0 warnings in demo"));

    CheckMojo error = check();
    error.rules = Map.of("UnsortedSameClassLocks", "error");
    assertThatThrownBy(error::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("faultlock: 1 error, 0 warnings in demo (failOn=error)");
    assertThat(log.lines)
        .anyMatch(l -> l.startsWith("[ERROR] ") && l.contains("Transfer.java:9: [UnsortedSameClassLocks]"));
  }

  @Test
  void anUnknownRuleOrLevelNamesTheParameter() {
    CheckMojo rule = check();
    rule.rules = Map.of("Unsorted", "off");
    CheckMojo level = check();
    level.rules = Map.of("FaultUnderLock", "never");

    assertThatThrownBy(rule::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("faultlock: rules: unknown rule 'Unsorted' (expected one of ");
    assertThatThrownBy(level::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage(
            "faultlock: rules: unknown level 'never' (expected one of off, warning, error)");
    assertThat(log.lines).noneMatch(l -> l.contains("analysing"));
  }

  @Test
  void aLatin1ModuleIsReadInItsSourceEncoding() throws Exception {
    Path file = transfer(StandardCharsets.ISO_8859_1);
    CheckMojo asUtf8 = check();
    asUtf8.execute();
    assertThat(log.lines)
        .anyMatch(l -> l.startsWith("[WARNING] " + file + ":10: not UTF-8 text (byte 0xE9)"));

    log.lines.clear();
    CheckMojo asLatin1 = check();
    asLatin1.encoding = "ISO-8859-1";
    asLatin1.execute();
    assertThat(log.lines)
        .noneMatch(l -> l.contains("not UTF-8"))
        .anyMatch(l -> l.startsWith("[WARNING] ") && l.contains("Transfer.java:9: [UnsortedSameClassLocks]"));
  }

  @Test
  void anUnknownEncodingNamesTheParameter() {
    CheckMojo mojo = check();
    mojo.encoding = "latin-9000";

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith(
            "faultlock: encoding (faultlock.encoding, project.build.sourceEncoding): unknown"
                + " encoding 'latin-9000'");
  }

  @Test
  void theModulesFaultlockJsonIsReadAndParametersOverrideIt() throws Exception {
    transfer(StandardCharsets.ISO_8859_1);
    Files.writeString(
        dir.resolve("faultlock.json"),
        "{\"encoding\": \"ISO-8859-1\", \"failOn\": \"warning\","
            + " \"excludes\": [\"**/Demo.java\"]}");

    CheckMojo fromFile = check();
    fromFile.failOn = null;
    assertThatThrownBy(fromFile::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("faultlock: 0 errors, 1 warning in demo (failOn=warning)");
    assertThat(log.lines).contains("[INFO] faultlock: analysing 1 source file");

    // <failOn> in the pom wins over the file's.
    CheckMojo parameter = check();
    parameter.failOn = "error";
    parameter.execute();
    assertThat(log.lines).anyMatch(l -> l.startsWith("[INFO] faultlock: 0 errors, 1 warning in demo"));
  }

  @Test
  void aModuleWithoutFaultlockJsonReadsTheTopLevelProjects() throws Exception {
    transfer(StandardCharsets.UTF_8);
    Path topDir = dir.resolve("top");
    Files.createDirectories(topDir);
    Files.writeString(topDir.resolve("faultlock.json"), "{\"failOn\": \"warning\"}");
    MavenProject top = new MavenProject();
    top.setArtifactId("top");
    top.setFile(topDir.resolve("pom.xml").toFile());
    top.setExecutionRoot(true);
    @SuppressWarnings("deprecation")
    MavenSession session =
        new MavenSession(
            null, null, new DefaultMavenExecutionRequest(), new DefaultMavenExecutionResult());
    session.setProjects(List.of(top, project));
    CheckMojo mojo = check();
    mojo.failOn = null;
    mojo.session = session;

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("faultlock: 0 errors, 1 warning in demo (failOn=warning)");
  }

  @Test
  void aMalformedFaultlockJsonNamesItsLine() throws IOException {
    Path file = dir.resolve("faultlock.json");
    Files.writeString(file, "{\n  \"rules\": {\"UnsortedSameClassLock\": \"off\"}\n}\n");

    assertThatThrownBy(check()::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith(
            "faultlock: " + file + ":2: rules: unknown rule 'UnsortedSameClassLock'");
    assertThat(log.lines).noneMatch(l -> l.contains("analysing"));
  }

  @Test
  void aConfiguredConfigFileMustExist() {
    CheckMojo mojo = check();
    mojo.configFile = dir.resolve("conf/faultlock.json").toFile();

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage(
            "faultlock: configFile (faultlock.configFile): " + dir.resolve("conf/faultlock.json")
                + " does not exist or is not a file");
  }

  @Test
  void theBaselineOfFaultlockJsonIsWhereTheBaselineGoalWritesAndCheckReads() throws Exception {
    transfer(StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("faultlock.json"), "{\"baseline\": \"config/accepted.json\"}");
    BaselineMojo write = new BaselineMojo();
    write.project = project;
    write.setLog(log);

    write.execute();
    CheckMojo strict = check();
    strict.failOn = "warning";
    strict.execute();

    assertThat(Baseline.read(dir.resolve("config/accepted.json")).entries())
        .extracting(Baseline.Entry::rule)
        .containsExactly("UnsortedSameClassLocks");
    assertThat(log.lines)
        .anyMatch(l -> l.contains("0 errors, 0 warnings (1 baselined) in demo"))
        .noneMatch(l -> l.contains("[UnsortedSameClassLocks]"));
    // Accepted findings are not reported in the files either.
    assertThat(Files.readString(dir.resolve("target/faultlock/faultlock.txt")))
        .doesNotContain("UnsortedSameClassLocks");
  }

  @Test
  void skipAndPomModulesAnalyseNothing() throws Exception {
    CheckMojo skipped = check();
    skipped.skip = true;
    skipped.execute();
    project.setPackaging("pom");
    check().execute();

    assertThat(log.lines)
        .containsExactly(
            "[INFO] faultlock: skipped (faultlock.skip)",
            "[INFO] faultlock: nothing to analyse in a module with packaging pom");
    assertThat(new File(dir.toFile(), "target")).doesNotExist();
  }
}
