package dev.faultlock.suggest;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Writes one file's suggestions into its text, touching only the annotated lines and the import
 * block: the file is never printed again from its syntax tree, so its formatting, comments and
 * line endings stay as they were and the diff is what a reviewer would write by hand.
 *
 * <p>An annotation on a declaration that begins its line goes on a line of its own above it,
 * indented like it; one that shares its line (a parameter, {@code int a; @X int b;}) goes just
 * before it, followed by a space. Imports join the block in sorted place when it is sorted, else
 * after its last import; a simple name the file already means otherwise (another {@code
 * Acquires} imported, declared or in the same package) is written fully qualified instead.
 */
final class AnnotationEdits {
  private AnnotationEdits() {}

  /**
   * A file's new text, and the annotations written into it: one per declaration and annotation,
   * the values of several suggestions for it merged ({@code @Acquires({"a", "b"})}), less those
   * the declaration has already.
   */
  record Edit(String text, List<Suggestion> written) {}

  /**
   * The text with {@code suggestions} (all of this file, their targets nodes of {@code unit})
   * written in. {@code samePackageHas} says whether the file's package has a type of a simple name.
   */
  static Edit apply(
      String text, CompilationUnit unit, List<Suggestion> suggestions,
      Predicate<String> samePackageHas) {
    LineIndex lines = new LineIndex(text);
    Map<Node, Map<String, Suggestion>> byTarget = new IdentityHashMap<>();
    List<Node> order = new ArrayList<>();
    for (Suggestion s : suggestions) {
      if (alreadyAnnotated(s, unit)) continue;
      Map<String, Suggestion> annotations = byTarget.get(s.target());
      if (annotations == null) {
        annotations = new TreeMap<>();
        byTarget.put(s.target(), annotations);
        order.add(s.target());
      }
      annotations.merge(s.annotation(), s, AnnotationEdits::merge);
    }
    List<Suggestion> merged = new ArrayList<>();
    for (Node target : order) merged.addAll(byTarget.get(target).values());
    if (merged.isEmpty()) return new Edit(text, List.of());

    Set<String> imported = new TreeSet<>();
    List<Insertion> insertions = new ArrayList<>();
    for (Node target : order) {
      List<String> written = new ArrayList<>();
      for (Suggestion a : byTarget.get(target).values()) {
        String name = a.annotation();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        String spelled;
        if (imports(unit, name)) {
          spelled = simple;
        } else if (simpleNameTaken(unit, name, simple, samePackageHas)) {
          spelled = name;
        } else {
          spelled = simple;
          imported.add(name);
        }
        written.add(render(spelled, a.values()));
      }
      insertions.add(annotate(text, lines, target, written));
    }
    if (!imported.isEmpty()) insertions.add(importLines(text, lines, unit, imported));
    return new Edit(Insertion.applyAll(text, insertions), merged);
  }

  /** One annotation for both: the first's place and reason, the values of both. */
  private static Suggestion merge(Suggestion a, Suggestion b) {
    Set<String> values = new LinkedHashSet<>(a.values());
    values.addAll(b.values());
    return new Suggestion(a.target(), a.annotation(), List.copyOf(values), a.at(), a.why());
  }

  /** Whether the target has the annotation already, by its full name or by the one imported. */
  private static boolean alreadyAnnotated(Suggestion s, CompilationUnit unit) {
    if (!(s.target() instanceof NodeWithAnnotations<?> annotated)) return false;
    for (AnnotationExpr a : annotated.getAnnotations()) {
      String name = a.getNameAsString();
      if (name.equals(s.annotation())
          || name.equals(s.simpleName()) && imports(unit, s.annotation())) {
        return true;
      }
    }
    return false;
  }

  /** {@code @Acquires("lock")}, {@code @Acquires({"a", "b"})}, {@code @UserBuffer}. */
  static String render(String name, List<String> values) {
    if (values.isEmpty()) return "@" + name;
    List<String> quoted = values.stream().map(AnnotationEdits::quote).toList();
    String inside = quoted.size() == 1 ? quoted.get(0) : "{" + String.join(", ", quoted) + "}";
    return "@" + name + "(" + inside + ")";
  }

  private static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static Insertion annotate(String text, LineIndex lines, Node target, List<String> annotations) {
    Position begin = target.getBegin().orElseThrow();
    int lineStart = lines.start(begin.line);
    int at = lineStart + begin.column - 1;
    String before = text.substring(lineStart, at);
    if (!(target instanceof Parameter) && before.isBlank()) {
      StringBuilder b = new StringBuilder();
      for (String a : annotations) b.append(before).append(a).append(lines.eol());
      return new Insertion(lineStart, b.toString());
    }
    return new Insertion(at, String.join(" ", annotations) + " ");
  }

