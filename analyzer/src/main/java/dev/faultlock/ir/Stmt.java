package dev.faultlock.ir;

import dev.faultlock.locks.LockRef;
import dev.faultlock.source.MethodInfo;
import java.util.List;

/**
 * One statement of the three-address IR: one effect each, so that every analysis over it is a
 * plain transfer function per statement (Soot's Jimple, Tai-e's {@code pascal.taie.ir.stmt}).
 * Operands are {@link Var}s; nested expressions were flattened into temporaries by the lowering.
 * Control flow is explicit: {@link If}, {@link Goto}, {@link Switch} name their targets by
 * statement index, {@link Return} and {@link Throw} end a path, and {@link IrMethod#handler}
 * gives each statement that may throw the {@link Catch} its exception goes to.
 */
public sealed interface Stmt {
  /** The source line, 1-based; 0 for code the source does not show. */
  int line();

  /** The variable {@code s} assigns, or {@code null} when it assigns none. */
  static Var defined(Stmt s) {
    if (s instanceof New x) return x.lhs();
    if (s instanceof NewFunction x) return x.lhs();
    if (s instanceof Copy x) return x.lhs();
    if (s instanceof Cast x) return x.lhs();
    if (s instanceof Literal x) return x.lhs();
    if (s instanceof Op x) return x.lhs();
    if (s instanceof Load x) return x.lhs();
    if (s instanceof StaticLoad x) return x.lhs();
    if (s instanceof ArrayLoad x) return x.lhs();
    if (s instanceof Invoke x) return x.result();
    if (s instanceof Catch x) return x.exception();
    return null;
  }

  /** {@code lhs = new type} (the constructor runs in the {@link Invoke} that follows). */
  record New(Var lhs, String type, int line) implements Stmt {}

  /**
   * {@code lhs = function object}: a lambda or method reference, an allocation of an object whose
   * single method is {@code body} (a lambda's own IR method, or the referenced method).
   * {@code bound} is the receiver a bound method reference ({@code this::add}) runs on.
   */
  record NewFunction(Var lhs, String type, List<MethodInfo> body, Var bound, int line)
      implements Stmt {}

  /** {@code lhs = rhs}. */
  record Copy(Var lhs, Var rhs, int line) implements Stmt {}

  /** {@code lhs = (type) rhs}. */
  record Cast(Var lhs, Var rhs, String type, int line) implements Stmt {}

  /** {@code lhs = literal} ({@code null}, a number, a string, a class literal {@code T.class}). */
  record Literal(Var lhs, String text, int line) implements Stmt {}

  /** {@code lhs = op(operands)}: arithmetic, comparison, {@code instanceof}; no object flows. */
  record Op(Var lhs, String op, List<Var> operands, int line) implements Stmt {}

  /** {@code lhs = base.field}. */
  record Load(Var lhs, Var base, String owner, String field, int line) implements Stmt {}

  /** {@code base.field = rhs}. */
  record Store(Var base, String owner, String field, Var rhs, int line) implements Stmt {}

  /** {@code lhs = Owner.field}. */
  record StaticLoad(Var lhs, String owner, String field, int line) implements Stmt {}

  /** {@code Owner.field = rhs}. */
  record StaticStore(String owner, String field, Var rhs, int line) implements Stmt {}

  /** {@code lhs = array[index]}. */
  record ArrayLoad(Var lhs, Var array, Var index, int line) implements Stmt {}

  /** {@code array[index] = rhs}. */
  record ArrayStore(Var array, Var index, Var rhs, int line) implements Stmt {}

  /** How a call is dispatched. */
  enum InvokeKind { STATIC, VIRTUAL, INTERFACE, SPECIAL }

  /**
   * {@code result = receiver.name(args)}; {@code result} and {@code receiver} may be {@code null}
   * (a void call, a static call). {@code implicit} marks calls the source does not spell: a
   * string concatenation's {@code toString()}, an enhanced {@code for}'s {@code iterator()},
   * {@code hasNext()}, {@code next()}, a try-with-resources {@code close()}.
   */
  record Invoke(
      Var result, InvokeKind kind, Var receiver, List<Var> args, CallSite site, boolean implicit,
      int line)
      implements Stmt {}

  /** Enters the monitor of {@code lock} ({@code synchronized}); {@code ref} names it. */
  record MonitorEnter(Var lock, LockRef ref, int line) implements Stmt {}

  /** Exits the monitor of {@code lock}. */
  record MonitorExit(Var lock, LockRef ref, int line) implements Stmt {}

  /** {@code if (cond) goto target}; otherwise falls through to the next statement. */
  record If(Var cond, int target, int line) implements Stmt {}

  /** {@code goto target}. */
  record Goto(int target, int line) implements Stmt {}

  /**
   * A multi-way branch on {@code selector}: to {@code targets} (one per case label, in order), or
   * to {@code otherwise} when no label matches.
   */
  record Switch(Var selector, List<Integer> targets, int otherwise, int line) implements Stmt {}

  /** Ends the method normally, returning {@code value} (may be {@code null}). */
  record Return(Var value, int line) implements Stmt {}

  /** Throws {@code value}: to {@link IrMethod#handler} of this statement, or out of the method. */
  record Throw(Var value, int line) implements Stmt {}

  /** The entry of an exception handler: {@code exception} is the caught throwable. */
  record Catch(Var exception, int line) implements Stmt {}

  /** Does nothing: a join point or the target of a jump. */
  record Nop(int line) implements Stmt {}
}
