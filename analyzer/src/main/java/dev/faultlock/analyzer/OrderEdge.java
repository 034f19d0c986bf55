package dev.faultlock.analyzer;

import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.source.MethodInfo;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One lock-order edge, between two lock names ({@link RuleChecker}) or two lock objects ({@link
 * ObjectCycles}): its best witness (sure, then shortest), the gate locks held at every occurrence (in the method
 * or, {@link CallerLocks}, by every caller of it), and whether every occurrence takes a lock its
 * callers all hold already.
 *
 * <p>Why either makes a cycle impossible (Chord's "guarded" and "reentrant" conditions, Naik et
 * al., ICSE'09, with lock classes for its may-alias of the gate): a cycle needs each edge's
 * thread to hold its {@code from} lock while the previous edge's thread holds the lock it waits
 * for. A lock held at every edge, by every thread of the cycle, cannot be: they would run one
 * at a time. And an edge whose thread already holds the very lock it takes waits for nothing.
 */
class OrderEdge {
  final String from;
  final String to;
  List<TraceStep> witness;
  Location at;
  MethodInfo method;
  Set<String> gates;
  /**
   * Whether some occurrence is not explained by an alien call reported as an error at the same
   * place: an edge only such calls make is that error's, and a cycle through it is not reported
   * again.
   */
  boolean unexplained;
  /** Whether every occurrence takes a lock its thread already holds ({@link CallerLocks#allHold}). */
  boolean reentrant = true;

  OrderEdge(String from, String to) {
    this.from = from;
    this.to = to;
  }

  /**
   * One more occurrence, in {@code m} at {@code at}, with {@code gates} held; {@code reentrant}
   * when its thread holds the lock it takes already.
   */
  void seen(
      MethodInfo m, List<TraceStep> trace, Set<String> gates, Location at, boolean explained,
      boolean reentrant) {
    // A sure witness before a shorter unsure one: the cycle's confidence is its edges'.
    boolean sure = sure(trace);
    if (witness == null || (sure != sure(witness) ? sure : trace.size() < witness.size())) {
      witness = List.copyOf(trace);
      this.at = at;
      method = m;
    }
    if (this.gates == null) this.gates = new TreeSet<>(gates);
    else this.gates.retainAll(gates);
    unexplained |= !explained;
    this.reentrant &= reentrant;
  }

  /** Whether every step of {@code trace} is {@link Confidence#HIGH}. */
  static boolean sure(List<TraceStep> trace) {
    for (TraceStep s : trace) if (s.confidence() != Confidence.HIGH) return false;
    return true;
  }

  /** Whether every edge's witness is sure: a cycle the analysis reports with high confidence. */
  static boolean sure(Iterable<? extends OrderEdge> edges) {
    for (OrderEdge e : edges) if (!sure(e.witness)) return false;
    return true;
  }

  /**
   * Whether a cycle of {@code edges} is reported: no gate on every edge, no edge reentrant, none
   * explained away.
   */
  static boolean reportable(List<? extends OrderEdge> edges) {
    Set<String> common = new TreeSet<>(edges.get(0).gates);
    for (OrderEdge e : edges) common.retainAll(e.gates);
    return common.isEmpty() && edges.stream().allMatch(e -> e.unexplained && !e.reentrant);
  }
}
