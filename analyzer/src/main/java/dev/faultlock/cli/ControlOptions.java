package dev.faultlock.cli;

import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.config.ConfigFile;
import dev.faultlock.config.Excludes;
import dev.faultlock.config.FailOn;
import dev.faultlock.config.RuleLevels;
import dev.faultlock.config.Settings;
import dev.faultlock.findings.Confidence;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code check} that a project can also set in its {@code faultlock.json}, and the
 * Maven plugin in its parameters: each maps onto one field of {@link Settings}. Every value is
 * checked as it is parsed, so a typo is a usage error (exit 2) before anything is read.
 */
final class ControlOptions {
  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      converter = FailOnConverter.class,
      completionCandidates = FailOnConverter.Names.class,
      description =
          "Exit 1 when a finding of this severity or worse is found: ${COMPLETION-CANDIDATES}"
              + " (default: error). Problems with the input count as warnings.")
  FailOn failOn;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      converter = ExcludeConverter.class,
      description =
          "Leave out the files this glob matches, by their path relative to their source root"
              + " (**/generated/**, com/acme/Legacy.java). Repeatable; adds to the"
              + " configuration file's excludes.")
  List<Excludes> excludes = new ArrayList<>();

  @Option(
      names = "--rule",
      paramLabel = "RULE=LEVEL",
      converter = RuleConverter.class,
      description =
          "Turn a rule off or report it at another severity: off, warning or error"
              + " (--rule UnsortedSameClassLocks=off). Repeatable.")
  List<RuleLevels> rules = new ArrayList<>();

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      converter = CharsetConverter.class,
      description = "The sources' encoding, as javac's -encoding (default: UTF-8).")
  Charset encoding;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "Findings accepted for now (written by --write-baseline or the Maven plugin's"
              + " baseline goal): they are neither reported nor fail the run.")
  Path baseline;

  @Option(
      names = "--write-baseline",
      paramLabel = "FILE",
      description =
          "Accept the current findings: write them to FILE, then run as with --baseline FILE.")
  Path writeBaseline;

  @Option(
      names = "--fault-methods",
      paramLabel = "TYPE#METHOD",
      converter = FaultMethodsConverter.class,
      description =
          "Methods that count as faulting copies, as @MayFault, for code you cannot annotate:"
              + " Type#method or Type#* (subtypes included), comma-separated, as Error Prone's"
              + " -XepOpt:FaultUnderLock:FaultMethods. Repeatable; adds to the configuration"
              + " file's faultMethods.")
  List<FaultMethods> faultMethods = new ArrayList<>();

  @Option(
      names = "--min-confidence",
      paramLabel = "LEVEL",
      converter = ConfidenceConverter.class,
      description =
          "Report findings at least this sure: high (default) or low. A low-confidence finding"
              + " relies on class-hierarchy dispatch or on an object from outside the program;"
              + " by default it is not reported and cannot fail the run, and a line on standard"
              + " error says how many were left out.")
  Confidence minConfidence;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The project's configuration (default: " + ConfigFile.NAME + " in the current"
              + " directory, if there is one). Options given here override it.")
  Path config;

  /** What the command line says, each control {@code null} or empty where it says nothing. */
  Settings commandLine() {
    List<String> globs = new ArrayList<>();
    for (Excludes e : excludes) globs.addAll(e.globs());
    RuleLevels levels = RuleLevels.DEFAULTS;
    // A rule named twice takes the last level given, as with any repeated option.
    for (RuleLevels r : rules) levels = r.over(levels);
    FaultMethods listed = FaultMethods.NONE;
    for (FaultMethods f : faultMethods) listed = listed.plus(f);
    return new Settings(new Excludes(globs), levels, encoding, baseline, failOn, listed, minConfidence);
  }

  /** Turns a parse failure of the library's into picocli's, which {@code check} reports with exit 2. */
  private abstract static class Converter<T> implements CommandLine.ITypeConverter<T> {
    @Override
    public T convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }

    abstract T parse(String value);
  }

  static final class ExcludeConverter extends Converter<Excludes> {
    @Override
    Excludes parse(String value) {
      return new Excludes(List.of(value));
    }
  }

  static final class RuleConverter extends Converter<RuleLevels> {
    @Override
    RuleLevels parse(String value) {
      return RuleLevels.parse(List.of(value));
    }
  }

  static final class FaultMethodsConverter extends Converter<FaultMethods> {
    @Override
    FaultMethods parse(String value) {
      return FaultMethods.parseStrict(List.of(value));
    }
  }

  static final class CharsetConverter extends Converter<Charset> {
    @Override
    Charset parse(String value) {
      return Settings.charset(value);
    }
  }

  static final class ConfidenceConverter extends Converter<Confidence> {
    @Override
    Confidence parse(String value) {
      return Settings.confidence(value);
    }
  }

  /** {@code --fail-on}: {@code error}, {@code warning} or {@code never}. */
  static final class FailOnConverter extends Converter<FailOn> {
    @Override
    FailOn parse(String value) {
      return FailOn.parse(value);
    }

    /** The names the help text lists. */
    static final class Names extends ArrayList<String> {
      private static final long serialVersionUID = 1;

      Names() {
        super(Arrays.stream(FailOn.values()).map(FailOn::toString).toList());
      }
    }
  }
}
