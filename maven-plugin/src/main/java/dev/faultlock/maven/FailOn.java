package dev.faultlock.maven;

import dev.faultlock.catalog.Severity;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The {@code failOn} threshold: the least severe finding that fails the build. */
enum FailOn {
  ERROR,
  WARNING,
  NEVER;

  /**
   * Reads a {@code failOn} value, ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  static FailOn parse(String value) {
    String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    for (FailOn f : values()) {
      if (f.name().equals(name)) return f;
    }
    throw new IllegalArgumentException(
        "unknown value '" + value + "', expected one of " + accepted());
  }

  /** True when a finding of this severity fails the build. */
  boolean fails(Severity severity) {
    return switch (this) {
      case ERROR -> severity == Severity.ERROR;
      case WARNING -> true;
      case NEVER -> false;
    };
  }

  static String accepted() {
    return Stream.of(values())
        .map(f -> f.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
