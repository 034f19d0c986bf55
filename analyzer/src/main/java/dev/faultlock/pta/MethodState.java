package dev.faultlock.pta;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import dev.faultlock.source.MethodInfo;

/**
 * What the solver keeps about one method that has IR: its block of pointers, and, once it is
 * reachable, which of its statements read each variable as a base (a field or array access, a
 * call's receiver) or pass it to library code, so that a variable's new objects reach exactly
 * the statements that need them (Tai-e's per-variable {@code getLoadFields()} and friends).
 */
final class MethodState {
  final int id;
  final IrMethod ir;
  final int base;
  boolean reachable;
  /** Per variable, the first of its uses as a base (-1: none); {@link #next} chains them. */
  private final int[] baseHead;
  private final int[] baseNext;
  /** Per statement that reads a field of its base or stores into one: that field's id. */
  private final int[] baseField;
  /** Per variable, its uses as an argument of a library call: (stmt, next) pairs. */
  private int[] argHead;
  private int[] argEntries = new int[0];
  private int argCount;
  /** Per statement: the methods it calls (a call), or {@code null}. */
  final List<MethodInfo>[] callees;
  /** The calls that fell back to class-hierarchy dispatch. */
  final BitSet fellBack = new BitSet();
  /**
   * Whether the method returns its own receiver ({@code return this;}, a fluent API: java.base
   * has 1,276): that value is bound per call ({@code Calls}), not through the return value, so
   * each call gets back the objects it called the method on, not every receiver of the method.
   */
  final boolean returnsThis;

  @SuppressWarnings("unchecked")
  MethodState(int id, IrMethod ir, int base) {
    this.id = id;
    this.ir = ir;
    this.base = base;
    int vars = ir.vars().size();
    int stmts = ir.stmts().size();
    baseHead = new int[vars];
    Arrays.fill(baseHead, -1);
    baseNext = new int[stmts];
    baseField = new int[stmts];
    callees = new List[stmts];
    returnsThis = ir.thisVar() != null && !ir.method().isLambda()
        && ir.stmts().stream().anyMatch(st -> st instanceof Stmt.Return r && ir.thisVar().equals(r.value()));
  }

  /** Whether {@code r} returns the receiver, which {@link #returnsThis} binds per call. */
  boolean returnsReceiver(Stmt.Return r) {
    return returnsThis && ir.thisVar().equals(r.value());
  }

  int pointer(Var v) {
    return base + v.index();
  }

  int returnPointer() {
    return base + ir.vars().size();
  }

  /** The variable {@code pointer} is, or -1 for the return value. */
  int varOf(int pointer) {
    int i = pointer - base;
    return i < ir.vars().size() ? i : -1;
  }

  void useAsBase(Var v, int stmt) {
    baseNext[stmt] = baseHead[v.index()];
    baseHead[v.index()] = stmt;
  }

  /** {@link #useAsBase} of a field access: the field is looked up once, not per new object. */
  void useAsBase(Var v, int stmt, int field) {
    useAsBase(v, stmt);
    baseField[stmt] = field;
  }

  /** The field a base use {@code stmt} reads or writes, as given to {@link #useAsBase}. */
  int baseField(int stmt) {
    return baseField[stmt];
  }

  int firstBaseUse(int var) {
    return baseHead[var];
  }

  int nextBaseUse(int stmt) {
    return baseNext[stmt];
  }

  void useAsLibraryArgument(Var v, int stmt) {
    if (argHead == null) {
      argHead = new int[ir.vars().size()];
      Arrays.fill(argHead, -1);
    }
    if (2 * argCount + 2 > argEntries.length) argEntries = Arrays.copyOf(argEntries, Math.max(8, argEntries.length * 2));
    argEntries[2 * argCount] = stmt;
    argEntries[2 * argCount + 1] = argHead[v.index()];
    argHead[v.index()] = argCount++;
  }

  /** The first entry of variable {@code var}'s uses as a library argument, or -1. */
  int firstArgumentUse(int var) {
    return argHead == null ? -1 : argHead[var];
  }

  int nextArgumentUse(int entry) {
    return argEntries[2 * entry + 1];
  }

  /** The statement of a use entry. */
  int argumentUseStmt(int entry) {
    return argEntries[2 * entry];
  }

  /** Records {@code callee} at {@code stmt}; whether it is new. */
  boolean addCallee(int stmt, MethodInfo callee) {
    List<MethodInfo> l = callees[stmt];
    if (l == null) callees[stmt] = l = new ArrayList<>(1);
    else if (l.contains(callee)) return false;
    l.add(callee);
    return true;
  }
}
