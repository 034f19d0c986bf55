package dev.faultlock.findings;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lock-order graph over lock classes: an edge {@code from -> to} means some path acquires a
 * {@code to} lock while holding a {@code from} lock (directly, through calls or through a fault).
 * Reports draw it; {@code cycles} are the reported ones, each as lock classes in cycle order.
 *
 * @param findingEdges for each finding, by {@link Finding#fingerprint()}, the edges it is about:
 *     a cycle's edges, a fault from a held lock into the lock its handler takes (also when both
 *     are of one class, which is no ordering edge but the ABBA itself), two locks of one class
 *     taken in no order. Reports draw each finding's own picture from them.
 */
public record LockGraph(
    List<String> lockClasses,
    List<Edge> edges,
    List<List<String>> cycles,
    Map<String, List<Edge>> findingEdges) {
  public LockGraph {
    lockClasses = List.copyOf(lockClasses);
    edges = List.copyOf(edges);
    cycles = cycles.stream().map(List::copyOf).toList();
    // Sorted, so that a cached result serialises to the same bytes every time.
    TreeMap<String, List<Edge>> sorted = new TreeMap<>();
    findingEdges.forEach((fingerprint, list) -> sorted.put(fingerprint, List.copyOf(list)));
    findingEdges = Collections.unmodifiableMap(sorted);
  }

  /** A graph whose findings have no pictures. */
  public LockGraph(List<String> lockClasses, List<Edge> edges, List<List<String>> cycles) {
    this(lockClasses, edges, cycles, Map.of());
  }

  public static LockGraph empty() {
    return new LockGraph(List.of(), List.of(), List.of());
  }

  /** The edges {@code finding} is about; empty for one with nothing to draw. */
  public List<Edge> edgesOf(Finding finding) {
    List<Edge> found =
        finding.fingerprint() == null ? null : findingEdges.get(finding.fingerprint());
    return found == null ? List.of() : found;
  }

  /** How {@code to} comes to be taken while {@code from} is held. */
  public enum Kind {
    /** Acquired directly or through calls. */
    ORDER,
    /** Acquired by the handler of a fault in a copy made while {@code from} is held. */
    FAULT
  }

  /**
   * One edge with the shortest witness found for it.
   *
   * @param label what the picture writes on the arrow (the fault handler, say); may be empty
   */
  public record Edge(String from, String to, List<TraceStep> witness, Kind kind, String label) {
    public Edge {
      witness = List.copyOf(witness);
    }

    /** An ordering edge with no label. */
    public Edge(String from, String to, List<TraceStep> witness) {
      this(from, to, witness, Kind.ORDER, "");
    }
  }
}
