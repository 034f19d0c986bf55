package dev.faultlock.pta;

import dev.faultlock.dataflow.Condensation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * The copy cycles of the pointer flow graph, to collapse (cycle elimination, as in Hardekopf
 * and Lin's solvers, Doop's and SVF's): the strongly connected components of its plain edges
 * among representatives of one filter. Every pointer of such a component ends with the same set
 * (each one's objects reach all the others, and one filter admits them everywhere), so they can
 * share one set and be propagated once. A filtering edge (a cast, {@code this} of a callee) or
 * an edge between pointers of two filters is left out: across it the sets differ.
 *
 * <p>Why a whole pass, not lazy detection on each edge: the solver runs one only when the graph
 * has grown by a share of its size, so the passes cost a few linear walks in all, and a pass
 * finds every cycle, including those closed by edges added long before.
 */
final class CopyCycles {
  /**
   * When the solver looks for cycles: first once the graph has {@code first} edges, then each
   * time it has grown by the factor {@code growth} since the last pass.
   */
  record Policy(long first, double growth) {
    /** About twenty passes on java.base's 5.7 M edges. */
    static final Policy DEFAULT = new Policy(20_000, 1.3);
    /** A pass whenever an edge was added: what the tests compare against {@link #NEVER}. */
    static final Policy EAGER = new Policy(1, 1.0);
    static final Policy NEVER = new Policy(Long.MAX_VALUE, 1.0);

    /** The edge count at which to run the next pass, after one at {@code edges}. */
    long next(long edges) {
      return Math.max(edges + 1, (long) (edges * growth));
    }
  }

  private CopyCycles() {}

  /** The components of more than one representative, each as its representatives. */
  static List<int[]> find(Pointers pointers, PointerFlowGraph graph) {
    int n = pointers.size();
    int[] offsets = new int[n + 1];
    forEachEdge(pointers, graph, (from, to) -> offsets[from + 1]++);
    for (int v = 0; v < n; v++) offsets[v + 1] += offsets[v];
    int[] targets = new int[offsets[n]];
    int[] fill = Arrays.copyOf(offsets, n);
    forEachEdge(pointers, graph, (from, to) -> targets[fill[from]++] = to);
    Condensation c = Condensation.of(offsets, targets);
    List<int[]> out = new ArrayList<>();
    for (int k = 0; k < c.count(); k++) {
      if (c.size(k) > 1) out.add(c.members(k));
    }
    return out;
  }

  private interface Edge {
    void accept(int from, int to);
  }

  /** The plain edges between two representatives of one filter, by representative. */
  private static void forEachEdge(Pointers pointers, PointerFlowGraph graph, Edge out) {
    for (int p = 0; p < pointers.size(); p++) {
      RoaringBitmap succs = graph.succs(p);
      if (succs == null) continue;
      int from = pointers.rep(p);
      int filter = pointers.filter(from);
      succs.forEach((int q) -> {
        int to = pointers.rep(q);
        if (to != from && pointers.filter(to) == filter) out.accept(from, to);
      });
    }
  }
}
