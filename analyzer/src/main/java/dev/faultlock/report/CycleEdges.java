package dev.faultlock.report;

import dev.faultlock.findings.LockGraph;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Which of some lock-graph edges lie on a cycle of those edges: a self-edge (two locks of one
 * class, the ABBA itself) or an edge inside a strongly connected component. The report draws
 * these in red, and its overview draws nothing else.
 */
final class CycleEdges {
  private final Map<String, Integer> component = new HashMap<>();
  private final Map<Integer, Integer> componentSize = new HashMap<>();
  private final Set<String> selfLooped = new HashSet<>();

  CycleEdges(List<LockGraph.Edge> edges) {
    Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (LockGraph.Edge edge : edges) {
      graph.addVertex(edge.from());
      graph.addVertex(edge.to());
      if (edge.from().equals(edge.to())) {
        selfLooped.add(edge.from());
      } else {
        graph.addEdge(edge.from(), edge.to());
      }
    }
    List<Set<String>> components =
        new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
    for (int i = 0; i < components.size(); i++) {
      componentSize.put(i, components.get(i).size());
      for (String node : components.get(i)) {
        component.put(node, i);
      }
    }
  }

  boolean contains(LockGraph.Edge edge) {
    return edge.from().equals(edge.to())
        || component.get(edge.from()).equals(component.get(edge.to()));
  }

  boolean onCycle(String node) {
    return selfLooped.contains(node)
        || (component.containsKey(node) && componentSize.get(component.get(node)) > 1);
  }
}
