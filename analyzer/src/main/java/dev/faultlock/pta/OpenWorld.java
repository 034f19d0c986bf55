package dev.faultlock.pta;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the analysis assumes about code it does not see, since most storage code is a library
 * whose callers are elsewhere: every public or protected method of a public type is an entry
 * point whose receiver and parameters are symbolic objects, one per declared type (two entry
 * points taking a {@code Lock} may be handed the same one); a field that no program code assigns
 * (set by reflection, by a library, or by an initializer the IR does not lower: static
 * initializers and the field initializers of a class without a constructor) holds one symbolic
 * object per field; a library call returns one symbolic object per library method.
 */
final class OpenWorld {
  /** What an entry point's receiver and parameters are called. */
  static final String ENTRY = "entry";

  private final Set<String> assigned = new HashSet<>();
  private final List<MethodInfo> entries = new ArrayList<>();
  private final Set<MethodInfo> isEntry = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  OpenWorld(Collection<IrMethod> program, ProgramIndex index) {
    for (IrMethod m : program) {
      for (Stmt s : m.stmts()) {
        if (s instanceof Stmt.Store st) assigned.add(st.owner() + '.' + st.field());
        else if (s instanceof Stmt.StaticStore st) assigned.add(st.owner() + '.' + st.field());
        else if (s instanceof Stmt.New n && enclosingInstance(index, n.type(), m) != null) {
          assigned.add(n.type() + '.' + OUTER);
        }
      }
      MethodInfo info = m.method();
      if ((info.isPublicApi() && !info.isLambda() || isMain(info)) && isEntry.add(info)) entries.add(info);
    }
  }

  /** The field the lowering loads an inner class's enclosing instance from. */
  static final String OUTER = PointsToResult.ENCLOSING_INSTANCE;

  /**
   * For {@code new T} in {@code m}, where {@code T} is an inner (or anonymous) class of {@code
   * m}'s class, the variable holding the enclosing instance it gets: {@code m}'s {@code this}.
   * {@code null} otherwise (a static context, or {@code outer.new T()}, which is not modelled).
   */
  static Var enclosingInstance(ProgramIndex index, String type, IrMethod m) {
    TypeInfo t = index.type(type);
    return t != null && t.outer() != null && t.outer() == m.method().owner() ? m.thisVar() : null;
  }

  private static boolean isMain(MethodInfo m) {
    return m.isStatic() && m.name().equals("main") && m.arity() == 1
        && "java.lang.String[]".equals(m.parameterTypes().get(0));
  }

  /** The entry points, in program order. */
  List<MethodInfo> entries() {
    return entries;
  }

  /** Whether {@code m} is an entry point (its receiver and parameters have symbolic objects). */
  boolean isEntry(MethodInfo m) {
    return isEntry.contains(m);
  }

  /** Whether some program code stores into {@code owner.field}. */
  boolean assigned(String owner, String field) {
    return assigned.contains(owner + '.' + field);
  }
}
