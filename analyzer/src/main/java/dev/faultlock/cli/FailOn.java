package dev.faultlock.cli;

import dev.faultlock.catalog.Severity;
import dev.faultlock.report.Counts;
import java.util.Locale;

/** {@code --fail-on}: the least severe finding that makes {@code check} exit 1. */
enum FailOn {
  ERROR,
  WARNING,
  NEVER;

  boolean fails(Counts counts) {
    return switch (this) {
      case ERROR -> counts.anyAtOrAbove(Severity.ERROR);
      case WARNING -> counts.anyAtOrAbove(Severity.WARNING);
      case NEVER -> false;
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
