package dev.faultlock.rules.locks;

import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads annotation values off javac symbols by qualified name, so the checkers need no compile
 * dependency on the Error Prone or Checker Framework annotation jars they understand, and see
 * {@code CLASS}-retention annotations of code compiled earlier.
 */
public final class Annotations {
  private Annotations() {}

  /** The few annotation names the checkers ask for, each as a {@link NameSet} of its own. */
  private static final Map<String, NameSet> BY_NAME = new ConcurrentHashMap<>();

  /** The annotation {@code qualifiedName} on {@code sym}, if present. */
  public static Optional<AnnotationMirror> find(Symbol sym, String qualifiedName) {
    if (sym == null) {
      return Optional.empty();
    }
    List<Attribute.Compound> mirrors = sym.getAnnotationMirrors();
    if (mirrors.isEmpty()) {
      return Optional.empty(); // most symbols: no name to look up
    }
    NameSet name = BY_NAME.computeIfAbsent(qualifiedName, n -> new NameSet(Set.of(n)));
    for (Attribute.Compound mirror : mirrors) {
      if (name.contains(mirror.type.tsym.getQualifiedName())) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  public static boolean has(Symbol sym, String qualifiedName) {
    return find(sym, qualifiedName).isPresent();
  }

  /**
   * The strings of element {@code element} of the annotation, whether declared as {@code String}
   * or {@code String[]}; empty when the annotation is absent, an empty list when the element is
   * left at its default.
   */
  public static Optional<List<String>> strings(Symbol sym, String qualifiedName, String element) {
    return find(sym, qualifiedName).map(mirror -> strings(mirror, element));
  }

  /** The strings of one element of an annotation mirror. */
  public static List<String> strings(AnnotationMirror mirror, String element) {
    List<String> out = new ArrayList<>();
    mirror.getElementValues().forEach(
        (ExecutableElement key, AnnotationValue value) -> {
          if (key.getSimpleName().contentEquals(element)) {
            collect(value.getValue(), out);
          }
        });
    return out;
  }

  /** The single string of {@code value()}, or {@code ""} when defaulted; empty when absent. */
  public static Optional<String> value(Symbol sym, String qualifiedName) {
    return strings(sym, qualifiedName, "value").map(v -> v.isEmpty() ? "" : v.get(0));
  }

  private static void collect(Object value, List<String> out) {
    if (value instanceof List<?> list) {
      for (Object element : list) {
        collect(((AnnotationValue) element).getValue(), out);
      }
    } else if (value instanceof String s) {
      out.add(s);
    }
  }
}
