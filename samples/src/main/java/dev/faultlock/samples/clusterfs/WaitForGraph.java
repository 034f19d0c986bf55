package dev.faultlock.samples.clusterfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.JohnsonSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * A snapshot of a {@link LockManager}'s lock table: which thread holds which lock in which mode,
 * which thread waits for which lock, and the resulting wait-for edges (waiter → each holder whose
 * mode conflicts with the request). A cycle of edges is a deadlock: every thread on it waits for a
 * lock held by the next, and none of them can release.
 */
public final class WaitForGraph {
  /** A blocked request: the lock and the mode asked for. */
  public record Request(InodeLock lock, LockMode mode) {}

  /** {@code waiter} wants {@code lock} in {@code requested}, and {@code holder} has it in {@code held}. */
  public record Edge(Thread waiter, InodeLock lock, LockMode requested, Thread holder, LockMode held) {
    @Override
    public String toString() {
      return '"' + waiter.getName() + "\" waits for " + lock + " " + requested + ", held "
          + held + " by \"" + holder.getName() + '"';
    }
  }

  private final Map<InodeLock, Map<Thread, LockMode>> held;
  private final Map<Thread, Request> waiting;
  private final List<Edge> edges;
  private final long version;

  WaitForGraph(Map<InodeLock, Map<Thread, LockMode>> held, Map<Thread, Request> waiting, long version) {
    Map<InodeLock, Map<Thread, LockMode>> heldCopy = new LinkedHashMap<>();
    held.forEach((lock, modes) -> heldCopy.put(lock, Collections.unmodifiableMap(new LinkedHashMap<>(modes))));
    this.held = Collections.unmodifiableMap(heldCopy);
    this.waiting = Collections.unmodifiableMap(new LinkedHashMap<>(waiting));
    this.version = version;
    List<Edge> found = new ArrayList<>();
    this.waiting.forEach(
        (waiter, request) ->
            this.held
                .getOrDefault(request.lock(), Map.of())
                .forEach(
                    (holder, mode) -> {
                      if (holder != waiter && mode.conflictsWith(request.mode())) {
                        found.add(new Edge(waiter, request.lock(), request.mode(), holder, mode));
                      }
                    }));
    this.edges = List.copyOf(found);
  }

  /** The lock table's version when the snapshot was taken: equal versions mean nothing moved. */
  public long version() {
    return version;
  }

  /** The locks {@code thread} holds, with the strongest mode it holds each in. */
  public Map<InodeLock, LockMode> heldBy(Thread thread) {
    Map<InodeLock, LockMode> result = new LinkedHashMap<>();
    held.forEach(
        (lock, modes) -> {
          LockMode mode = modes.get(thread);
          if (mode != null) {
            result.put(lock, mode);
          }
        });
    return result;
  }

  /** The request {@code thread} is blocked on, if it is blocked in the lock manager. */
  public Optional<Request> waitingFor(Thread thread) {
    return Optional.ofNullable(waiting.get(thread));
  }

  /** Every wait-for edge. */
  public List<Edge> edges() {
    return edges;
  }

  /** Whether no lock is held and no thread waits. */
  public boolean isIdle() {
    return held.isEmpty() && waiting.isEmpty();
  }

  /**
   * Every elementary cycle of the wait-for graph, each as its edges in order (the holder of one
   * edge is the waiter of the next), starting at the thread whose name sorts first.
   */
  public List<List<Edge>> cycles() {
    Graph<Thread, Edge> graph = new DefaultDirectedGraph<>(null, null, false);
    for (Edge edge : edges) {
      graph.addVertex(edge.waiter());
      graph.addVertex(edge.holder());
      graph.addEdge(edge.waiter(), edge.holder(), edge);
    }
    List<List<Edge>> cycles = new ArrayList<>();
    new JohnsonSimpleCycles<>(graph)
        .findSimpleCycles(
            threads -> {
              List<Thread> rotated = new ArrayList<>(threads);
              Thread first = Collections.min(rotated, Comparator.comparing(Thread::getName));
              Collections.rotate(rotated, -rotated.indexOf(first));
              List<Edge> cycle = new ArrayList<>();
              for (int i = 0; i < rotated.size(); i++) {
                cycle.add(graph.getEdge(rotated.get(i), rotated.get((i + 1) % rotated.size())));
              }
              cycles.add(List.copyOf(cycle));
            });
    return cycles;
  }
}
