package dev.faultlock.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlock.maven.FindingLogTest.RecordingLog;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecutionException;
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

  @Test
  void unknownFailOnNamesTheParameter() {
    CheckMojo mojo = check();
    mojo.failOn = "sometimes";

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage(
            "faultlock: failOn (faultlock.failOn): unknown value 'sometimes', expected one of"
                + " error, warning, never");
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
