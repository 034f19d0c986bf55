package dev.faultlock.callgraph;

import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.source.MethodInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The program's call graph: an edge per (caller, possible callee), from static, constructor,
 * virtual and interface calls (class-hierarchy analysis), super calls, and lambdas and method
 * references reached through the functional interface they are bound to.
 */
public final class CallGraph {
  private final Graph<MethodInfo, DefaultEdge> graph;
  private final List<MethodInfo> order;

  private CallGraph(Graph<MethodInfo, DefaultEdge> graph, List<MethodInfo> order) {
    this.graph = graph;
    this.order = order;
  }

  /**
   * Builds the graph over {@code facts}. Calls on a functional interface first gain the lambdas
   * and method references bound to it.
   */
  public static CallGraph build(List<MethodFacts> facts, FunctionBindings bindings) {
    return build(facts, bindings, Set.of());
  }

  /**
   * Builds the graph over {@code facts}; the calls in {@code resolved} were dispatched by the
   * points-to solver ({@link PointsToDispatch}), whose callees already hold the functions that
   * flow there: they gain nothing by the interface they are made on.
   */
  public static CallGraph build(
      List<MethodFacts> facts, FunctionBindings bindings, Set<LockEvent.Call> resolved) {
    Graph<MethodInfo, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    // Self-loops are recursion: allowed, and harmless to the component order.
    List<MethodInfo> order = new ArrayList<>();
    for (MethodFacts f : facts) {
      g.addVertex(f.method());
      order.add(f.method());
    }
    for (MethodFacts f : facts) {
      for (LockEvent e : f.events()) {
        if (!(e instanceof LockEvent.Call c)) continue;
        if (c.receiverType() != null && !resolved.contains(c)) {
          for (MethodInfo fn : bindings.boundTo(c.receiverType())) {
            if ((!fn.isLambda() || fn.arity() == c.argc()) && !c.targets().contains(fn)) {
              c.targets().add(fn);
            }
          }
        }
        for (MethodInfo t : c.targets()) {
          if (!g.containsVertex(t)) {
            g.addVertex(t);
            order.add(t);
          }
          g.addEdge(f.method(), t);
        }
      }
    }
    return new CallGraph(g, order);
  }

  public int edgeCount() {
    return graph.edgeSet().size();
  }

  public int methodCount() {
    return graph.vertexSet().size();
  }

  /**
   * The strongly connected components, callees before callers: summaries computed in this order
   * see every callee outside the component already done.
   */
  public List<List<MethodInfo>> bottomUp() {
    // Kosaraju: JGraphT's implementation walks with an explicit stack; Gabow's recurses once per
    // call-chain step and overflows the stack on long (generated) call chains.
    List<Set<MethodInfo>> sccs = new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
    Map<MethodInfo, Integer> component = new HashMap<>();
    for (int i = 0; i < sccs.size(); i++) for (MethodInfo m : sccs.get(i)) component.put(m, i);
    // Callee components first: a reverse topological order of the condensation (Kahn's
    // algorithm on the reversed edges).
    int n = sccs.size();
    List<Set<Integer>> callers = new ArrayList<>(n);
    int[] pendingCallees = new int[n];
    for (int i = 0; i < n; i++) callers.add(new HashSet<>());
    for (DefaultEdge e : graph.edgeSet()) {
      int from = component.get(graph.getEdgeSource(e));
      int to = component.get(graph.getEdgeTarget(e));
      if (from != to && callers.get(to).add(from)) pendingCallees[from]++;
    }
    Deque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) if (pendingCallees[i] == 0) ready.add(i);
    List<List<MethodInfo>> out = new ArrayList<>(n);
    Map<MethodInfo, Integer> position = new HashMap<>();
    for (int i = 0; i < order.size(); i++) position.put(order.get(i), i);
    while (!ready.isEmpty()) {
      int c = ready.poll();
      List<MethodInfo> members = new ArrayList<>(sccs.get(c));
      members.sort((a, b) -> Integer.compare(position.get(a), position.get(b)));
      out.add(members);
      for (int caller : callers.get(c)) if (--pendingCallees[caller] == 0) ready.add(caller);
    }
    return out;
  }

  /** Direct callers of {@code m}. */
  public Set<MethodInfo> callers(MethodInfo m) {
    Set<MethodInfo> out = new LinkedHashSet<>();
    for (DefaultEdge e : graph.incomingEdgesOf(m)) out.add(graph.getEdgeSource(e));
    return out;
  }

  /** Direct callees of {@code m}. */
  public Set<MethodInfo> callees(MethodInfo m) {
    Set<MethodInfo> out = new LinkedHashSet<>();
    for (DefaultEdge e : graph.outgoingEdgesOf(m)) out.add(graph.getEdgeTarget(e));
    return Collections.unmodifiableSet(out);
  }
}
