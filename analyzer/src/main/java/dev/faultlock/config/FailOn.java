package dev.faultlock.config;

import dev.faultlock.catalog.Severity;
import dev.faultlock.report.Counts;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code --fail-on} / {@code failOn} threshold: the least severe finding that fails the run
 * (exit 1 on the command line, a failed build in Maven).
 */
public enum FailOn {
  ERROR,
  WARNING,
  NEVER;

  /**
   * Reads a threshold, ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static FailOn parse(String value) {
    String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    for (FailOn f : values()) {
      if (f.name().equals(name)) return f;
    }
    throw new IllegalArgumentException(
        "unknown level '" + value + "' (expected one of " + accepted() + ")");
  }

  /** True when a finding of this severity fails the run. */
  public boolean fails(Severity severity) {
    return switch (this) {
      case ERROR -> severity == Severity.ERROR;
      case WARNING -> true;
      case NEVER -> false;
    };
  }

  /**
   * True when a run with these counts fails; problems with the input count as warnings, so
   * {@code warning} also fails on input that could not be analysed.
   */
  public boolean fails(Counts counts) {
    return switch (this) {
      case ERROR -> counts.anyAtOrAbove(Severity.ERROR);
      case WARNING -> counts.anyAtOrAbove(Severity.WARNING);
      case NEVER -> false;
    };
  }

  /** The accepted values, comma-separated, as help texts and messages list them. */
  public static String accepted() {
    return Stream.of(values()).map(FailOn::toString).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
