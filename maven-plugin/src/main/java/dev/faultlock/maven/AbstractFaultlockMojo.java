package dev.faultlock.maven;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.config.ConfigFile;
import dev.faultlock.config.Excludes;
import dev.faultlock.config.RuleLevels;
import dev.faultlock.config.Settings;
import dev.faultlock.findings.Location;
import dev.faultlock.source.JavaSources;
import dev.faultlock.summary.Summaries;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every faultlock goal shares: which sources and classpath one module's analysis reads, and
 * the module's summaries file.
 *
 * <p>The analysis of a module's main sources runs once per build: {@code summarize} (at {@code
 * process-classes}) keeps its result in the project's context and {@code check} (at {@code
 * verify}) reuses it when it reads the same files and classpath.
 */
abstract class AbstractFaultlockMojo extends AbstractMojo {
  private static final String CONTEXT_KEY = "dev.faultlock.maven.analysis";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** Skips faultlock for this module. */
  @Parameter(property = "faultlock.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${session}", readonly = true)
  MavenSession session;

  /**
   * Source files to leave out: globs relative to each source root, like maven-compiler-plugin's
   * excludes ({@code **&#47;generated/**}, {@code com/acme/Legacy.java}). Added to the excludes
   * of {@code faultlock.json}.
   */
  @Parameter(property = "faultlock.excludes")
  List<String> excludes = new ArrayList<>();

  /**
   * Per-rule levels, by rule id: {@code off}, {@code warning} or {@code error}, as in {@code
   * <rules><UnsortedSameClassLocks>off</UnsortedSameClassLocks></rules>}. Override the levels of
   * {@code faultlock.json} rule by rule.
   */
  @Parameter Map<String, String> rules = new LinkedHashMap<>();

  /**
   * The sources' encoding: by default the one javac compiles them in. Overrides the encoding of
   * {@code faultlock.json}, which applies only when neither is set.
   */
  @Parameter(property = "faultlock.encoding", defaultValue = "${project.build.sourceEncoding}")
  String encoding;

  /**
   * The project's faultlock configuration. When not set, {@code faultlock.json} in the module's
   * directory is read if it exists, else the one in the top-level project's directory.
   */
  @Parameter(property = "faultlock.configFile")
  File configFile;

  /**
   * Methods that count as faulting copies, as {@code @MayFault}, for code you cannot annotate:
   * {@code Type#method} or {@code Type#*} (subtypes included), as Error Prone's {@code
   * -XepOpt:FaultUnderLock:FaultMethods} names them ({@code
   * <faultMethods><faultMethod>java.nio.channels.FileChannel#transferTo</faultMethod></faultMethods>},
   * or {@code -Dfaultlock.faultMethods=A#m,B#*}). Added to the fault methods of {@code
   * faultlock.json}.
   */
  @Parameter(property = "faultlock.faultMethods")
  List<String> faultMethods = new ArrayList<>();

  /**
   * Where the analysis keeps each source's declarations and facts between builds, so that a
   * build after a small edit parses only the edited files ({@code mvn clean} empties it).
   */
  @Parameter(
      property = "faultlock.cacheDirectory",
      defaultValue = "${project.build.directory}/faultlock-cache")
  File cacheDirectory;

  /**
   * Also solves points-to over the module (the command line's {@code --points-to}): locks known
   * by the objects they can be, calls dispatched by the objects that flow to them. Finds the
   * deadlocks whose two locks are one object only at run time (a lock handed to two classes
   * through their constructors) and drops findings that rest on calls nothing wires up; it costs
   * java.base about 40 % more time (README, "Performance"), so it is not the default. The
   * cache is not read with it: every file is parsed.
   */
  @Parameter(property = "faultlock.pointsTo", defaultValue = "false")
  boolean pointsTo;

  /** This execution's controls: the parameters over {@code faultlock.json} over the defaults. */
  Settings settings;

  /** What an analysis result depends on, to reuse it in a later goal. */
  private record Inputs(
      List<Path> sources, List<Path> classpath, Charset encoding, Excludes excludes,
      RuleLevels rules, FaultMethods faultMethods, boolean pointsTo) {
    static Inputs of(AnalyzerOptions o) {
      return new Inputs(o.sources(), o.classpath(), o.encoding(), o.excludes(), o.rules(),
          o.faultMethods(), o.pointsTo());
    }
  }

