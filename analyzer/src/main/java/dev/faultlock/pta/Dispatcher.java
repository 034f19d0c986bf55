package dev.faultlock.pta;

import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Virtual dispatch by an object's class (Tai-e's {@code CallGraphs.resolveCallee}): the program
 * method a call of {@code name} with {@code argc} arguments runs on an object of class {@code
 * C} is the first one declared along {@code C}'s superclass chain, else a default method of one
 * of its interfaces. Abstract methods run nothing. A class whose chain leaves the program (a
 * library superclass) without declaring the method runs library code: {@code null}. Answers
 * are kept per (class, call shape), so a program with many calls of one method pays once.
 */
final class Dispatcher {
  private final ProgramIndex index;
  private final Map<String, Optional<MethodInfo>> cache = new HashMap<>();

  Dispatcher(ProgramIndex index) {
    this.index = index;
  }

  /** The program method {@code call} runs on an object of class {@code type}, or {@code null}. */
  MethodInfo resolve(String type, Stmt.Invoke call) {
    TypeInfo t = index.type(type);
    if (t == null) return null;
    List<MethodInfo> targets = call.site().targets();
    List<String> signature = targets.isEmpty() ? null : targets.get(0).writtenParameterTypes();
    String key = type + '#' + call.site().name() + '/' + call.args().size() + '#' + signature;
    Optional<MethodInfo> known = cache.get(key);
    if (known == null) {
      known = Optional.ofNullable(lookUp(t, call, signature));
      cache.put(key, known);
    }
    return known.orElse(null);
  }

  private MethodInfo lookUp(TypeInfo t, Stmt.Invoke call, List<String> signature) {
    return lookUp(t, c -> declared(c, call, signature));
  }

  private MethodInfo lookUp(TypeInfo t, Function<TypeInfo, MethodInfo> declared) {
    for (TypeInfo c = t; c != null; c = superclass(c)) {
      MethodInfo m = declared.apply(c);
      if (m != null) return m;
    }
    for (String a : t.ancestors()) {
      TypeInfo i = index.type(a);
      if (i == null || !i.isInterface()) continue;
      MethodInfo m = declared.apply(i);
      if (m != null) return m;
    }
    return null;
  }

  /**
   * The method a library runs on a program object of class {@code type} it was handed as a task
   * or a function ({@code run()}, {@code call()}, {@code apply(x)}): the first of {@code names}
   * with {@code arity} parameters along its chain, or {@code null}.
   */
  MethodInfo resolveNamed(String type, Set<String> names, int arity) {
    TypeInfo t = index.type(type);
    if (t == null) return null;
    String key = type + '#' + names + '/' + arity;
    Optional<MethodInfo> known = cache.get(key);
    if (known == null) {
      known = Optional.ofNullable(lookUp(t, c -> {
        for (MethodInfo m : c.methods()) {
          if (names.contains(m.name()) && m.arity() == arity && !m.isStatic() && !m.isAbstract()
              && !m.isConstructor()) {
            return m;
          }
        }
        return null;
      }));
      cache.put(key, known);
    }
    return known.orElse(null);
  }

  private TypeInfo superclass(TypeInfo c) {
    if (c.isInterface()) return null;
    for (String s : c.supertypes()) {
      TypeInfo p = index.type(s);
      if (p != null && !p.isInterface()) return p;
    }
    return null;
  }

  /** The method {@code c} itself declares with a body for {@code call}, or {@code null}. */
  private MethodInfo declared(TypeInfo c, Stmt.Invoke call, List<String> signature) {
    String name = call.site().name();
    int argc = call.args().size();
    List<MethodInfo> fits = new ArrayList<>(2);
    for (MethodInfo m : c.methods()) {
      if (!m.name().equals(name) || m.isStatic() || m.isConstructor() || m.isAbstract()) continue;
      if (m.arity() == argc || m.isVarargs() && argc >= m.arity() - 1) fits.add(m);
    }
    if (fits.size() <= 1) return fits.isEmpty() ? null : fits.get(0);
    for (MethodInfo m : fits) if (m.writtenParameterTypes().equals(signature)) return m;
    // Overloads the front end's choice does not name: the one the arguments' types fit.
    for (MethodInfo m : fits) if (accepts(m, call.args())) return m;
    return fits.get(0);
  }

  private boolean accepts(MethodInfo m, List<Var> args) {
    for (int i = 0; i < Math.min(m.arity(), args.size()); i++) {
      String want = m.parameterTypes().get(i);
      Var a = args.get(i);
      String have = a == null ? null : a.type();
      if (want != null && have != null && !have.equals(want) && !index.isSubtype(have, want)) return false;
    }
    return true;
  }
}
