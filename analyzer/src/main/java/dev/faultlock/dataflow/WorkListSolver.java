package dev.faultlock.dataflow;

import dev.faultlock.ir.Cfg;

/**
 * Solves a forward {@link DataflowAnalysis} to its fixpoint with a worklist, as Tai-e's {@code
 * WorkListSolver} does. The worklist is taken lowest statement first: the lowering emits
 * statements in source order, so that is close to reverse post-order (few revisits), and the
 * result never depends on hash order or timing.
 *
 * <p>A statement's in-fact is recomputed from all its reached predecessors each time rather
 * than accumulated, so an analysis whose facts carry a witness chosen at the meet (the first
 * acquisition of a lock) gets the same choice however often a statement is revisited.
 */
public final class WorkListSolver {
  private WorkListSolver() {}

  public static <F> DataflowResult<F> solve(Cfg cfg, DataflowAnalysis<F> analysis) {
    int n = cfg.size();
    Object[] in = new Object[n];
    Object[] out = new Object[n];
    if (n == 0) return new DataflowResult<>(in, out);
    F boundary = analysis.boundaryFact(cfg);
    // The worklist: queued statements, taken lowest first. Successors are mostly later
    // statements, so the cursor only moves back on a loop's back edge.
    boolean[] queued = new boolean[n];
    queued[0] = true;
    int cursor = 0;
    while (cursor < n) {
      if (!queued[cursor]) {
        cursor++;
        continue;
      }
      int i = cursor;
      queued[i] = false;
      F before = inFact(cfg, analysis, out, in, i, boundary);
      in[i] = before;
      F after = analysis.transferNode(i, cfg.stmt(i), before);
      if (after.equals(out[i])) continue;
      out[i] = after;
      for (int s : cfg.succs(i)) {
        queued[s] = true;
        cursor = Math.min(cursor, s);
      }
    }
    return new DataflowResult<>(in, out);
  }

  /** The meet, over the reached predecessors of {@code i}, of what flows along each edge. */
  @SuppressWarnings("unchecked")
  private static <F> F inFact(
      Cfg cfg, DataflowAnalysis<F> analysis, Object[] out, Object[] in, int i, F boundary) {
    F fact = i == 0 ? boundary : null;
    for (int p : cfg.preds(i)) {
      if (out[p] == null) continue;
      F edge = analysis.transferEdge(cfg, p, i, (F) in[p], (F) out[p]);
      fact = fact == null ? edge : analysis.meet(fact, edge);
    }
    return fact;
  }
}
