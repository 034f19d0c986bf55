package dev.faultlock.cli;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.config.Baseline;
import dev.faultlock.config.ConfidenceCut;
import dev.faultlock.config.ConfigFile;
import dev.faultlock.config.FailOn;
import dev.faultlock.config.Settings;
import dev.faultlock.report.ToolInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The controls of one {@code check} run, resolved: the command line over the project's {@code
 * faultlock.json} over the defaults, and the baseline they name, read before the analysis starts
 * so that a bad file costs a second, not a whole analysis.
 */
final class RunControls {
  /** Bad input in the controls: {@code check} prints the message and exits 2. */
  static final class BadControl extends Exception {
    private static final long serialVersionUID = 1;

    BadControl(String message) {
      super(message, null, false, false);
    }
  }

  private final Settings settings;
  private final Baseline baseline;
  private final Path writeBaseline;

  private RunControls(Settings settings, Baseline baseline, Path writeBaseline) {
    this.settings = settings;
    this.baseline = baseline;
    this.writeBaseline = writeBaseline;
  }

  /**
   * Reads the configuration file (the one named, else {@code faultlock.json} in the current
   * directory if there is one) and the baseline.
   */
  static RunControls resolve(ControlOptions options) throws BadControl {
    Settings file = Settings.NONE;
    Path config = options.config != null ? options.config : Path.of(ConfigFile.NAME);
    if (options.config != null && !Files.isRegularFile(config)) {
      throw new BadControl("the configuration " + config + " does not exist or is not a file");
    }
    if (Files.exists(config)) {
      try {
        file = ConfigFile.read(config);
      } catch (IOException e) {
        throw new BadControl("cannot read the configuration " + config + ": " + describe(e));
      } catch (IllegalArgumentException e) {
        throw new BadControl(e.getMessage());
      }
    }
    Settings settings = options.commandLine().over(file).over(Settings.DEFAULTS);
    Baseline baseline = null;
    if (settings.baseline() != null && options.writeBaseline == null) {
      baseline = read(settings.baseline());
    }
    return new RunControls(settings, baseline, options.writeBaseline);
  }

  private static Baseline read(Path file) throws BadControl {
    if (!Files.isRegularFile(file)) {
      throw new BadControl(
          "baseline " + file + " does not exist or is not a file; write it with --write-baseline "
              + file);
    }
    try {
      return Baseline.read(file);
    } catch (IOException e) {
      throw new BadControl("cannot read the baseline " + file + ": " + describe(e));
    } catch (IllegalArgumentException e) {
      throw new BadControl("baseline " + file + ": " + e.getMessage());
    }
  }

  Settings settings() {
    return settings;
  }

  FailOn failOn() {
    return settings.failOn();
  }

  /**
   * What is reported: the findings the baseline does not accept, at least as sure as {@code
   * --min-confidence} ({@link ConfidenceCut}, which says on {@code err} how many it left out).
   * With {@code --write-baseline}, writes every finding of {@code result} first, so that none is
   * reported.
   *
   * @param checked whether a file, as a baseline entry names it, was checked in this run: an
   *     entry for a file outside the {@code PATH}s named is not stale, only not looked at
   */
  AnalysisResult reported(AnalysisResult result, Predicate<String> checked, PrintWriter err)
      throws BadControl {
    ConfidenceCut cut = ConfidenceCut.of(accepted(result, checked, err), settings.minConfidence());
    String note = cut.note("--min-confidence low");
    if (note != null) err.println(ToolInfo.NAME + ": " + note);
    return cut.shown();
  }

  /** {@code result} less what the baseline accepts, writing it first with {@code --write-baseline}. */
  private AnalysisResult accepted(AnalysisResult result, Predicate<String> checked, PrintWriter err)
      throws BadControl {
    Baseline accepted = baseline;
    Path file = settings.baseline();
    if (writeBaseline != null) {
      accepted = Baseline.of(result.findings(), f -> f.location().toString());
      file = writeBaseline;
      try {
        accepted.write(writeBaseline);
      } catch (IOException e) {
        throw new BadControl("cannot write the baseline " + writeBaseline + ": " + describe(e));
      }
      err.println(
          ToolInfo.NAME + ": baselined " + plural(result.findings().size(), "finding") + " in "
              + writeBaseline + "; runs with --baseline " + writeBaseline
              + " fail only on new ones");
    }
    if (accepted == null) return result;
    Baseline.Match match = accepted.match(result.findings());
    if (writeBaseline == null) {
      err.println(
          ToolInfo.NAME + ": " + plural(match.baselined().size(), "finding")
              + " accepted by the baseline " + file);
    }
    List<Baseline.Entry> stale =
        match.stale().stream().filter(e -> checked.test(fileOf(e.location()))).toList();
    if (!stale.isEmpty()) {
      err.println(
          ToolInfo.NAME + ": " + plural(stale.size(), "baseline entry matches",
              "baseline entries match")
              + " no finding any more (fixed?): refresh it with --write-baseline " + file);
      for (Baseline.Entry e : stale) {
        err.println("    " + e.location() + ": [" + e.rule() + "] stale");
      }
    }
    return match.reported(result);
  }

  // An entry's location is "file:line" (or "file" alone), as the writer showed it.
  private static String fileOf(String location) {
    return location == null ? "" : location.replaceFirst(":\\d+$", "");
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }

  private static String plural(long n, String noun) {
    return plural(n, noun, noun + "s");
  }

  private static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
