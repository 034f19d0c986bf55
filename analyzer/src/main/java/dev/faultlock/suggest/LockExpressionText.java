package dev.faultlock.suggest;

import dev.faultlock.locks.LockExpressions;
import dev.faultlock.locks.LockNames;
import dev.faultlock.locks.LockRef;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.Optional;

/**
 * A lock as an annotation on a method writes it, in the vocabulary both passes read ({@code
 * this}, a parameter's name, a field's name, {@code param.field}, {@code Type.class}). Every
 * text is read back with the analysis's own parser of lock expressions and kept only when it
 * names the very object the analysis inferred: an annotation that said something else would
 * change what both passes see instead of showing the compile-time pass what one of them saw.
 */
final class LockExpressionText {
  private LockExpressionText() {}

  /** How {@code m}'s annotation names {@code lock}; empty when the vocabulary cannot say it. */
  static Optional<String> of(LockRef lock, MethodInfo m, ProgramIndex index, LockNames names) {
    String text = candidate(lock.identity(), m, index);
    if (text == null) return Optional.empty();
    LockRef back = LockExpressions.resolve(text, m, index, names);
    return back != null && back.identity().equals(lock.identity())
        ? Optional.of(text)
        : Optional.empty();
  }

  // Identities are relative to the method: this, this.f, p0, p0.f, static:T.f, class:T; locals,
  // captures, array elements and calls (local:x, cap:p0, this.locks.get(p0)) have no spelling.
  private static String candidate(String id, MethodInfo m, ProgramIndex index) {
    if (id.equals("this")) return "this";
    if (id.startsWith("class:")) {
      TypeInfo t = index.type(id.substring("class:".length()));
      // A type the file can name by its name; the read-back rejects it when it cannot.
      return t == null ? null : t.name() + ".class";
    }
    if (id.startsWith("static:")) return id.substring(id.lastIndexOf('.') + 1);
    if (id.indexOf('(') >= 0 || id.indexOf(':') >= 0) return null;
    int dot = id.indexOf('.');
    String root = dot < 0 ? id : id.substring(0, dot);
    String rest = dot < 0 ? "" : id.substring(dot);
    if (root.equals("this")) {
      String field = rest.substring(1);
      // A parameter of the same name would take the bare name.
      return m.parameterNames().contains(field) ? "this" + rest : field;
    }
    if (root.matches("p\\d+")) {
      int p = Integer.parseInt(root.substring(1));
      return p < m.arity() ? m.parameterNames().get(p) + rest : null;
    }
    return null;
  }
}
