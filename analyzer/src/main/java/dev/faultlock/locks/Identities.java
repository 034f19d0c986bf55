package dev.faultlock.locks;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a lock identity ({@link LockRef#identity()}): a root ({@code this}, {@code p0},
 * {@code local:x}, {@code outer:a/b/Outer}) followed by {@code .}-separated steps, each a field
 * name or a call ({@code getLock(p0)}, whose arguments are identities themselves). Static fields
 * ({@code static:...}), class literals ({@code class:...}) and literals ({@code lit:...}) name
 * the same value in every method.
 */
final class Identities {
  static final String LITERAL = "lit:";

  private Identities() {}

  /** The root and the steps of {@code id}, split at the dots outside call arguments. */
  static List<String> segments(String id) {
    return split(id, '.');
  }

  /** The argument identities written between a call step's parentheses. */
  static List<String> arguments(String inside) {
    return inside.isEmpty() ? List.of() : split(inside, ',');
  }

  private static List<String> split(String s, char separator) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') depth++;
      else if (c == ')') depth--;
      else if (c == separator && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }
}
