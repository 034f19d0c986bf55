package dev.faultlock.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CondensationTest {
  /** The adjacency arrays of a graph on {@code n} vertices with the given {from, to} edges. */
  private static Condensation of(int n, int[]... edges) {
    int[] start = new int[n + 1];
    for (int[] e : edges) start[e[0] + 1]++;
    for (int v = 0; v < n; v++) start[v + 1] += start[v];
    int[] fill = start.clone();
    int[] targets = new int[edges.length];
    for (int[] e : edges) targets[fill[e[0]]++] = e[1];
    return Condensation.of(start, targets);
  }

  private static List<List<Integer>> components(Condensation c) {
    List<List<Integer>> out = new ArrayList<>();
    for (int k = 0; k < c.count(); k++) {
      List<Integer> members = new ArrayList<>();
      for (int v : c.members(k)) members.add(v);
      out.add(members);
    }
    return out;
  }

  @Test
  void aChainComesCalleesFirst() {
    // 0 -> 1 -> 2
    assertThat(components(of(3, new int[] {0, 1}, new int[] {1, 2})))
        .containsExactly(List.of(2), List.of(1), List.of(0));
  }

  @Test
  void aCycleIsOneComponentAfterWhatItCalls() {
    // 0 -> 1 -> 2 -> 0, 2 -> 3, 4 -> 1
    Condensation c = of(5, new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 0},
        new int[] {2, 3}, new int[] {4, 1});
    assertThat(components(c)).containsExactly(List.of(3), List.of(0, 1, 2), List.of(4));
    assertThat(c.componentOf(0)).isEqualTo(c.componentOf(2));
    assertThat(c.size(c.componentOf(1))).isEqualTo(3);
  }

  @Test
  void aSelfLoopAndUnconnectedVerticesAreComponentsOfTheirOwn() {
    assertThat(components(of(3, new int[] {1, 1}))).containsExactly(List.of(0), List.of(1), List.of(2));
  }

  @Test
  void aLongChainDoesNotOverflowTheStack() {
    int n = 200_000;
    int[][] edges = new int[n][];
    for (int v = 0; v < n; v++) edges[v] = new int[] {v, (v + 1) % n};
    Condensation c = of(n, edges);
    assertThat(c.count()).isEqualTo(1);
    assertThat(c.size(0)).isEqualTo(n);
  }

  @Test
  void everyEdgeBetweenComponentsGoesToAnEarlierOne() {
    // Two cycles joined both ways through a third vertex would merge; one way they stay apart.
    Condensation c = of(6, new int[] {0, 1}, new int[] {1, 0}, new int[] {1, 2}, new int[] {2, 3},
        new int[] {3, 4}, new int[] {4, 3}, new int[] {5, 0}, new int[] {5, 4});
    int[][] edges = {{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 4}, {4, 3}, {5, 0}, {5, 4}};
    assertThat(c.count()).isEqualTo(4);
    for (int[] e : edges) assertThat(c.componentOf(e[1])).isLessThanOrEqualTo(c.componentOf(e[0]));
  }
}
