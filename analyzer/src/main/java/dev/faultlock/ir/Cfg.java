package dev.faultlock.ir;

import java.util.ArrayList;
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
    succs = new int[n][];
    List<List<Integer>> predLists = new ArrayList<>(n);
    for (int i = 0; i < n; i++) predLists.add(new ArrayList<>(2));
    for (int i = 0; i < n; i++) {
      succs[i] = successors(i, stmts.get(i), n);
      for (int s : succs[i]) predLists.get(s).add(i);
    }
    preds = new int[n][];
    for (int i = 0; i < n; i++) {
      preds[i] = predLists.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private int[] successors(int i, Stmt s, int n) {
    List<Integer> out = new ArrayList<>(2);
    if (s instanceof Stmt.Goto g) {
      out.add(g.target());
    } else if (s instanceof Stmt.If f) {
      out.add(f.target());
      if (i + 1 < n && f.target() != i + 1) out.add(i + 1);
    } else if (s instanceof Stmt.Switch sw) {
      for (int t : sw.targets()) if (!out.contains(t)) out.add(t);
      if (!out.contains(sw.otherwise())) out.add(sw.otherwise());
    } else if (!(s instanceof Stmt.Return) && !(s instanceof Stmt.Throw) && i + 1 < n) {
      out.add(i + 1);
    }
    int h = method.handler()[i];
    if (h >= 0 && mayThrow(s) && !out.contains(h)) out.add(h);
    return out.stream().mapToInt(Integer::intValue).toArray();
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
