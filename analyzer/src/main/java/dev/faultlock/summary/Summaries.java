package dev.faultlock.summary;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads and writes {@link ProgramSummary} files ({@code META-INF/faultlock/summaries.json}), the
 * way one module tells the analysis of another what its methods do with locks and faults.
 */
public final class Summaries {
  /** Where a module's summary lives in its class directory or jar. */
  public static final String RESOURCE = "META-INF/faultlock/summaries.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Summaries() {}

  /** Writes the program summary of {@code result} to {@code file}, creating parent directories. */
  public static void write(AnalysisResult result, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    JSON.writeValue(file.toFile(), result.summary());
  }

  /** Reads one summary file. */
  public static ProgramSummary read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return JSON.readValue(in, ProgramSummary.class);
    }
  }

  /**
   * Reads the summaries found in classpath entries (class directories and jars). An entry without
   * one is fine (most libraries have none); an unreadable entry or a broken summary becomes a
   * {@link Problem} and the others are still read.
   */
  public static List<ProgramSummary> load(List<Path> classpath, List<Problem> problems) {
    List<ProgramSummary> out = new ArrayList<>();
    for (Path entry : classpath) {
      String shown = entry.toString().replace('\\', '/');
      try {
        if (Files.isDirectory(entry)) {
          Path file = entry.resolve(RESOURCE);
          if (Files.isRegularFile(file)) out.add(read(file));
        } else if (Files.isRegularFile(entry)) {
          try (ZipFile zip = new ZipFile(entry.toFile())) {
            ZipEntry ze = zip.getEntry(RESOURCE);
            if (ze != null) {
              try (InputStream in = zip.getInputStream(ze)) {
                out.add(JSON.readValue(in, ProgramSummary.class));
              }
            }
          }
        } else {
          problems.add(new Problem(new Location(shown, 0, 0), "classpath entry does not exist"));
        }
      } catch (IOException | UncheckedIOException e) {
        problems.add(
            new Problem(
                new Location(shown, 0, 0),
                "cannot read faultlock summaries: " + oneLine(e.getMessage())));
      }
    }
    return out;
  }

  private static String oneLine(String message) {
    if (message == null) return "unreadable";
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
