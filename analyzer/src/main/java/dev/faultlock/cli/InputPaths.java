package dev.faultlock.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks the {@code PATH}s of {@code check} before the analysis starts. A path that names nothing
 * to analyse is a usage mistake (exit 2), not something to skip quietly: a misspelt directory would
 * otherwise pass CI with "0 errors".
 *
 * @param usable the paths to analyse, in the order given
 * @param errors one line per unusable path, naming it and saying why
 */
record InputPaths(List<Path> usable, List<String> errors) {
  static InputPaths check(List<Path> paths) {
    List<Path> usable = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Path path : paths) {
      String why = problem(path);
      if (why == null) {
        usable.add(path);
      } else {
        errors.add(path + ": " + why);
      }
    }
    return new InputPaths(usable, errors);
  }

  /** The source roots the usable paths lie in ({@link SourceRoots#rootOf}), each once. */
  List<Path> roots(Charset encoding) {
    return usable.stream().map(p -> SourceRoots.rootOf(p, encoding)).distinct().toList();
  }

  private static String problem(Path path) {
    if (Files.isDirectory(path)) {
      return hasJavaFiles(path) ? null : "no Java files under it";
    }
    if (Files.isRegularFile(path)) {
      return path.toString().endsWith(".java") ? null : "not a .java file or a directory";
    }
    return Files.exists(path) ? "not a .java file or a directory" : "no such file or directory";
  }

  private static boolean hasJavaFiles(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.anyMatch(p -> p.toString().endsWith(".java") && Files.isRegularFile(p));
    } catch (IOException | UncheckedIOException e) {
      // An unreadable subdirectory: let the analysis report it file by file.
      return true;
    }
  }
}
