package dev.faultlock.ir;

import dev.faultlock.locks.LockRef;
import dev.faultlock.source.MethodInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Writes an {@link IrMethod} by hand, as the lowering would, for tests of the analyses over it:
 * jumps name labels, {@link #beginTry}/{@link #endTry} give the statements between them a
 * handler, and each statement takes the current {@link #line}.
 */
public final class HandBuiltIr {
  private final MethodInfo method;
  private final List<Var> vars = new ArrayList<>();
  private final List<Var> params = new ArrayList<>();
  private final List<Draft> stmts = new ArrayList<>();
  private final List<Integer> lines = new ArrayList<>();
  private final List<String> handlers = new ArrayList<>();
  private final Map<String, Integer> labels = new HashMap<>();
  private final Deque<String> tries = new ArrayDeque<>();
  private Var thisVar;
  private int line = 1;

  public HandBuiltIr(MethodInfo method) {
    this.method = method;
  }

  public Var var(String name) {
    Var v = new Var(vars.size(), name, null);
    vars.add(v);
    return v;
  }

  public Var thisVar() {
    if (thisVar == null) thisVar = var("this");
    return thisVar;
  }

  public Var param(String name) {
    Var v = var(name);
    params.add(v);
    return v;
  }

  /** The source line of the statements that follow. */
  public HandBuiltIr line(int line) {
    this.line = line;
    return this;
  }

  /** A {@link Stmt.Nop} that jumps to {@code label} land on. */
  public HandBuiltIr label(String label) {
    labels.put(label, stmts.size());
    return add((l, at) -> new Stmt.Nop(at));
  }

  /** A {@link Stmt.Catch} for the handler {@code label}. */
  public HandBuiltIr handler(String label, Var exception) {
    labels.put(label, stmts.size());
    return add((l, at) -> new Stmt.Catch(exception, at));
  }

  /** The statements from here to {@link #endTry} throw to the handler {@code label}. */
  public HandBuiltIr beginTry(String label) {
    tries.push(label);
    return this;
  }

  public HandBuiltIr endTry() {
    tries.pop();
    return this;
  }

  public HandBuiltIr enter(Var lock, LockRef ref) {
    return add((l, at) -> new Stmt.MonitorEnter(lock, ref, at));
  }

  public HandBuiltIr exit(Var lock, LockRef ref) {
    return add((l, at) -> new Stmt.MonitorExit(lock, ref, at));
  }

  public HandBuiltIr call(Var receiver, CallSite site) {
    return call(null, receiver, site);
  }

  public HandBuiltIr call(Var result, Var receiver, CallSite site) {
    Stmt.InvokeKind kind = receiver == null ? Stmt.InvokeKind.STATIC : Stmt.InvokeKind.VIRTUAL;
    return add((l, at) -> new Stmt.Invoke(result, kind, receiver, List.of(), site, false, at));
  }

  public HandBuiltIr ifTrue(Var cond, String label) {
    return add((l, at) -> new Stmt.If(cond, l.applyAsInt(label), at));
  }

  public HandBuiltIr jump(String label) {
    return add((l, at) -> new Stmt.Goto(l.applyAsInt(label), at));
  }

  public HandBuiltIr not(Var lhs, Var operand) {
    return add((l, at) -> new Stmt.Op(lhs, "!", List.of(operand), at));
  }

  public HandBuiltIr copy(Var lhs, Var rhs) {
    return add((l, at) -> new Stmt.Copy(lhs, rhs, at));
  }

  public HandBuiltIr literal(Var lhs, String text) {
    return add((l, at) -> new Stmt.Literal(lhs, text, at));
  }

  public HandBuiltIr ret() {
    return ret(null);
  }

  public HandBuiltIr ret(Var value) {
    return add((l, at) -> new Stmt.Return(value, at));
  }

  public HandBuiltIr throwIt(Var value) {
    return add((l, at) -> new Stmt.Throw(value, at));
  }

  public IrMethod build() {
    List<Stmt> out = new ArrayList<>(stmts.size());
    ToIntFunction<String> target = label -> {
      Integer i = labels.get(label);
      if (i == null) throw new IllegalArgumentException("no label " + label);
      return i;
    };
    for (int i = 0; i < stmts.size(); i++) out.add(stmts.get(i).make(target, lines.get(i)));
    int[] handler = new int[out.size()];
    for (int i = 0; i < handler.length; i++) {
      handler[i] = handlers.get(i) == null ? -1 : target.applyAsInt(handlers.get(i));
    }
    return new IrMethod(method, thisVar, List.copyOf(params), List.copyOf(vars), out, handler);
  }

  /** A statement still to be made: its jump targets are known once every label is. */
  private interface Draft {
    Stmt make(ToIntFunction<String> labels, int line);
  }

  private HandBuiltIr add(Draft stmt) {
    stmts.add(stmt);
    lines.add(line);
    handlers.add(tries.peek());
    return this;
  }
}
