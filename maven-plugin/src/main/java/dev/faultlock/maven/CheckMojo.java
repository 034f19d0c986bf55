package dev.faultlock.maven;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.catalog.Severity;
import dev.faultlock.config.Baseline;
import dev.faultlock.config.ConfidenceCut;
import dev.faultlock.config.FailOn;
import dev.faultlock.config.Settings;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Analyses the module and fails the build on findings: each is printed as {@code path:line:
 * [RuleId] message} with its witness trace, and the reports are written to {@code
 * outputDirectory}. The module's summaries are written into its classes as well, so modules that
 * depend on it see its fault handlers and lock acquisitions.
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.VERIFY,
    threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMojo extends AbstractFaultlockMojo {
  /**
   * The least severe finding that fails the build: {@code error}, {@code warning} or {@code
   * never}. When not set, {@code faultlock.json}'s {@code failOn}, else {@code error}.
   */
  @Parameter(property = "faultlock.failOn")
  String failOn;

  /** Reports to write: any of {@code text}, {@code sarif}, {@code html}, {@code json}. */
  @Parameter(property = "faultlock.formats", defaultValue = "text,sarif,html")
  List<String> formats;

  /** Where the reports go. */
  @Parameter(property = "faultlock.outputDirectory", defaultValue = "${project.build.directory}/faultlock")
  File outputDirectory;

  /**
   * Analyses the test sources too. The goal resolves the compile classpath only, so types from
   * test-scoped libraries stay unresolved in test code; the summaries are then not written (they
   * describe what the jar ships).
   */
  @Parameter(property = "faultlock.includeTests", defaultValue = "false")
  boolean includeTests;

  /**
   * Findings accepted for now (written by the {@code baseline} goal, or by the command line's
   * {@code --write-baseline}): they are neither reported nor fail the build. When not set, {@code
   * faultlock.json}'s {@code baseline}, else {@code faultlock-baseline.json} in the module's
   * directory if it exists.
   */
  @Parameter(property = "faultlock.baseline")
  File baseline;

  /**
   * The least sure finding that is reported: {@code high} or {@code low}. A low-confidence finding
   * relies on class-hierarchy dispatch or on an object from outside the program; below the
   * threshold it is neither logged nor in the reports, so it cannot fail the build, and one line
   * says how many were left out. When not set, {@code faultlock.json}'s {@code minConfidence},
   * else {@code high} (each rule page's "Confidence" section says why).
   */
  @Parameter(property = "faultlock.minConfidence")
  String minConfidence;

  @Override
  Settings parameters() throws MojoExecutionException {
    Settings own = super.parameters();
    return new Settings(
        own.excludes(),
        own.rules(),
        own.encoding(),
        baseline == null ? null : baseline.toPath(),
        failOn == null ? null : failOn(),
        own.faultMethods(),
        minConfidence == null ? null : minConfidence());
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    // Every parameter is checked before the analysis runs, so a typo fails in a second.
    FailOn threshold = settings.failOn();
    List<ReportFiles.Target> reports = ReportFiles.targets(formats, outputDirectory.toPath());
    Path baselineFile = baselineFile();
    Baseline accepted = baselineFile == null ? null : readBaseline(baselineFile);

    AnalysisResult analysed = analyze(includeTests);
    if (!includeTests) writeSummaries(analysed);
    warnIfJarLacksSummaries();
    Baseline.Match match =
        accepted == null
            ? Baseline.Match.none(analysed.findings())
            : accepted.match(analysed.findings());
    ConfidenceCut cut = ConfidenceCut.of(match.reported(analysed), settings.minConfidence());
    AnalysisResult result = cut.shown();
    List<Finding> fresh = ConfidenceCut.kept(match.fresh(), settings.minConfidence());
    ReportFiles.write(reports, result);

    for (Problem p : result.problems()) FindingLog.print(getLog(), p);
    for (Finding f : fresh) FindingLog.print(getLog(), f);
    if (accepted != null) reportBaseline(baselineFile, match);
    String note = cut.note("<minConfidence>low</minConfidence> (-Dfaultlock.minConfidence=low)");
    if (note != null) getLog().info("faultlock: " + note);

    long errors = fresh.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = fresh.size() - errors;
    String summary =
        "faultlock: "
            + count(errors, "error")
            + ", "
            + count(warnings, "warning")
            + (accepted == null ? "" : " (" + match.baselined().size() + " baselined)")
            + " in "
            + project.getArtifactId();
    String where = reports.isEmpty() ? "" : "; report: " + ReportFiles.main(reports);
    boolean fails = fresh.stream().anyMatch(f -> threshold.fails(f.severity()));
    if (fails) {
      throw new MojoFailureException(summary + " (failOn=" + threshold + ")" + where);
    }
    getLog().info(summary + where);
  }

  /**
   * In a multi-module build, modules that depend on this one read its summaries from its jar,
   * which was built before {@code verify}: without {@code summarize} they are checked blind to
   * this module's fault handlers and locks, and would silently miss cross-module findings.
   */
  private void warnIfJarLacksSummaries() {
    if (session != null
        && session.getProjects().size() > 1
        && project.getContextValue(SummarizeMojo.DONE) == null) {
      getLog().warn(
          "faultlock: the summarize goal did not run before package, so modules that depend on "
              + project.getArtifactId()
              + " are checked without its summaries: add <goal>summarize</goal> to the plugin's"
              + " executions");
    }
  }

  private Confidence minConfidence() throws MojoExecutionException {
    try {
      return Settings.confidence(minConfidence);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(
          "faultlock: minConfidence (faultlock.minConfidence): " + e.getMessage());
    }
  }

  private FailOn failOn() throws MojoExecutionException {
    try {
      return FailOn.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("faultlock: failOn (faultlock.failOn): " + e.getMessage());
    }
  }

  /** The baseline to apply: the configured one, else the default file if the module has one. */
  private Path baselineFile() throws MojoExecutionException {
    if (settings.baseline() == null) {
      Path implicit = project.getBasedir().toPath().resolve(BaselineMojo.DEFAULT_FILE);
      return Files.exists(implicit) ? implicit : null;
    }
    Path file = settings.baseline();
    if (!Files.isRegularFile(file)) {
      throw new MojoExecutionException(
          "faultlock: baseline (faultlock.baseline): "
              + file
              + " does not exist or is not a file; write it with the baseline goal"
              + " (mvn dev.faultlock:faultlock-maven-plugin:baseline)");
    }
    return file;
  }

  private static Baseline readBaseline(Path file) throws MojoExecutionException {
    try {
      return Baseline.read(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new MojoExecutionException(
          "faultlock: baseline (faultlock.baseline): cannot read " + file + ": " + e.getMessage());
    }
  }

  private void reportBaseline(Path file, Baseline.Match match) {
    getLog().info(
        "faultlock: "
            + count(match.baselined().size(), "finding")
            + " accepted by the baseline "
            + file);
    if (!match.stale().isEmpty()) {
      getLog().warn(
          "faultlock: "
              + count(match.stale().size(), "baseline entry matches", "baseline entries match")
              + " no finding any more (fixed?): refresh "
              + file.getFileName()
              + " with the baseline goal");
      for (Baseline.Entry e : match.stale()) {
        getLog().warn(FindingLog.TRACE_INDENT + e.location() + ": [" + e.rule() + "] stale");
      }
    }
  }
}
