package dev.faultlock.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.faultlock.findings.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the few source lines around a trace step for the HTML report. A file that is gone, cannot
 * be read or is shorter than the step's line simply gets no snippet: the report is still written.
 */
final class SourceSnippets {
  /** Lines shown before and after the step's own line. */
  static final int CONTEXT = 2;

  // Traces visit the same files again and again; each is read once per report.
  private final Map<String, Optional<List<String>>> files = new HashMap<>();

  /** Up to {@code 2 * CONTEXT + 1} lines, first line number {@code firstLine}. */
  record Snippet(int firstLine, List<String> lines, int hitLine) {}

  Optional<Snippet> around(Location location) {
    if (location.line() < 1) {
      return Optional.empty();
    }
    return files
        .computeIfAbsent(location.file(), SourceSnippets::read)
        .filter(lines -> location.line() <= lines.size())
        .map(
            lines -> {
              int first = Math.max(1, location.line() - CONTEXT);
              int last = Math.min(lines.size(), location.line() + CONTEXT);
              return new Snippet(first, lines.subList(first - 1, last), location.line());
            });
  }

  private static Optional<List<String>> read(String file) {
    try {
      // Decoding leniently: a stray byte in some comment must not cost the snippet.
      String text = new String(Files.readAllBytes(Path.of(file)), UTF_8);
      return Optional.of(text.lines().toList());
    } catch (IOException | InvalidPathException e) {
      return Optional.empty();
    }
  }
}
