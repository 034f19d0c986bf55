package dev.faultlock.suggest;

import com.github.javaparser.ast.Node;
import dev.faultlock.findings.Location;
import java.util.List;

/**
 * One annotation the whole-program pass would have the compile-time pass see.
 *
 * @param target the declaration to annotate, in its file's syntax tree: a method or constructor,
 *     a parameter or a field declaration
 * @param annotation the annotation's fully qualified name ({@code dev.faultlock.annotations.X})
 * @param values its string values, in order; empty for a marker ({@code @UserBuffer}) or an
 *     annotation whose default says it ({@code @FaultHandler})
 * @param at where the declaration is, as reports name files
 * @param why what the analysis saw, one line for the person who reviews the diff
 */
public record Suggestion(
    Node target, String annotation, List<String> values, Location at, String why) {
  public Suggestion {
    values = List.copyOf(values);
  }

  /** The annotation's simple name: {@code Acquires}. */
  public String simpleName() {
    return annotation.substring(annotation.lastIndexOf('.') + 1);
  }
}
