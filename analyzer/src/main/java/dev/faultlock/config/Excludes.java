package dev.faultlock.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The source files to leave out: globs matched against a file's path relative to the source root
 * (or directory) it was found under, with forward slashes, like maven-compiler-plugin's, PMD's
 * and SpotBugs' excludes: {@code **&#47;generated/**}, {@code com/acme/Legacy.java}. As in Ant and
 * Maven, a leading {@code **&#47;} also matches no directory at all, so {@code **&#47;Legacy.java}
 * leaves out {@code Legacy.java} in the default package too.
 *
 * <p>Two values are equal when they hold the same globs in the same order, so a result computed
 * for one can be reused for the other.
 */
public final class Excludes {
  /** Leaves nothing out. */
  public static final Excludes NONE = new Excludes(List.of());

  private final List<String> globs;
  private final List<PathMatcher> matchers = new ArrayList<>();

  /**
   * @throws IllegalArgumentException naming the first glob that does not parse
   */
  public Excludes(List<String> globs) {
    List<String> kept = new ArrayList<>();
    for (String glob : globs) {
      String g = glob == null ? "" : glob.trim().replace('\\', '/');
      if (g.isEmpty()) continue;
      kept.add(g);
      matchers.add(matcher(g, glob));
      if (g.startsWith("**/")) matchers.add(matcher(g.substring(3), glob));
    }
    this.globs = List.copyOf(kept);
  }

  private static PathMatcher matcher(String glob, String asWritten) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + asWritten + "' is not a glob: " + e.getMessage(), e);
    }
  }

  /** The globs, trimmed, blank ones left out. */
  public List<String> globs() {
    return globs;
  }

  /** True when {@code relative}, a path below a source root, is left out. */
  public boolean excludes(Path relative) {
    if (matchers.isEmpty()) return false;
    // PathMatcher splits on the platform separator; normalise so globs read the same everywhere.
    Path unix = Path.of(relative.toString().replace('\\', '/'));
    return matchers.stream().anyMatch(m -> m.matches(unix));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Excludes other && globs.equals(other.globs);
  }

  @Override
  public int hashCode() {
    return globs.hashCode();
  }

  @Override
  public String toString() {
    return globs.toString();
  }
}
