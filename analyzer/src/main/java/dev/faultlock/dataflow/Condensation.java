package dev.faultlock.dataflow;

import java.util.Arrays;

/**
 * The strongly connected components of a directed graph on the vertices {@code 0..n-1}, given as
 * adjacency arrays, numbered callees first: a component's successors outside it all have lower
 * numbers (a reverse topological order of the condensation), which is the order bottom-up
 * summaries need. Tarjan's algorithm emits components in exactly that order.
 *
 * <p>Why not JGraphT's inspectors, used elsewhere: they run on a JGraphT {@code Graph}, one edge
 * object and several hash-map entries per edge. On java.base the call graph has 735,000 edges;
 * building and walking that object graph was 8 % of the whole analysis (issue #10's profile),
 * twice over (the guard solve and the summaries each built one). Two int arrays are the graph
 * here, and the walk keeps an explicit stack (no recursion: generated call chains are deep).
 */
public final class Condensation {
  private final int[] component;
  private final int[] start;
  private final int[] members;

  private Condensation(int[] component, int[] start, int[] members) {
    this.component = component;
    this.start = start;
    this.members = members;
  }

  /**
   * The components of the graph whose vertex {@code v} has the successors {@code
   * targets[offsets[v]..offsets[v+1]-1]}.
   */
  public static Condensation of(int[] offsets, int[] targets) {
    int n = offsets.length - 1;
    int[] index = new int[n];
    Arrays.fill(index, -1);
    int[] low = new int[n];
    int[] component = new int[n];
    int[] next = new int[n];
    boolean[] open = new boolean[n];
    int[] stack = new int[n];
    int[] walk = new int[n];
    int counter = 0;
    int opened = 0;
    int count = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) continue;
      int depth = 0;
      walk[depth++] = root;
      index[root] = low[root] = counter++;
      next[root] = offsets[root];
      open[root] = true;
      stack[opened++] = root;
      while (depth > 0) {
        int v = walk[depth - 1];
        if (next[v] < offsets[v + 1]) {
          int w = targets[next[v]++];
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            next[w] = offsets[w];
            open[w] = true;
            stack[opened++] = w;
            walk[depth++] = w;
          } else if (open[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        depth--;
        if (low[v] == index[v]) {
          int w;
          do {
            w = stack[--opened];
            open[w] = false;
            component[w] = count;
          } while (w != v);
          count++;
        }
        if (depth > 0) {
          int u = walk[depth - 1];
          low[u] = Math.min(low[u], low[v]);
        }
      }
    }
    // Members by component, each in vertex order.
    int[] start = new int[count + 1];
    for (int v = 0; v < n; v++) start[component[v] + 1]++;
    for (int c = 0; c < count; c++) start[c + 1] += start[c];
    int[] fill = Arrays.copyOf(start, count);
    int[] members = new int[n];
    for (int v = 0; v < n; v++) members[fill[component[v]]++] = v;
    return new Condensation(component, start, members);
  }

  /** How many components there are. */
  public int count() {
    return start.length - 1;
  }

  /** The component of vertex {@code v}. */
  public int componentOf(int v) {
    return component[v];
  }

  /** The vertices of component {@code c}, ascending. */
  public int[] members(int c) {
    return Arrays.copyOfRange(members, start[c], start[c + 1]);
  }

  /** How many vertices component {@code c} has. */
  public int size(int c) {
    return start[c + 1] - start[c];
  }
}
