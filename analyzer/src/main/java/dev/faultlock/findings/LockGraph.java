package dev.faultlock.findings;

import java.util.List;

/**
 * The lock-order graph over lock classes: an edge {@code from -> to} means some path acquires a
 * {@code to} lock while holding a {@code from} lock (directly, through calls or through a fault).
 * Reports draw it; {@code cycles} are the reported ones, each as lock classes in cycle order.
 */
public record LockGraph(List<String> lockClasses, List<Edge> edges, List<List<String>> cycles) {
  public LockGraph {
    lockClasses = List.copyOf(lockClasses);
    edges = List.copyOf(edges);
    cycles = cycles.stream().map(List::copyOf).toList();
  }

  public static LockGraph empty() {
    return new LockGraph(List.of(), List.of(), List.of());
  }

  /** One ordering edge with the shortest witness found for it. */
  public record Edge(String from, String to, List<TraceStep> witness) {
    public Edge {
      witness = List.copyOf(witness);
    }
  }
}
