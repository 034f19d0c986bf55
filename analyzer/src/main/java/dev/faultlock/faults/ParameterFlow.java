package dev.faultlock.faults;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which of a method's parameters each of its variables is: a small intraprocedural def-use over
 * the IR, in which a variable is a parameter's object when every definition of it is a copy, a
 * cast or a field load of that parameter's object ({@code target}, {@code (Channel) target},
 * {@code out.sink}). A variable with any other definition (a call's result, an allocation, an
 * array element, a static) is not: the object may be the method's own.
 *
 * <p>A must-analysis, as a greatest fixpoint: every variable defined only by copies, casts and
 * loads starts as "any parameter" and is narrowed to the one its definitions agree on, or to
 * none. So {@code x = p; ... x = x.next;} stays {@code p}'s while {@code x = p; ... x = new
 * T()} is nobody's. Lambdas' parameters are not the caller's: whoever runs a lambda supplies them
 * (a {@code forEach} over the method's own list), so a lambda body has no parameter flow.
 */
public final class ParameterFlow {
  /** Not a parameter's object. */
  public static final int NONE = -1;

  /** Not known yet: defined only by copies, casts and loads of variables not yet settled. */
  private static final int ANY = -2;

  /** A flow with no parameter in it: most methods, and every lambda. */
  public static final ParameterFlow EMPTY = new ParameterFlow(null);

  private final int[] origin;

  private ParameterFlow(int[] origin) {
    this.origin = origin;
  }

  /** The flow of {@code ir}'s parameters into its variables. */
  public static ParameterFlow of(IrMethod ir) {
    if (ir.method().isLambda() || ir.params().isEmpty()) return EMPTY;
    int n = ir.vars().size();
    int[] origin = new int[n];
    Arrays.fill(origin, ANY);
    List<List<Var>> sources = new ArrayList<>(n);
    for (int i = 0; i < n; i++) sources.add(new ArrayList<>());
    for (int j = 0; j < ir.params().size(); j++) {
      // A parameter's value on entry is its argument: one more definition, of itself.
      origin[ir.params().get(j).index()] = j;
    }
    for (Stmt s : ir.stmts()) {
      Var lhs = Stmt.defined(s);
      if (lhs == null) continue;
      Var from = source(s);
      if (from == null) origin[lhs.index()] = NONE;
      else sources.get(lhs.index()).add(from);
    }
    // Defined nowhere and no parameter: `this`, whose object is the method's own.
    for (int v = 0; v < n; v++) if (origin[v] == ANY && sources.get(v).isEmpty()) origin[v] = NONE;
    for (boolean changed = true; changed; ) {
      changed = false;
      for (int v = 0; v < n; v++) {
        if (origin[v] == NONE) continue;
        int o = origin[v];
        for (Var from : sources.get(v)) o = meet(o, origin[from.index()]);
        if (o != origin[v]) {
          origin[v] = o;
          changed = true;
        }
      }
    }
    boolean any = false;
    for (int v = 0; v < n; v++) {
      if (origin[v] == ANY) origin[v] = NONE;
      any |= origin[v] >= 0;
    }
    return any ? new ParameterFlow(origin) : EMPTY;
  }

  /** The parameter whose object {@code v} (may be {@code null}) is, or {@link #NONE}. */
  public int parameterOf(Var v) {
    return origin == null || v == null || v.index() >= origin.length ? NONE : origin[v.index()];
  }

  /** What {@code call} hands on of the method's parameters, or {@code null} when nothing. */
  public Supplied supplied(Stmt.Invoke call) {
    if (origin == null) return null;
    int receiver = parameterOf(call.receiver());
    List<Integer> args = new ArrayList<>(call.args().size());
    List<String> types = new ArrayList<>(call.args().size());
    boolean any = receiver >= 0;
    for (Var a : call.args()) {
      int p = parameterOf(a);
      args.add(p);
      types.add(a == null ? null : a.type());
      any |= p >= 0;
    }
    return any ? new Supplied(receiver, args, types) : null;
  }

  private static int meet(int a, int b) {
    if (a == ANY) return b;
    if (b == ANY || a == b) return a;
    return NONE;
  }

  /** The variable a copy, cast or field load reads the object from; {@code null} otherwise. */
  private static Var source(Stmt s) {
    if (s instanceof Stmt.Copy c) return c.rhs();
    if (s instanceof Stmt.Cast c) return c.rhs();
    if (s instanceof Stmt.Load l) return l.base();
    return null;
  }
}
