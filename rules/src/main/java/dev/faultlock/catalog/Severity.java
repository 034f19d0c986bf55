package dev.faultlock.catalog;

/** How bad a finding is; the same in javac, the command line, SARIF and Maven. */
public enum Severity {
  ERROR,
  WARNING;

  /** Lower-case name as written in reports and in {@code --fail-on}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
