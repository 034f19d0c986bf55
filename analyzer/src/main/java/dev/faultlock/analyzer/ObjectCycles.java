package dev.faultlock.analyzer;

import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.HawickJamesSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.roaringbitmap.RoaringBitmap;

/**
 * The lock-order graph over the program's own lock objects ({@code --points-to}): the cycles
 * the graph of lock names cannot see, because the two ends of the deadlock are named apart and
 * are one object only at run time (a lock handed through constructors to two classes' fields,
 * a base class's {@code synchronized (this)} on a subclass instance the pool locks by its field,
 * locks kept in an array and a map). An edge joins each object the held lock can be to each
 * object the acquired one can be ({@link LockObjects#concrete}: symbolic objects and wide sets
 * join nothing); an object's edge to itself is a same-class pair, the name-based rule's. The
 * cycles are found as the named graph's are, and those that are a named cycle already are not
 * reported twice ({@link RuleChecker}).
 */
final class ObjectCycles {
  /** Object cycles are short: a ring of four threads is the longest the literature reports. */
  static final int MAX_LENGTH = 4;

  private static final int MAX_CYCLES = 500;

  private final LockObjects objects;
  private final Map<Arc, OrderEdge> edges = new LinkedHashMap<>();

  /** A cycle: its nodes as shown (a lock's name, its object when two would read alike), its edges. */
  record Cycle(List<String> names, List<String> classes, List<OrderEdge> edges) {}

  private record Arc(int from, int to) {}

  ObjectCycles(LockObjects objects) {
    this.objects = objects;
  }

  /** An occurrence of the edge {@code from -> to} (lock names) between these objects. */
  void edge(
      MethodInfo m, String from, String to, RoaringBitmap fromObjects, RoaringBitmap toObjects,
      List<TraceStep> trace, Set<String> gates, Location at, boolean explained) {
    for (int a : fromObjects) {
      for (int b : toObjects) {
        if (a == b) continue;
        edges.computeIfAbsent(new Arc(a, b), k -> new OrderEdge(from, to))
            .seen(m, trace, gates, at, explained, false);
      }
    }
  }

  /**
   * The cycles, shortest first, without those a gate lock held along every edge serialises or
   * an alien-call error explains (as for named cycles).
   */
  List<Cycle> cycles() {
    Graph<Integer, Arc> g = new DefaultDirectedGraph<>(null, null, false);
    for (Arc a : edges.keySet()) {
      g.addVertex(a.from());
      g.addVertex(a.to());
      g.addEdge(a.from(), a.to(), a);
    }
    List<List<Integer>> found = new ArrayList<>();
    for (int length = 2; length <= MAX_LENGTH && found.size() < MAX_CYCLES; length++) {
      int exactly = length;
      HawickJamesSimpleCycles<Integer, Arc> search = new HawickJamesSimpleCycles<>(g);
      search.setPathLimit(length);
      try {
        search.findSimpleCycles(c -> {
          if (c.size() != exactly) return;
          found.add(rotate(c));
          if (found.size() >= MAX_CYCLES) throw new Enough();
        });
      } catch (Enough e) {
        // Shortest first: the ones worth reading are in.
      }
    }
    List<Cycle> out = new ArrayList<>();
    for (List<Integer> c : found) {
      List<OrderEdge> es = new ArrayList<>();
      for (int i = 0; i < c.size(); i++) es.add(edges.get(new Arc(c.get(i), c.get((i + 1) % c.size()))));
      if (!OrderEdge.reportable(es)) continue;
      List<String> classes = es.stream().map(e -> e.from).toList();
      List<String> names = new ArrayList<>(classes);
      if (new HashSet<>(names).size() < names.size()) {
        for (int i = 0; i < names.size(); i++) {
          names.set(i, classes.get(i) + " (" + objects.describe(c.get(i)) + ")");
        }
      }
      out.add(new Cycle(names, classes, es));
    }
    out.sort(Comparator.<Cycle>comparingInt(x -> x.names().size())
        .thenComparing(x -> x.names().toString()));
    return out;
  }

  private static final class Enough extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Enough() {
      super(null, null, false, false);
    }
  }

  private static List<Integer> rotate(List<Integer> cycle) {
    int min = 0;
    for (int i = 1; i < cycle.size(); i++) if (cycle.get(i) < cycle.get(min)) min = i;
    List<Integer> out = new ArrayList<>(cycle.size());
    for (int i = 0; i < cycle.size(); i++) out.add(cycle.get((min + i) % cycle.size()));
    return out;
  }
}
