package dev.faultlock.config;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import dev.faultlock.findings.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the user made of each rule: turned off, or reported at another severity than the
 * catalog's ({@code UnsortedSameClassLocks=error}). Rules not named keep their default. Applied
 * to a finished result, so the analysis (and what it caches) never depends on it.
 */
public final class RuleLevels {
  /** Every rule at its catalog severity. */
  public static final RuleLevels DEFAULTS = new RuleLevels(Map.of());

  /** A rule's level: off, or the severity its findings are reported at. */
  public enum Level {
    OFF,
    WARNING,
    ERROR;

    /**
     * Reads a level, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted levels
     */
    public static Level parse(String value) {
      String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
      for (Level l : values()) {
        if (l.name().equals(name)) return l;
      }
      throw new IllegalArgumentException(
          "unknown level '" + value + "' (expected one of " + accepted() + ")");
    }

    static String accepted() {
      return Stream.of(values()).map(Level::toString).collect(Collectors.joining(", "));
    }

    Optional<Severity> severity() {
      return switch (this) {
        case OFF -> Optional.empty();
        case WARNING -> Optional.of(Severity.WARNING);
        case ERROR -> Optional.of(Severity.ERROR);
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<Rule, Level> levels;

  private RuleLevels(Map<Rule, Level> levels) {
    this.levels = levels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(levels));
  }

  /**
   * Levels by rule id, as the configuration file and Maven's {@code <rules>} spell them.
   *
   * @throws IllegalArgumentException naming an unknown rule id or level
   */
  public static RuleLevels of(Map<String, String> byId) {
    Map<Rule, Level> levels = new EnumMap<>(Rule.class);
    for (Map.Entry<String, String> e : byId.entrySet()) {
      levels.put(rule(e.getKey()), Level.parse(e.getValue()));
    }
    return new RuleLevels(levels);
  }

  /**
   * Levels from {@code Rule=level} strings, as {@code --rule} takes them.
   *
   * @throws IllegalArgumentException naming a string without '=', an unknown rule id or level
   */
  public static RuleLevels parse(List<String> assignments) {
    Map<Rule, Level> levels = new EnumMap<>(Rule.class);
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "'" + a + "' is not RULE=LEVEL (e.g. UnsortedSameClassLocks=off)");
      }
      levels.put(rule(a.substring(0, eq)), Level.parse(a.substring(eq + 1)));
    }
    return new RuleLevels(levels);
  }

  /**
   * The rule with this id.
   *
   * @throws IllegalArgumentException naming the rule ids there are
   */
  public static Rule rule(String id) {
    String trimmed = id == null ? "" : id.trim();
    return Rule.byId(trimmed)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown rule '"
                        + trimmed
                        + "' (expected one of "
                        + Stream.of(Rule.values()).map(Rule::id).collect(Collectors.joining(", "))
                        + ")"));
  }

  /** These levels, and {@code lower}'s for the rules these do not name. */
  public RuleLevels over(RuleLevels lower) {
    Map<Rule, Level> merged = new EnumMap<>(Rule.class);
    merged.putAll(lower.levels);
    merged.putAll(levels);
    return new RuleLevels(merged);
  }

  /** The level each named rule was given. */
  public Map<Rule, Level> levels() {
    return levels;
  }

  /** {@code result} without the findings of rules turned off, the others at their level. */
  public AnalysisResult apply(AnalysisResult result) {
    if (levels.isEmpty()) return result;
    List<Finding> kept = new ArrayList<>();
    for (Finding f : result.findings()) {
      Level level = levels.get(f.rule());
      if (level == null) {
        kept.add(f);
        continue;
      }
      level
          .severity()
          .ifPresent(
              s ->
                  kept.add(
                      new Finding(f.rule(), s, f.location(), f.message(), f.trace(), f.fingerprint())));
    }
    return new AnalysisResult(
        kept, result.problems(), result.lockGraph(), result.stats(), result.summary());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleLevels other && levels.equals(other.levels);
  }

  @Override
  public int hashCode() {
    return levels.hashCode();
  }

  @Override
  public String toString() {
    return levels.toString();
  }
}
