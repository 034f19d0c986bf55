package dev.faultlock.pta;

import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Stmt.InvokeKind;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A constructor's stores of its own parameters into its own object's fields ({@code this.lock =
 * lock}, directly or through {@code this(..)}/{@code super(..)}), bound per call, not through
 * the parameter: context-insensitively a constructor's parameter is every argument of every
 * {@code new}, so two workers handed two locks would each hold both. Bound at each call, the
 * argument's objects go into the field of the objects that call constructs (Tai-e and Doop get
 * this from heap contexts, one per allocation site of the receiver; this is that context for the
 * one statement shape that matters to lock identity, at no cost in pointers).
 *
 * <p>A parameter the constructor assigns is not bound per call (its stored value is not the
 * argument). Every way a constructor runs binds its stores: a {@code new} and a chained {@code
 * this(..)}/{@code super(..)} call ({@link #bind(MethodState, int, Stmt.Invoke, MethodState)}),
 * {@code Foo::new} and an entry point's symbolic object ({@link #bind(MethodState, int, int[])}).
 * A chained call passing the caller's own parameter on is the caller's store, bound where the
 * caller is called, so chains stay per call as well.
 */
final class ConstructorStores {
  /** What one constructor stores: parameter {@code params[n]} into field {@code fields[n]}. */
  private record Stores(int[] params, int[] fields, BitSet perCall, Map<Integer, BitSet> passedOn) {
    static final Stores NONE = new Stores(new int[0], new int[0], new BitSet(), Map.of());
  }

  private final Solver solver;
  private final Map<MethodState, Stores> stores = new IdentityHashMap<>();

  ConstructorStores(Solver solver) {
    this.solver = solver;
  }

  /** Whether statement {@code i} of {@code s} is a store bound per call, not by the solver's field rule. */
  boolean boundPerCall(MethodState s, int i) {
    return of(s).perCall.get(i);
  }

  /**
   * The call at statement {@code i} of {@code s} runs constructor {@code callee} on the objects
   * of its receiver: each stored argument goes into their fields as each object arrives.
   */
  void bind(MethodState s, int i, Stmt.Invoke call, MethodState callee) {
    Stores c = of(callee);
    if (c.params.length == 0 || call.receiver() == null) return;
    BitSet passed = s.ir.method().isConstructor() ? of(s).passedOn.get(i) : null;
    int receiver = s.pointer(call.receiver());
    for (int n = 0; n < c.params.length; n++) {
      int k = c.params[n];
      if (passed != null && passed.get(k) || k >= call.args().size() || !Solver.concerned(call.args().get(k))) continue;
      int from = s.pointer(call.args().get(k));
      int field = c.fields[n];
      solver.watch(receiver, (int o) -> solver.addEdge(from, solver.pointers.instanceField(o, field)));
    }
  }

  /** Constructor {@code callee} runs on object {@code made} with argument pointers {@code args}. */
  void bind(MethodState callee, int made, int[] args) {
    Stores c = of(callee);
    for (int n = 0; n < c.params.length; n++) {
      int k = c.params[n];
      if (k < args.length && args[k] >= 0) solver.addEdge(args[k], solver.pointers.instanceField(made, c.fields[n]));
    }
  }

  /** The parameters' pointers of {@code callee}, as arguments of {@link #bind(MethodState, int, int[])}. */
  static int[] ownParameters(MethodState callee) {
    List<Var> params = callee.ir.params();
    int[] out = new int[params.size()];
    for (int k = 0; k < out.length; k++) out[k] = callee.pointer(params.get(k));
    return out;
  }

  private Stores of(MethodState s) {
    // Asked of every store of every method: most are no constructor's.
    if (!s.ir.method().isConstructor() || s.ir.thisVar() == null) return Stores.NONE;
    Stores c = stores.get(s);
    if (c == null) {
      // A chain of constructors has no cycle (javac rejects one); the mark guards a broken input.
      stores.put(s, Stores.NONE);
      stores.put(s, c = compute(s));
    }
    return c;
  }

  private Stores compute(MethodState s) {
    Var self = s.ir.thisVar();
    List<Var> params = s.ir.params();
    BitSet assigned = new BitSet();
    for (Stmt st : s.ir.stmts()) {
      int k = parameter(params, Stmt.defined(st));
      if (k >= 0) assigned.set(k);
    }
    List<int[]> found = new ArrayList<>();
    BitSet perCall = new BitSet();
    Map<Integer, BitSet> passedOn = new HashMap<>();
    List<Stmt> stmts = s.ir.stmts();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt st = stmts.get(i);
      if (st instanceof Stmt.Store w && self.equals(w.base()) && Solver.concerned(w.rhs())) {
        int k = parameter(params, w.rhs());
        if (k < 0 || assigned.get(k)) continue;
        found.add(new int[] {k, solver.field(w.owner(), w.field())});
        perCall.set(i);
      } else if (st instanceof Stmt.Invoke call && call.kind() == InvokeKind.SPECIAL
          && self.equals(call.receiver()) && "<init>".equals(call.site().name())) {
        for (MethodInfo t : call.site().targets()) {
          MethodState callee = t.isConstructor() ? solver.state(t) : null;
          Stores c = callee == null ? Stores.NONE : of(callee);
          for (int x = 0; x < c.params.length; x++) {
            int j = c.params[x];
            int k = j < call.args().size() ? parameter(params, call.args().get(j)) : -1;
            if (k < 0 || assigned.get(k)) continue;
            found.add(new int[] {k, c.fields[x]});
            passedOn.computeIfAbsent(i, key -> new BitSet()).set(j);
          }
        }
      }
    }
    if (found.isEmpty()) return Stores.NONE;
    int[] ps = new int[found.size()];
    int[] fs = new int[found.size()];
    for (int n = 0; n < ps.length; n++) {
      ps[n] = found.get(n)[0];
      fs[n] = found.get(n)[1];
    }
    return new Stores(ps, fs, perCall, passedOn);
  }

  /** Which of {@code params} {@code v} is, or -1 ({@code null} included). */
  private static int parameter(List<Var> params, Var v) {
    return v == null ? -1 : params.indexOf(v);
  }
}
