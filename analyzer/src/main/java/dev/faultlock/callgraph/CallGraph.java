package dev.faultlock.callgraph;

import dev.faultlock.dataflow.Condensation;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.source.MethodInfo;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The program's call graph: an edge per (caller, possible callee), from static, constructor,
 * virtual and interface calls (class-hierarchy analysis), super calls, and lambdas and method
 * references reached through the functional interface they are bound to.
 *
 * <p>Methods are numbered in the order they are first met and the edges are kept as adjacency
 * arrays, each direction in the order the edges were first added (so a method's callers come in
 * a fixed order, which the summaries' worklist follows); see {@link Condensation} for why not a
 * JGraphT graph. Its components ({@link #bottomUp()}) are computed once, for every bottom-up pass.
 */
public final class CallGraph {
  private final List<MethodInfo> order;
  private final Map<MethodInfo, Integer> id;
  private final int[] calleeStart;
  private final int[] calleeOf;
  private final int[] callerStart;
  private final int[] callerOf;
  private Condensation condensation;
  private List<List<MethodInfo>> bottomUp;

  private CallGraph(List<MethodInfo> order, Map<MethodInfo, Integer> id, List<IntList> out) {
    this.order = order;
    this.id = id;
    int n = order.size();
    calleeStart = new int[n + 1];
    for (int v = 0; v < n; v++) calleeStart[v + 1] = calleeStart[v] + out.get(v).size;
    calleeOf = new int[calleeStart[n]];
    callerStart = new int[n + 1];
    for (int v = 0; v < n; v++) {
      IntList l = out.get(v);
      System.arraycopy(l.items, 0, calleeOf, calleeStart[v], l.size);
      for (int k = 0; k < l.size; k++) callerStart[l.items[k] + 1]++;
    }
    for (int v = 0; v < n; v++) callerStart[v + 1] += callerStart[v];
    // Incoming edges in the order they were added: edges were added caller by caller, in
    // caller order (a caller's facts are all read at once), so walking the callers in order fills
    // each callee's list in that order.
    callerOf = new int[calleeOf.length];
    int[] fill = Arrays.copyOf(callerStart, n);
    for (int v = 0; v < n; v++) {
      for (int k = calleeStart[v]; k < calleeStart[v + 1]; k++) callerOf[fill[calleeOf[k]]++] = v;
    }
  }

  /**
   * Builds the graph over {@code facts}. Calls on a functional interface first gain the lambdas
   * and method references bound to it, unless the points-to solver dispatched them ({@link
   * LockEvent.Call#byObjects}): their callees already hold the functions that flow there.
   */
  public static CallGraph build(List<MethodFacts> facts, FunctionBindings bindings) {
    List<MethodInfo> order = new ArrayList<>();
    Map<MethodInfo, Integer> id = new IdentityHashMap<>();
    List<IntList> out = new ArrayList<>();
    for (MethodFacts f : facts) vertex(f.method(), order, id, out);
    // Self-loops are recursion: kept, and harmless to the component order. An edge added twice
    // is one edge: `added` marks the callees the current caller already has.
    Marks added = new Marks();
    for (MethodFacts f : facts) {
      int from = id.get(f.method());
      IntList edges = out.get(from);
      for (int k = 0; k < edges.size; k++) added.mark(edges.items[k], from);
      for (LockEvent e : f.events()) {
        if (!(e instanceof LockEvent.Call c)) continue;
        // A call the points-to solver dispatched already runs the functions that flow to it.
        List<MethodInfo> bound = c.receiverType() == null || c.byObjects()
            ? List.of() : bindings.boundTo(c.receiverType());
        if (!bound.isEmpty()) {
          // A set of what the call runs: the lists can both be hundreds long.
          Set<MethodInfo> runs = Collections.newSetFromMap(new IdentityHashMap<>());
          runs.addAll(c.targets());
          for (MethodInfo fn : bound) {
            if ((!fn.isLambda() || fn.arity() == c.argc()) && runs.add(fn)) c.targets().add(fn);
          }
        }
        for (MethodInfo t : c.targets()) {
          int to = vertex(t, order, id, out);
          if (added.mark(to, from)) edges.add(to);
        }
      }
    }
    return new CallGraph(order, id, out);
  }

  private static int vertex(
      MethodInfo m, List<MethodInfo> order, Map<MethodInfo, Integer> id, List<IntList> out) {
    Integer known = id.putIfAbsent(m, order.size());
    if (known != null) return known;
    order.add(m);
    out.add(new IntList());
    return order.size() - 1;
  }

  public int edgeCount() {
    return calleeOf.length;
  }

  public int methodCount() {
    return order.size();
  }

  /**
   * The strongly connected components, callees before callers, each's members in the order the
   * methods were met: summaries computed in this order see every callee outside the component
   * already done.
   */
  public List<List<MethodInfo>> bottomUp() {
    if (bottomUp != null) return bottomUp;
    condensation = Condensation.of(calleeStart, calleeOf);
    List<List<MethodInfo>> out = new ArrayList<>(condensation.count());
    for (int k = 0; k < condensation.count(); k++) {
      int[] members = condensation.members(k);
      List<MethodInfo> ms = new ArrayList<>(members.length);
      for (int v : members) ms.add(order.get(v));
      out.add(Collections.unmodifiableList(ms));
    }
    bottomUp = Collections.unmodifiableList(out);
    return bottomUp;
  }

  /**
   * The components of {@link #bottomUp()} grouped by level, lowest first: a component's level is
   * one more than the highest level of the components it calls, so the components of one level
   * never call each other (they may be summarised at the same time) and all they call is in
   * lower levels.
   */
  public List<List<List<MethodInfo>>> levels() {
    List<List<MethodInfo>> components = bottomUp();
    int[] level = new int[components.size()];
    List<List<List<MethodInfo>>> out = new ArrayList<>();
    for (int k = 0; k < components.size(); k++) {
      for (int v : condensation.members(k)) {
        for (int e = calleeStart[v]; e < calleeStart[v + 1]; e++) {
          int to = condensation.componentOf(calleeOf[e]);
          if (to != k) level[k] = Math.max(level[k], level[to] + 1);
        }
      }
      while (out.size() <= level[k]) out.add(new ArrayList<>());
      out.get(level[k]).add(components.get(k));
    }
    return out;
  }

  /** Direct callers of {@code m}. */
  public Set<MethodInfo> callers(MethodInfo m) {
    int v = id.get(m);
    return new Neighbours(callerOf, callerStart[v], callerStart[v + 1]);
  }

  /** Direct callees of {@code m}. */
  public Set<MethodInfo> callees(MethodInfo m) {
    int v = id.get(m);
    return new Neighbours(calleeOf, calleeStart[v], calleeStart[v + 1]);
  }

  /** A read-only view of one method's callers or callees, without copying them into a set. */
  private final class Neighbours extends AbstractSet<MethodInfo> {
    private final int[] of;
    private final int from;
    private final int to;

    Neighbours(int[] of, int from, int to) {
      this.of = of;
      this.from = from;
      this.to = to;
    }

    @Override
    public boolean contains(Object o) {
      Integer v = o instanceof MethodInfo m ? id.get(m) : null;
      if (v == null) return false;
      for (int k = from; k < to; k++) if (of[k] == v) return true;
      return false;
    }

    @Override
    public Iterator<MethodInfo> iterator() {
      return new Iterator<>() {
        private int k = from;

        @Override
        public boolean hasNext() {
          return k < to;
        }

        @Override
        public MethodInfo next() {
          if (k >= to) throw new NoSuchElementException();
          return order.get(of[k++]);
        }
      };
    }

    @Override
    public int size() {
      return to - from;
    }
  }

  /** A growable list of ints: one method's callees while the graph is built. */
  private static final class IntList {
    int[] items = new int[4];
    int size;

    void add(int x) {
      if (size == items.length) items = Arrays.copyOf(items, size * 2);
      items[size++] = x;
    }
  }

  /** Which callees the caller being read already has: a mark per method, the caller's number. */
  private static final class Marks {
    private int[] by = new int[1024];

    /** Marks {@code to} as a callee of {@code from}; false when it already was. */
    boolean mark(int to, int from) {
      if (to >= by.length) by = Arrays.copyOf(by, Math.max(to + 1, by.length * 2));
      // Stored as from + 1: 0, the initial value, is no caller's mark.
      if (by[to] == from + 1) return false;
      by[to] = from + 1;
      return true;
    }
  }
}
