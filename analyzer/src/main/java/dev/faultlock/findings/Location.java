package dev.faultlock.findings;

/**
 * A place in a source file. {@code file} is the path as the user named it (relative paths stay
 * relative), with forward slashes, so reports read the same on every machine. {@code line} and
 * {@code column} are 1-based; 0 means unknown.
 */
public record Location(String file, int line, int column) implements Comparable<Location> {
  @Override
  public int compareTo(Location o) {
    int c = file.compareTo(o.file);
    if (c == 0) c = Integer.compare(line, o.line);
    if (c == 0) c = Integer.compare(column, o.column);
    return c;
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
