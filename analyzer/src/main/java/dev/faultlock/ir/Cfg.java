package dev.faultlock.ir;

import java.util.Arrays;
import java.util.List;

/**
 * The control-flow graph of one {@link IrMethod}, one node per statement: normal edges from the
 * statements' own jumps and fall-through, exceptional edges from each statement that may throw
 * ({@link Stmt.Invoke}, {@link Stmt.Throw}, {@link Stmt.MonitorEnter}) to its handler. The
 * {@code finally} code is copied onto every way out by the lowering, so no edge is special.
 */
public final class Cfg {
  private final IrMethod method;
  private final int[][] succs;
  private final int[][] preds;

  Cfg(IrMethod method) {
    this.method = method;
    List<Stmt> stmts = method.stmts();
    int n = stmts.size();
    // Plain int arrays, counted then filled: a CFG is built for every solve of every method.
    succs = new int[n][];
    int[] predCount = new int[n];
    for (int i = 0; i < n; i++) {
      succs[i] = successors(i, stmts.get(i), n);
      for (int s : succs[i]) predCount[s]++;
    }
    preds = new int[n][];
    for (int i = 0; i < n; i++) preds[i] = new int[predCount[i]];
    int[] filled = new int[n];
    for (int i = 0; i < n; i++) for (int s : succs[i]) preds[s][filled[s]++] = i;
  }

  private int[] successors(int i, Stmt s, int n) {
    int[] out;
    int size = 0;
    if (s instanceof Stmt.Goto g) {
      out = new int[2];
      out[size++] = g.target();
    } else if (s instanceof Stmt.If f) {
      out = new int[3];
      out[size++] = f.target();
      if (i + 1 < n && f.target() != i + 1) out[size++] = i + 1;
    } else if (s instanceof Stmt.Switch sw) {
      out = new int[sw.targets().size() + 2];
      for (int t : sw.targets()) if (!contains(out, size, t)) out[size++] = t;
      if (!contains(out, size, sw.otherwise())) out[size++] = sw.otherwise();
    } else {
      out = new int[2];
      if (!(s instanceof Stmt.Return) && !(s instanceof Stmt.Throw) && i + 1 < n) out[size++] = i + 1;
    }
    int h = method.handler()[i];
    if (h >= 0 && mayThrow(s) && !contains(out, size, h)) out[size++] = h;
    return size == out.length ? out : Arrays.copyOf(out, size);
  }

  private static boolean contains(int[] a, int size, int x) {
    for (int k = 0; k < size; k++) if (a[k] == x) return true;
    return false;
  }

  /** Whether an exception can leave {@code s} (to its handler): calls, throws, monitor entry. */
  public static boolean mayThrow(Stmt s) {
    return s instanceof Stmt.Invoke || s instanceof Stmt.Throw || s instanceof Stmt.MonitorEnter;
  }

  public IrMethod method() {
    return method;
  }

  public int size() {
    return succs.length;
  }

  public Stmt stmt(int i) {
    return method.stmts().get(i);
  }

  public int[] succs(int i) {
    return succs[i];
  }

  public int[] preds(int i) {
    return preds[i];
  }

  /** Whether the edge {@code from → to} is the exceptional one of {@code from}. */
  public boolean isExceptional(int from, int to) {
    int h = method.handler()[from];
    return h == to && mayThrow(stmt(from)) && !isNormalSuccessor(from, to);
  }

  private boolean isNormalSuccessor(int from, int to) {
    Stmt s = stmt(from);
    if (s instanceof Stmt.Goto g) return g.target() == to;
    if (s instanceof Stmt.If f) return f.target() == to || from + 1 == to;
    if (s instanceof Stmt.Switch sw) return sw.targets().contains(to) || sw.otherwise() == to;
    if (s instanceof Stmt.Return || s instanceof Stmt.Throw) return false;
    return from + 1 == to;
  }

  /** Whether the edge {@code from → to} is taken when {@code from}, an {@link Stmt.If}, is true. */
  public boolean isTrueBranch(int from, int to) {
    return stmt(from) instanceof Stmt.If f && f.target() == to && f.target() != from + 1;
  }
}
