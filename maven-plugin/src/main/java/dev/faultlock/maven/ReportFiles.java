package dev.faultlock.maven;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.report.ReportFormat;
import dev.faultlock.report.Reports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;

/** The report files {@code check} writes: one per requested format, named {@code faultlock.EXT}. */
final class ReportFiles {
  /** One report: its format and its file. */
  record Target(ReportFormat format, Path file) {}

  private ReportFiles() {}

  /**
   * Reads the {@code formats} parameter. Duplicates collapse; blank entries (a trailing comma) are
   * ignored.
   *
   * @throws MojoExecutionException naming the parameter and the unknown format
   */
  static List<Target> targets(List<String> formats, Path dir) throws MojoExecutionException {
    Set<ReportFormat> chosen = new LinkedHashSet<>();
    for (String name : formats == null ? List.<String>of() : formats) {
      if (name == null || name.isBlank()) continue;
      try {
        chosen.add(ReportFormat.parse(name.trim()));
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException("faultlock: formats (faultlock.formats): " + e.getMessage());
      }
    }
    List<Target> targets = new ArrayList<>();
    for (ReportFormat f : chosen) {
      targets.add(new Target(f, dir.resolve("faultlock." + f.extension())));
    }
    return targets;
  }

  static void write(List<Target> targets, AnalysisResult result) throws MojoExecutionException {
    for (Target t : targets) {
      try {
        // By file, not by stream: the HTML report then gets the rule pages next to it.
        Reports.write(t.format(), result, t.file());
      } catch (IOException e) {
        throw new MojoExecutionException(
            "faultlock: cannot write the report " + t.file() + ": " + e.getMessage(), e);
      }
    }
  }

  /** The report a person should open first: the HTML one if written, else the first. */
  static Path main(List<Target> targets) {
    return targets.stream()
        .filter(t -> t.format() == ReportFormat.HTML)
        .findFirst()
        .orElse(targets.get(0))
        .file();
  }
}
