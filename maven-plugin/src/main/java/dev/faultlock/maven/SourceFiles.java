package dev.faultlock.maven;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code .java} files of a module's source roots, less the {@code excludes}.
 *
 * <p>Excludes are globs matched against a file's path relative to its source root, with forward
 * slashes, like maven-compiler-plugin's excludes: {@code **&#47;generated/**}, {@code
 * com/acme/Legacy.java}. As in Ant and Maven, a leading {@code **&#47;} also matches no
 * directory at all, so {@code **&#47;Legacy.java} excludes {@code Legacy.java} in the default
 * package too.
 */
final class SourceFiles {
  private final List<PathMatcher> excludes = new ArrayList<>();

  /**
   * @throws IllegalArgumentException naming the first glob that does not parse
   */
  SourceFiles(List<String> excludes) {
    for (String glob : excludes) {
      String g = glob.trim().replace('\\', '/');
      if (g.isEmpty()) continue;
      this.excludes.add(matcher(g, glob));
      if (g.startsWith("**/")) this.excludes.add(matcher(g.substring(3), glob));
    }
  }

  private static PathMatcher matcher(String glob, String asWritten) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + asWritten + "' is not a glob: " + e.getMessage(), e);
    }
  }

  /** Every {@code .java} file under the roots that no exclude matches, in a stable order. */
  List<Path> collect(List<Path> roots) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
            .filter(p -> !excluded(root.relativize(p)))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  boolean excluded(Path relative) {
    // PathMatcher splits on the platform separator; normalise so globs read the same everywhere.
    Path unix = Path.of(relative.toString().replace('\\', '/'));
    return excludes.stream().anyMatch(m -> m.matches(unix));
  }
}
