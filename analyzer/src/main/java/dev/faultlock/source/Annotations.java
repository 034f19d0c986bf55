package dev.faultlock.source;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The annotations on one declaration, by fully qualified name (as far as the file's imports say),
 * each with the strings of its {@code value}.
 */
public final class Annotations {
  public static final Annotations NONE = new Annotations(Map.of(), Map.of());

  private final Map<String, List<String>> values;
  private final Map<String, Integer> lines;

  private Annotations(Map<String, List<String>> values, Map<String, Integer> lines) {
    this.values = values;
    this.lines = lines;
  }

  /** Reads {@code annotations} as written in {@code file}. */
  public static Annotations of(NodeList<AnnotationExpr> annotations, FileContext file) {
    if (annotations.isEmpty()) return NONE;
    Map<String, List<String>> values = new HashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    for (AnnotationExpr a : annotations) {
      String name = file.annotationName(a.getNameAsString());
      List<String> v = new ArrayList<>();
      if (a instanceof SingleMemberAnnotationExpr s) {
        strings(s.getMemberValue(), v);
      } else if (a instanceof NormalAnnotationExpr n) {
        for (MemberValuePair p : n.getPairs()) {
          if (p.getNameAsString().equals("value")) strings(p.getValue(), v);
        }
      }
      values.put(name, List.copyOf(v));
      lines.put(name, a.getBegin().map(b -> b.line).orElse(0));
    }
    return new Annotations(values, lines);
  }

  private static void strings(Expression e, List<String> out) {
    if (e instanceof ArrayInitializerExpr array) {
      for (Expression x : array.getValues()) strings(x, out);
    } else if (e instanceof StringLiteralExpr s) {
      out.add(s.asString());
    } else {
      out.add(e.toString());
    }
  }

  /** Annotations from stored values and lines, both by annotation name. */
  static Annotations of(Map<String, List<String>> values, Map<String, Integer> lines) {
    return values.isEmpty() ? NONE : new Annotations(values, lines);
  }

  Map<String, List<String>> valueMap() {
    return values;
  }

  Map<String, Integer> lineMap() {
    return lines;
  }

  public boolean has(String fqn) {
    return values.containsKey(fqn);
  }

  /** The {@code value} strings of the annotation, empty when absent or a marker. */
  public List<String> values(String fqn) {
    return values.getOrDefault(fqn, List.of());
  }

  /** The first {@code value} string, {@code ""} for a marker, {@code null} when absent. */
  public String value(String fqn) {
    List<String> v = values.get(fqn);
    if (v == null) return null;
    return v.isEmpty() ? "" : v.get(0);
  }

  /** The line the annotation is written on, 0 when absent. */
  public int line(String fqn) {
    return lines.getOrDefault(fqn, 0);
  }

  /** The annotation names present. */
  public Iterable<String> names() {
    return values.keySet();
  }
}
