package dev.faultlock.pta;

import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * The pointer flow graph (Tai-e's {@code PointerFlowGraph}): an edge {@code p → q} says every
 * object {@code p} points to flows to {@code q}. Plain edges are kept as a bitmap of successors
 * per pointer (deduplicated for free); an edge that filters by type (a cast, a receiver bound
 * to {@code this}) as a (target, type) pair, rare enough for a list.
 */
final class PointerFlowGraph {
  private RoaringBitmap[] succs = new RoaringBitmap[1024];
  /** Per pointer: pairs (target, type id) of filtering edges, -1 after the last. */
  private int[][] filtered = new int[1024][];
  private long edges;

  /** Adds {@code from → to}; whether it is new. */
  boolean add(int from, int to) {
    grow(from);
    RoaringBitmap s = succs[from];
    if (s == null) succs[from] = s = new RoaringBitmap();
    if (!s.checkedAdd(to)) return false;
    edges++;
    return true;
  }

  /** Adds {@code from → to} passing only objects assignable to type {@code type}. */
  boolean addFiltered(int from, int to, int type) {
    grow(from);
    int[] pairs = filtered[from];
    int free = 0;
    if (pairs != null) {
      for (; free < pairs.length && pairs[free] >= 0; free += 2) {
        if (pairs[free] == to && pairs[free + 1] == type) return false;
      }
      if (free == pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2);
        Arrays.fill(pairs, free, pairs.length, -1);
      }
    } else {
      pairs = new int[4];
      Arrays.fill(pairs, -1);
    }
    pairs[free] = to;
    pairs[free + 1] = type;
    filtered[from] = pairs;
    edges++;
    return true;
  }

  private void grow(int from) {
    if (from >= succs.length) {
      int n = Math.max(from + 1, succs.length * 2);
      succs = Arrays.copyOf(succs, n);
      filtered = Arrays.copyOf(filtered, n);
    }
  }

  /** The plain successors of {@code from}, or {@code null}. */
  RoaringBitmap succs(int from) {
    return from < succs.length ? succs[from] : null;
  }

  /** The filtering edges of {@code from} as pairs (target, type), -1 after the last; or {@code null}. */
  int[] filtered(int from) {
    return from < filtered.length ? filtered[from] : null;
  }

  long edgeCount() {
    return edges;
  }
}
