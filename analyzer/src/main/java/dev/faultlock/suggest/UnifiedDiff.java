package dev.faultlock.suggest;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff of one file's two texts, as {@code git apply} and {@code patch -p1} take it:
 * {@code a/} and {@code b/} paths, three lines of context.
 *
 * <p>Lines are split at {@code \n} only, so a CRLF file's lines keep their {@code \r} and its
 * patch matches it byte for byte. java-diff-utils knows nothing of a last line without a line
 * break; without the {@code \ No newline at end of file} marker after it, {@code git apply}
 * would look for a line break the file does not have, so the marker is added here.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;
  private static final String NO_NEWLINE = "\\ No newline at end of file";
  private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

  private UnifiedDiff() {}

  /** The diff of {@code before} to {@code after} for {@code path} (with forward slashes); empty when equal. */
  public static String of(String path, String before, String after) {
    if (before.equals(after)) return "";
    List<String> a = lines(before);
    List<String> b = lines(after);
    Patch<String> patch = DiffUtils.diff(a, b);
    List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, patch, CONTEXT);
    StringBuilder out = new StringBuilder();
    int lineA = 0;
    int lineB = 0;
    for (String line : diff) {
      out.append(line).append('\n');
      Matcher hunk = HUNK.matcher(line);
      if (line.startsWith("---") || line.startsWith("+++")) continue;
      if (hunk.find()) {
        // 1-based starts; a side's count is 0 only for an empty side, which never has the marker.
        lineA = Integer.parseInt(hunk.group(1)) - 1;
        lineB = Integer.parseInt(hunk.group(2)) - 1;
        continue;
      }
      char kind = line.isEmpty() ? ' ' : line.charAt(0);
      boolean lastOfA = kind != '+' && lineA == a.size() - 1 && !before.endsWith("\n");
      boolean lastOfB = kind != '-' && lineB == b.size() - 1 && !after.endsWith("\n");
      if (kind != '+') lineA++;
      if (kind != '-') lineB++;
      if (lastOfA || lastOfB) out.append(NO_NEWLINE).append('\n');
    }
    return out.toString();
  }

  /** The text's lines without their {@code \n}; a last line without one is a line too. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      out.add(text.substring(start, nl));
      start = nl + 1;
    }
    if (start < text.length()) out.add(text.substring(start));
    return out;
  }
}