  /** One finished analysis and what it read, kept in the project context between goals. */
  private record Analysis(Inputs inputs, AnalysisResult result) {}

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("faultlock: skipped (faultlock.skip)");
      return;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().info("faultlock: nothing to analyse in a module with packaging pom");
      return;
    }
    // Every control is checked before the analysis runs, so a typo fails in a second.
    settings = parameters().over(configuration()).over(Settings.DEFAULTS);
    run();
  }

  abstract void run() throws MojoExecutionException, MojoFailureException;

  /** This goal's parameters as a layer of settings; goals with more controls add theirs. */
  Settings parameters() throws MojoExecutionException {
    Excludes excluded;
    try {
      excluded = new Excludes(excludes == null ? List.of() : excludes);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(
          "faultlock: excludes (faultlock.excludes): " + e.getMessage());
    }
    RuleLevels levels;
    try {
      levels = RuleLevels.of(rules == null ? Map.of() : rules);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("faultlock: rules: " + e.getMessage());
    }
    Charset charset = null;
    if (encoding != null && !encoding.isBlank()) {
      try {
        charset = Settings.charset(encoding);
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException(
            "faultlock: encoding (faultlock.encoding, project.build.sourceEncoding): "
                + e.getMessage());
      }
    }
    FaultMethods listed;
    try {
      listed = FaultMethods.parseStrict(faultMethods == null ? List.of() : faultMethods);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(
          "faultlock: faultMethods (faultlock.faultMethods): " + e.getMessage());
    }
    return new Settings(excluded, levels, charset, null, null, listed);
  }

  /** The settings of {@code faultlock.json}: the one configured, else the module's or the top's. */
  private Settings configuration() throws MojoExecutionException {
    Path file = configFile == null ? null : configFile.toPath();
    if (file != null && !Files.isRegularFile(file)) {
      throw new MojoExecutionException(
          "faultlock: configFile (faultlock.configFile): " + file
              + " does not exist or is not a file");
    }
    if (file == null) file = implicitConfiguration();
    if (file == null) return Settings.NONE;
    getLog().debug("faultlock: reading " + file);
    try {
      return ConfigFile.read(file);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "faultlock: cannot read the configuration " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("faultlock: " + e.getMessage());
    }
  }

  private Path implicitConfiguration() {
    Path own = project.getBasedir().toPath().resolve(ConfigFile.NAME);
    if (Files.isRegularFile(own)) return own;
    MavenProject top = session == null ? null : session.getTopLevelProject();
    if (top == null || top.getBasedir() == null) return null;
    Path shared = top.getBasedir().toPath().resolve(ConfigFile.NAME);
    return Files.isRegularFile(shared) ? shared : null;
  }

  /**
   * Analyses the module's main sources, and its test sources too when asked, resolving library
   * types (and the summaries of the modules it depends on) from its classpath.
   */
  final AnalysisResult analyze(boolean withTests) throws MojoExecutionException {
    AnalyzerOptions options =
        options(withTests)
            .cacheDir(cacheDirectory == null ? null : cacheDirectory.toPath())
            .summarize(true)
            .build();
    Inputs inputs = Inputs.of(options);
    if (project.getContextValue(CONTEXT_KEY) instanceof Analysis done
        && done.inputs().equals(inputs)) {
      getLog().debug("faultlock: reusing this build's analysis");
      return done.result();
    }
    int files = JavaSources.collect(options, new ArrayList<>()).size();
    getLog().info("faultlock: analysing " + count(files, "source file"));
    AnalysisResult result = Analyzer.analyze(options);
    project.setContextValue(CONTEXT_KEY, new Analysis(inputs, result));
    return result;
  }

  /** What one module's analysis reads: its sources, its classpath, this execution's controls. */
  final AnalyzerOptions.Builder options(boolean withTests) throws MojoExecutionException {
    return settings
        .applyTo(AnalyzerOptions.builder())
        .sources(sourceRoots(withTests))
        .classpath(classpath(withTests))
        .pointsTo(pointsTo)
        .progress((phase, done, total) ->
            getLog().debug("faultlock: " + phase + " " + done + "/" + total));
  }

  /**
   * The roots to read. Every root must exist, except Maven's two defaults ({@code src/main/java},
   * {@code src/test/java}) and generated roots under the build directory: their absence only
   * means the module has no such sources. A configured root that is missing is a typo that would
   * otherwise make the module look clean.
   */
  private List<Path> sourceRoots(boolean withTests) throws MojoExecutionException {
    Path basedir = project.getBasedir().toPath();
    Path buildDir = Path.of(project.getBuild().getDirectory());
    Set<Path> defaults = Set.of(basedir.resolve("src/main/java"), basedir.resolve("src/test/java"));
    List<String> declared = new ArrayList<>(project.getCompileSourceRoots());
    if (withTests) declared.addAll(project.getTestCompileSourceRoots());

    List<Path> roots = new ArrayList<>();
    for (String r : declared) {
      Path root = basedir.resolve(r).normalize();
      if (Files.isDirectory(root)) {
        roots.add(root);
      } else if (!defaults.contains(root) && !root.startsWith(buildDir)) {
        throw new MojoExecutionException(
            "faultlock: source root "
                + root
                + " does not exist: fix <sourceDirectory>/<testSourceDirectory> (or the plugin"
                + " that adds this root), or skip the module with -Dfaultlock.skip");
      }
    }
    return roots;
  }

  /**
   * The module's classpath less its own output directories: its own types come from its sources,
   * and a summaries file left there by an earlier build must not describe them twice.
   */
  private List<Path> classpath(boolean withTests) throws MojoExecutionException {
    List<String> elements;
    try {
      elements =
          withTests ? project.getTestClasspathElements() : project.getCompileClasspathElements();
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("faultlock: " + e.getMessage(), e);
    }
    Set<Path> own =
        Set.of(
            Path.of(project.getBuild().getOutputDirectory()),
            Path.of(project.getBuild().getTestOutputDirectory()));
    List<Path> classpath = new ArrayList<>();
    for (String e : elements) {
      Path p = Path.of(e);
      if (!own.contains(p)) classpath.add(p);
    }
    return classpath;
  }

  /** Writes the module's summaries into its classes, so they ship in its jar. */
  final Path writeSummaries(AnalysisResult result) throws MojoExecutionException {
    Path file = Path.of(project.getBuild().getOutputDirectory()).resolve(Summaries.RESOURCE);
    try {
      Summaries.write(result, file);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "faultlock: cannot write the summaries " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** {@code "1 error"}, {@code "2 errors"}. */
  static String count(long n, String noun) {
    return count(n, noun, noun + "s");
  }

  static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** A location as {@code file:line} relative to the module, for files reviewers read. */
  final String relative(Location location) {
    Path file = Path.of(location.file());
    Path basedir = project.getBasedir().toPath();
    String shown =
        file.isAbsolute() && file.startsWith(basedir)
            ? basedir.relativize(file).toString().replace('\\', '/')
            : location.file();
    return location.line() > 0 ? shown + ":" + location.line() : shown;
  }
}
