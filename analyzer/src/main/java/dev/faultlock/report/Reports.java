package dev.faultlock.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.faultlock.analyzer.AnalysisResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an {@link AnalysisResult} in any {@link ReportFormat}: the one entry point of the command
 * line and the Maven plugin.
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(target.resolve("faultlock.sarif"))) {
 *   Reports.write(ReportFormat.SARIF, result, out);
 * }
 * }</pre>
 *
 * <p>Every format is deterministic: the same result gives the same bytes (no timestamps, no
 * durations, {@code "\n"} line ends, the result's own order). The HTML report shows the source
 * lines of each trace step, read from the file names in the result (relative names against the
 * working directory); a file it cannot read gets no snippet.
 */
public final class Reports {
  private Reports() {}

  /**
   * Writes {@code result} as {@code format} to {@code out}, which is flushed but left open.
   *
   * @throws IOException only when {@code out} fails
   */
  public static void write(ReportFormat format, AnalysisResult result, Writer out)
      throws IOException {
    switch (format) {
      case TEXT -> TextReport.write(result, out);
      case SARIF -> SarifReport.write(result, out);
      case HTML -> HtmlReport.write(result, out);
      case JSON -> JsonReport.write(result, out);
    }
    out.flush();
  }

  /**
   * Writes {@code result} as {@code format} to {@code file} in UTF-8, creating its directory. An
   * HTML report gets the rule pages next to it, in {@code faultlock-rules/}, and links there; one
   * written to a {@link Writer} carries the pages of its findings' rules inside it instead.
   */
  public static void write(ReportFormat format, AnalysisResult result, Path file)
      throws IOException {
    if (format == ReportFormat.HTML) {
      HtmlReport.write(result, file);
      return;
    }
    Path directory = file.toAbsolutePath().getParent();
    if (directory != null) {
      Files.createDirectories(directory);
    }
    try (Writer out = Files.newBufferedWriter(file, UTF_8)) {
      write(format, result, out);
    }
  }
}
