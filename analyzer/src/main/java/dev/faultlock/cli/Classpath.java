package dev.faultlock.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code --classpath} option's entries. */
final class Classpath {
  private Classpath() {}

  /** The entries of {@code classpath} (may be {@code null}), split at the path separator. */
  static List<Path> entries(String classpath) {
    List<Path> entries = new ArrayList<>();
    if (classpath != null) {
      for (String entry : classpath.split(File.pathSeparator)) {
        if (!entry.isBlank()) entries.add(Path.of(entry));
      }
    }
    return entries;
  }
}
