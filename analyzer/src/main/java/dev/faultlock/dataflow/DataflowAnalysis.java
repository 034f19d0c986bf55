package dev.faultlock.dataflow;

import dev.faultlock.ir.Cfg;
import dev.faultlock.ir.Stmt;

/**
 * A forward dataflow analysis over one method's {@link Cfg}, in the style of Tai-e's {@code
 * pascal.taie.analysis.dataflow.analysis.DataflowAnalysis}: a boundary fact at the entry, a meet
 * at joins, a transfer per statement and, optionally, per edge.
 *
 * <p>Facts are values: the solver never changes a fact it was given or returned, compares them
 * with {@link Object#equals} to find the fixpoint, and meets only the facts of predecessors it
 * reached (a statement no path reaches has no fact at all), so an analysis needs no artificial
 * bottom for its must-sets. The solver terminates when the facts form a lattice of finite height
 * and {@link #transferNode}, {@link #transferEdge} and {@link #meet} are monotone.
 *
 * @param <F> the fact
 */
public interface DataflowAnalysis<F> {
  /** The fact on entry to the method (statement 0). */
  F boundaryFact(Cfg cfg);

  /** The fact where two paths join. */
  F meet(F a, F b);

  /** The fact after statement {@code i}, {@code stmt}, given the fact before it. */
  F transferNode(int i, Stmt stmt, F in);

  /**
   * The fact flowing along the edge {@code from → to}, given the facts before ({@code in}) and
   * after ({@code out}) {@code from}: the branch of an {@link Stmt.If} can refine it ({@link
   * Cfg#isTrueBranch}), an exceptional edge can drop what the throwing statement did not finish
   * ({@link Cfg#isExceptional}). The default is {@code out}.
   */
  default F transferEdge(Cfg cfg, int from, int to, F in, F out) {
    return out;
  }
}
