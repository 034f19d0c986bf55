package dev.faultlock.cli;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.Problem;
import dev.faultlock.report.Counts;
import dev.faultlock.report.ReportFormat;
import dev.faultlock.report.Reports;
import dev.faultlock.report.ToolInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultlock check}: analyse sources, write a report, exit by what was found. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpWidth = 100,
    header = "Find lock-held faulting copies and lock-order deadlocks.",
    description = {
      "Finds ABBA deadlocks in Java storage code. Reads the .java files under each PATH as one",
      "program, with the rest of the source root each PATH lies in (found from its package, as",
      "javac's -sourcepath would), and reports for the PATHs, each with its witness trace:",
      "  FaultUnderLock          a lock held while copying to or from a caller's buffer whose",
      "                          page fault takes another lock of the same class (the GFS bug)",
      "  LockOrderInversion      locks taken in both orders on different paths",
      "  UnsortedSameClassLocks  two locks of one class taken one after the other, unordered",
      "  DeclaredOrderViolation  an acquisition against @LockOrder",
      "  AnnotationMisuse        a faultlock annotation that cannot mean what it says",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  faultlock check src/main/java",
      "  faultlock check --format sarif --output faultlock.sarif --classpath lib/store.jar"
          + " src/main/java",
      "  faultlock check --format html --output faultlock.html --fail-on warning src"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing at or above --fail-on was found",
      "1:findings at or above --fail-on",
      "2:bad usage or input (unknown option or format, a PATH that does not exist or holds no"
          + " Java files, a bad configuration file or baseline, a report that cannot be written)",
      "3:internal error (a bug in faultlock; please report it)"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--classpath",
      paramLabel = "CP",
      description =
          "Jars and class directories of the libraries the sources use, separated by"
              + " '${sys:path.separator}'. Their META-INF/faultlock/summaries.json say what library"
              + " methods do with locks and faults.")
  String classpath;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      completionCandidates = FormatConverter.Names.class,
      description =
          "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). text is"
              + " javac-style with each trace indented below its finding; sarif is SARIF 2.1.0"
              + " for code scanning and IDEs; html is one page with the lock-order graph.")
  ReportFormat format;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  // --fail-on, --exclude, --rule, --encoding, --baseline, --config: what faultlock.json can set.
  @Mixin ControlOptions controls;

  @Option(
      names = "--verbose",
      description =
          "Print what was analysed (files, types, methods, call edges, unresolved"
              + " calls) and where the time went (start-up, parse, analysis, reports, total), on"
              + " standard error.")
  boolean verbose;

  @Option(
      names = "--points-to",
      description =
          "Also solve the points-to analysis over every method (experimental), and dispatch"
              + " calls and tell locks apart by the objects it finds; with --verbose, print its"
              + " size and solve time. Every file is"
              + " parsed: the cache's stored facts are not read.")
  boolean pointsTo;

  @Option(
      names = "--progress",
      paramLabel = "WHEN",
      defaultValue = "auto",
      converter = ProgressMode.Converter.class,
      description =
          "Draw a progress line on standard error for runs over two seconds: auto (when standard"
              + " error is a terminal, whatever standard output is), always or never (default:"
              + " ${DEFAULT-VALUE}).")
  ProgressMode progressMode;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Keep per-file facts in DIR, so that later runs re-read only changed files.")
  Path cacheDir;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Java source files, or directories whose .java files are all read.")
  List<Path> paths;

  @Mixin JobsOption jobs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();

    RunControls run;
    try {
      run = RunControls.resolve(controls);
    } catch (RunControls.BadControl e) {
      return Main.badInput(err, e.getMessage());
    }

    InputPaths inputs = InputPaths.check(paths);
    inputs.errors().forEach(message -> err.println(ToolInfo.NAME + ": " + message));
    if (inputs.usable().isEmpty()) {
      err.flush();
      return Main.BAD_INPUT;
    }

    // A progress line only helps a person watching a terminal; in CI logs it is noise.
    ProgressLine progress =
        progressMode.showsHere() ? new ProgressLine(err, System::nanoTime).ticking() : null;
    List<Path> roots = inputs.roots(run.settings().encoding());
    if (verbose && !roots.equals(inputs.usable())) {
      err.println(
          ToolInfo.NAME + ": reading the source roots " + roots + " for " + inputs.usable());
    }
    RunTimes times = RunTimes.startingNow();
    AnalysisResult analysed =
        Analyzer.analyze(
            run.settings()
                .applyTo(AnalyzerOptions.builder())
                .sources(roots)
                .classpath(Classpath.entries(classpath))
                .jobs(jobs.jobs())
                .cacheDir(cacheDir)
                .pointsTo(pointsTo)
                .progress(progress == null ? AnalyzerOptions.Progress.NONE : progress)
                .build());
    if (progress != null) {
      progress.close();
    }
    times.analysed();
    AnalysisResult result;
    try {
      result =
          run.reported(
              roots.equals(inputs.usable()) ? analysed : onlyNamed(analysed, inputs.usable(), roots),
              file -> SourceRoots.isUnder(file, inputs.usable()),
              err);
    } catch (RunControls.BadControl e) {
      return Main.badInput(err, e.getMessage());
    }

    Counts counts = Counts.of(result);
    try {
      if (output == null) {
        Reports.write(format, result, out);
      } else {
        Reports.write(format, result, output);
        out.println(counts + " (" + format.label() + " report: " + output + ")");
      }
    } catch (IOException e) {
      err.println(ToolInfo.NAME + ": cannot write the report to " + output + ": " + e);
      err.flush();
      return Main.BAD_INPUT;
    }
    // The text report on standard output already lists the problems; any other report might
    // go unread, and skipped input must never go unnoticed.
    if (output != null || format != ReportFormat.TEXT) {
      for (Problem problem : result.problems()) {
        err.println(ToolInfo.NAME + ": " + problem.location() + ": " + problem.message());
      }
    }
    times.reported();
    if (verbose) {
      printStats(err, result.stats());
      err.println(ToolInfo.NAME + ": " + times.summary(result.stats()));
    }
    out.flush();
    err.flush();
    if (!inputs.errors().isEmpty()) {
      return Main.BAD_INPUT;
    }
    return run.failOn().fails(counts) ? Main.FINDINGS : Main.OK;
  }

  /**
   * Drops what lies in the source roots outside the named {@code PATH}s: those files were read only
   * for what the named ones use. The lock graph and the counts of what was analysed stay whole.
   */
  private static AnalysisResult onlyNamed(
      AnalysisResult result, List<Path> named, List<Path> roots) {
    Predicate<Location> shown =
        location ->
            SourceRoots.isUnder(location.file(), named)
                || !SourceRoots.isUnder(location.file(), roots);
    return new AnalysisResult(
        result.findings().stream().filter(f -> shown.test(f.location())).toList(),
        result.problems().stream().filter(p -> shown.test(p.location())).toList(),
        result.lockGraph(),
        result.stats(),
        result.summary());
  }

  private static void printStats(PrintWriter err, AnalysisResult.Stats stats) {
    err.printf(
        Locale.ROOT,
        "%s: %d files (%d parsed), %d types, %d methods, %d call edges, %d unresolved calls%n",
        ToolInfo.NAME,
        stats.files(),
        stats.filesParsed(),
        stats.types(),
        stats.methods(),
        stats.callEdges(),
        stats.unresolvedCalls());
    if (stats.pointsTo() != null) err.println(ToolInfo.NAME + ": " + stats.pointsTo());
  }

  /** {@code --format}: any {@link ReportFormat} by its lower-case name. */
  static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      try {
        return ReportFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }

    /** The names the help text lists. */
    static final class Names extends ArrayList<String> {
      private static final long serialVersionUID = 1;

      Names() {
        super(Arrays.stream(ReportFormat.values()).map(ReportFormat::label).toList());
      }
    }
  }
}
