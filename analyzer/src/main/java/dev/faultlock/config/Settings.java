package dev.faultlock.config;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.findings.Confidence;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The controls a user sets, from any of the three places they can be set: the command line, the
 * Maven plugin's parameters and the project's {@link ConfigFile}. Each front end maps its own
 * spelling onto this one record, {@link #over} layers them (command line or plugin parameters
 * over the file over {@link #DEFAULTS}), and {@link #applyTo} hands the analysis its part.
 *
 * @param excludes source files to leave out; layers add up (a glob in any layer leaves a file out)
 * @param rules per-rule levels; layered rule by rule
 * @param encoding the sources' encoding, {@code null} when this layer does not say
 * @param baseline the baseline file of accepted findings, {@code null} when this layer does not say
 * @param failOn the threshold that fails the run, {@code null} when this layer does not say
 * @param faultMethods methods that count as faulting copies ({@code Type#method}); layers add up
 * @param minConfidence the least sure finding that is reported ({@link ConfidenceCut}), {@code
 *     null} when this layer does not say
 */
public record Settings(
    Excludes excludes, RuleLevels rules, Charset encoding, Path baseline, FailOn failOn,
    FaultMethods faultMethods, Confidence minConfidence) {
  /** Nothing set: a layer that leaves every control to the layers below. */
  public static final Settings NONE =
      new Settings(Excludes.NONE, RuleLevels.DEFAULTS, null, null, null, FaultMethods.NONE, null);

  /**
   * What applies when no layer says: UTF-8, no baseline, fail on errors, no fault methods, only
   * high-confidence findings reported (each rule page's "Confidence" says why).
   */
  public static final Settings DEFAULTS =
      new Settings(Excludes.NONE, RuleLevels.DEFAULTS, StandardCharsets.UTF_8, null, FailOn.ERROR,
          FaultMethods.NONE, Confidence.HIGH);

  public Settings {
    if (excludes == null) excludes = Excludes.NONE;
    if (rules == null) rules = RuleLevels.DEFAULTS;
    if (faultMethods == null) faultMethods = FaultMethods.NONE;
  }

  /** A layer that does not say which confidence to report. */
  public Settings(
      Excludes excludes, RuleLevels rules, Charset encoding, Path baseline, FailOn failOn,
      FaultMethods faultMethods) {
    this(excludes, rules, encoding, baseline, failOn, faultMethods, null);
  }

  /** This layer's settings, and {@code lower}'s where this one does not say. */
  public Settings over(Settings lower) {
    List<String> globs = new ArrayList<>(excludes.globs());
    globs.addAll(lower.excludes.globs());
    return new Settings(
        new Excludes(globs),
        rules.over(lower.rules),
        encoding != null ? encoding : lower.encoding,
        baseline != null ? baseline : lower.baseline,
        failOn != null ? failOn : lower.failOn,
        faultMethods.plus(lower.faultMethods),
        minConfidence != null ? minConfidence : lower.minConfidence);
  }

  /** Gives the analysis what it uses: excludes, rule levels, encoding and fault methods. */
  public AnalyzerOptions.Builder applyTo(AnalyzerOptions.Builder options) {
    options.excludes(excludes).rules(rules).faultMethods(faultMethods);
    if (encoding != null) options.encoding(encoding);
    return options;
  }

  /**
   * The confidence named {@code id}, as {@code --min-confidence} and {@code minConfidence} take it.
   *
   * @throws IllegalArgumentException naming the value when it is neither {@code high} nor {@code low}
   */
  public static Confidence confidence(String id) {
    Confidence c = Confidence.parse(id);
    if (c == null) throw new IllegalArgumentException("unknown confidence '" + id + "' (high or low)");
    return c;
  }

  /**
   * The charset of this name, as javac's {@code -encoding} takes it.
   *
   * @throws IllegalArgumentException naming the value when the JVM knows no such charset
   */
  public static Charset charset(String name) {
    try {
      return Charset.forName(name == null ? "" : name.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException(
          "unknown encoding '" + name + "' (e.g. UTF-8, ISO-8859-1, windows-1252)", e);
    }
  }
}
