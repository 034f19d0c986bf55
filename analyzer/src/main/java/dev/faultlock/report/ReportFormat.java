package dev.faultlock.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report formats faultlock writes; see {@link Reports#write}. */
public enum ReportFormat {
  /**
   * javac-style lines, {@code path:line: error: [RuleId] message}, each trace step indented below.
   */
  TEXT("txt"),
  /** SARIF 2.1.0 for code-scanning services and IDE SARIF viewers; traces become code flows. */
  SARIF("sarif"),
  /**
   * One self-contained page: findings with traces and source, the lock-order graph as a picture.
   */
  HTML("html"),
  /** The findings, problems, lock-order graph and counts, for scripts. */
  JSON("json");

  private final String extension;

  ReportFormat(String extension) {
    this.extension = extension;
  }

  /** The name users type, as in {@code --format sarif}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The file name extension, without the dot, as in {@code faultlock.sarif}. */
  public String extension() {
    return extension;
  }

  /**
   * The format with this name, ignoring case.
   *
   * @throws IllegalArgumentException naming the known formats, when there is none by that name
   */
  public static ReportFormat parse(String name) {
    for (ReportFormat format : values()) {
      if (format.label().equalsIgnoreCase(name.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown report format '" + name + "' (expected one of " + labels() + ")");
  }

  /** The known names, comma-separated, for help texts and error messages. */
  public static String labels() {
    return Arrays.stream(values()).map(ReportFormat::label).collect(Collectors.joining(", "));
  }
}