  private static boolean imports(CompilationUnit unit, String name) {
    String pkg = name.substring(0, name.lastIndexOf('.'));
    if (unit.getPackageDeclaration().map(p -> p.getNameAsString().equals(pkg)).orElse(false)) {
      return true;
    }
    for (ImportDeclaration i : unit.getImports()) {
      if (i.isStatic()) continue;
      String n = i.getNameAsString();
      if (i.isAsterisk() ? n.equals(pkg) : n.equals(name)) return true;
    }
    return false;
  }

  /** Whether {@code simple} already means something else in the file, so an import would clash. */
  private static boolean simpleNameTaken(
      CompilationUnit unit, String name, String simple, Predicate<String> samePackageHas) {
    for (ImportDeclaration i : unit.getImports()) {
      if (!i.isStatic() && !i.isAsterisk() && i.getName().getIdentifier().equals(simple)
          && !i.getNameAsString().equals(name)) {
        return true;
      }
    }
    for (TypeDeclaration<?> t : unit.findAll(TypeDeclaration.class)) {
      if (t.getNameAsString().equals(simple)) return true;
    }
    return samePackageHas.test(simple);
  }

  /**
   * The import lines for {@code names}: before the first non-static import that sorts after
   * them when the block is sorted, else after the last import; after the package declaration
   * (with a blank line) when there is no import, or at the top of a file with neither.
   */
  private static Insertion importLines(
      String text, LineIndex lines, CompilationUnit unit, Set<String> names) {
    String eol = lines.eol();
    List<ImportDeclaration> plain =
        unit.getImports().stream().filter(i -> !i.isStatic()).toList();
    List<String> written = plain.stream().map(ImportDeclaration::getNameAsString).toList();
    boolean sorted = written.equals(written.stream().sorted().toList());
    if (!plain.isEmpty() && sorted) {
      String first = names.iterator().next();
      for (ImportDeclaration i : plain) {
        if (i.getNameAsString().compareTo(first) > 0) {
          return new Insertion(lines.start(i.getBegin().orElseThrow().line), block(names, eol));
        }
      }
    }
    if (!unit.getImports().isEmpty()) {
      List<ImportDeclaration> all = plain.isEmpty() ? unit.getImports() : plain;
      int last = all.get(all.size() - 1).getEnd().orElseThrow().line;
      String gap = plain.isEmpty() ? eol : "";
      return new Insertion(lines.endOfLine(last), gap + block(names, eol));
    }
    if (unit.getPackageDeclaration().isPresent()) {
      int line = unit.getPackageDeclaration().get().getEnd().orElseThrow().line;
      return new Insertion(lines.endOfLine(line), eol + block(names, eol));
    }
    return new Insertion(0, block(names, eol) + eol);
  }

  private static String block(Set<String> names, String eol) {
    StringBuilder b = new StringBuilder();
    for (String n : names) b.append("import ").append(n).append(';').append(eol);
    return b.toString();
  }

  /** Text to insert at an offset of the original text. */
  private record Insertion(int offset, String text) {
    static String applyAll(String original, List<Insertion> insertions) {
      List<Insertion> sorted = new ArrayList<>(insertions);
      // Stable: two insertions at one offset keep the order they were made in.
      sorted.sort((x, y) -> Integer.compare(x.offset, y.offset));
      StringBuilder out = new StringBuilder(original.length() + 256);
      int done = 0;
      for (Insertion i : sorted) {
        out.append(original, done, i.offset).append(i.text);
        done = i.offset;
      }
      return out.append(original, done, original.length()).toString();
    }
  }

  /**
   * Where each line starts, counting lines as JavaParser does ({@code \r\n}, {@code \n} or
   * {@code \r} ends one), and the file's own line ending for the lines added.
   */
  static final class LineIndex {
    private final String text;
    private final List<Integer> starts = new ArrayList<>();
    private final String eol;

    LineIndex(String text) {
      this.text = text;
      starts.add(0);
      String first = null;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          if (first == null) first = "\r\n";
          i++;
          starts.add(i + 1);
        } else if (c == '\n' || c == '\r') {
          if (first == null) first = String.valueOf(c);
          starts.add(i + 1);
        }
      }
      this.eol = first == null ? "\n" : first;
    }

    /** The offset where 1-based {@code line} starts. */
    int start(int line) {
      return starts.get(line - 1);
    }

    /** The offset just after {@code line}'s line break (the end of the text for the last line). */
    int endOfLine(int line) {
      return line < starts.size() ? starts.get(line) : text.length();
    }

    String eol() {
      return eol;
    }
  }
}
