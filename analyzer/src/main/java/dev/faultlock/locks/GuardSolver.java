package dev.faultlock.locks;

import dev.faultlock.dataflow.Condensation;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.Workers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Solves the lock state of every method once, callees first, so that each method sees its
 * callees' final {@link Guards} facts: the bottom-up order of summary-based analyses (Infer's
 * biabduction, Tai-e's summaries). A method's facts depend on other methods only through the
 * guard facts of the methods its calls may run, so solving over the strongly connected
 * components of that "calls" relation in reverse topological order needs one solve per method
 * outside recursion; inside a recursive component the members are solved again, together, until
 * their guard facts settle.
 *
 * <p><b>Widening.</b> Inside a component, guard facts need not settle: a method's facts are not
 * monotone in its callees' (knowing that a callee acquires a lock turns a later "released unheld"
 * into a balanced release), so a helper-unlocked method can flip between guard and not as its
 * helper's facts change (H2 has such cycles). A member whose guard fact changed more than
 * {@link #CHANGES} times is widened: its guard fact is dropped for good (treated as unknown, so
 * as no guard: its callers see a plain call) and its facts keep no lock effect across the return.
 * Each method can change only so often, so the iteration ends.
 *
 * <p><b>Parallelism and determinism.</b> Components are solved level by level (a component's
 * level is one more than its callees' highest); components of one level never call each other,
 * so they run in parallel. A recursive component is first solved whole against no guard fact of
 * its own members (on every thread for a large one: java.base has a component of thousands of
 * methods), then corrected one member at a time in a fixed order, so the result never depends on
 * the threads' timing.
 */
public final class GuardSolver {
  /** How often a guard fact inside a recursive component may change before it is widened. */
  static final int CHANGES = 4;

  /** Members above which a component's first solve runs on the worker threads too. */
  private static final int PARALLEL_MEMBERS = 64;

  private final List<Set<MethodInfo>> methods;
  private final List<Set<MethodInfo>> callees;
  private final BiFunction<Integer, Guards, List<MethodFacts>> solve;
  private final int jobs;
  private final Map<MethodInfo, MethodFacts> table = new ConcurrentHashMap<>();
  private final Guards guards = Guards.over(table);
  private final List<List<MethodFacts>> out;

  /**
   * @param methods for each unit (a method and the lambdas written in it, solved together), the
   *     methods whose facts its solve gives
   * @param callees for each unit, the program methods its calls may run ({@link Guards#callees})
   * @param stored facts solved before and not solved again (files read back from the cache):
   *     their guard facts are fixed
   * @param solve the facts of unit {@code i} solved with the given guards
   */
  private GuardSolver(
      List<Set<MethodInfo>> methods, List<Set<MethodInfo>> callees, Collection<MethodFacts> stored,
      BiFunction<Integer, Guards, List<MethodFacts>> solve, int jobs) {
    this.methods = methods;
    this.callees = callees;
    this.solve = solve;
    this.jobs = jobs;
    this.out = new ArrayList<>(methods.size());
    for (int i = 0; i < methods.size(); i++) out.add(List.of());
    for (MethodFacts f : stored) publish(f);
  }

  /**
   * Every unit's facts, in unit order, each solved with its callees' final guard facts and the
   * guard facts of {@code stored}.
   */
  public static List<List<MethodFacts>> solve(
      List<Set<MethodInfo>> methods, List<Set<MethodInfo>> callees, Collection<MethodFacts> stored,
      BiFunction<Integer, Guards, List<MethodFacts>> solve, int jobs) {
    GuardSolver solver = new GuardSolver(methods, callees, stored, solve, jobs);
    for (List<int[]> level : solver.levels()) {
      Workers.run(jobs, level.size(), k -> solver.component(level.get(k)));
    }
    return solver.out;
  }

  /** The units' components, grouped by level, callees' levels first. */
  private List<List<int[]>> levels() {
    int n = methods.size();
    Map<MethodInfo, Integer> unitOf = new IdentityHashMap<>();
    for (int i = 0; i < n; i++) for (MethodInfo m : methods.get(i)) unitOf.put(m, i);
    // The "calls" relation between units, as adjacency arrays (a unit may appear twice among
    // another's callees, through a method and its lambda: harmless to components and levels).
    int[] start = new int[n + 1];
    int[] calls = new int[callees.stream().mapToInt(Set::size).sum()];
    for (int i = 0; i < n; i++) {
      int k = start[i];
      for (MethodInfo t : callees.get(i)) {
        Integer j = unitOf.get(t);
        if (j != null) calls[k++] = j;
      }
      start[i + 1] = k;
    }
    Condensation sccs = Condensation.of(start, calls);
    // Components come callees first: a component's level is one more than its callees' highest.
    int count = sccs.count();
    int[] level = new int[count];
    BitSet recursive = new BitSet(count);
    List<List<int[]>> levels = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      int[] units = sccs.members(c);
      for (int u : units) {
        for (int k = start[u]; k < start[u + 1]; k++) {
          int to = sccs.componentOf(calls[k]);
          if (to == c) {
            recursive.set(c);
          } else {
            level[c] = Math.max(level[c], level[to] + 1);
          }
        }
      }
      while (levels.size() <= level[c]) levels.add(new ArrayList<>());
      levels.get(level[c]).add(members(units, recursive.get(c)));
    }
    return levels;
  }

  /**
   * The units of a component in unit order (so the corrections run in a fixed order), with a leading {@code -1}
   * marking a recursive one.
   */
  private static int[] members(int[] m, boolean recursive) {
    if (!recursive) return m;
    int[] marked = new int[m.length + 1];
    marked[0] = -1;
    System.arraycopy(m, 0, marked, 1, m.length);
    return marked;
  }

  private void component(int[] members) {
    if (members[0] != -1) {
      // Not recursive: one unit, whose callees are all done.
      int u = members[0];
      out.set(u, solve.apply(u, guards));
      for (MethodFacts f : out.get(u)) publish(f);
      return;
    }
    int[] units = Arrays.copyOfRange(members, 1, members.length);
    // First every member against no guard fact of the component: the bulk, on every thread.
    List<List<MethodFacts>> first = new ArrayList<>(units.length);
    for (int k = 0; k < units.length; k++) first.add(null);
    if (units.length < PARALLEL_MEMBERS) {
      for (int k = 0; k < units.length; k++) first.set(k, solve.apply(units[k], guards));
    } else {
      Workers.run(jobs, units.length, k -> first.set(k, solve.apply(units[k], guards)));
    }
    List<List<Integer>> callers = callersInside(units);
    Map<MethodInfo, Integer> changes = new IdentityHashMap<>();
    BitSet dirty = new BitSet(units.length);
    for (int k = 0; k < units.length; k++) settle(units, k, first.get(k), callers, changes, dirty);
    // Then the corrections, one member at a time in member order: a member solved sees the
    // latest facts of the others (so a chain settles in one sweep), and the order is fixed.
    for (int k = dirty.nextSetBit(0); k >= 0; k = next(dirty, k)) {
      dirty.clear(k);
      settle(units, k, solve.apply(units[k], guards), callers, changes, dirty);
    }
  }

  /** The next dirty member after {@code k}, from the start again past the last; -1 when none. */
  private static int next(BitSet dirty, int k) {
    int n = dirty.nextSetBit(k + 1);
    return n >= 0 ? n : dirty.nextSetBit(0);
  }

  /**
   * Records the facts of member {@code k}; where one of its methods' guard facts changed, its
   * callers inside the component are dirty again. A method whose guard fact changed more than
   * {@link #CHANGES} times is widened: no guard from then on.
   */
  private void settle(
      int[] units, int k, List<MethodFacts> solved, List<List<Integer>> callers,
      Map<MethodInfo, Integer> changes, BitSet dirty) {
    List<MethodFacts> facts = new ArrayList<>(solved);
    boolean changed = false;
    for (int f = 0; f < facts.size(); f++) {
      MethodFacts now = facts.get(f);
      int times = changes.getOrDefault(now.method(), 0);
      if (times > CHANGES) {
        facts.set(f, withoutGuard(now));
        continue;
      }
      MethodFacts guard = Guards.isGuard(now) ? now : null;
      if (Guards.sameEffect(table.get(now.method()), guard)) continue;
      changes.put(now.method(), times + 1);
      // Still changing: unknown, so no guard from now on.
      if (times + 1 > CHANGES) facts.set(f, withoutGuard(now));
      changed = true;
    }
    out.set(units[k], facts);
    for (MethodFacts f : facts) publish(f);
    if (changed) for (int c : callers.get(k)) dirty.set(c);
  }

  /** For each member, the members whose calls may run one of its methods. */
  private List<List<Integer>> callersInside(int[] units) {
    Map<MethodInfo, Integer> memberOf = new IdentityHashMap<>();
    for (int k = 0; k < units.length; k++) for (MethodInfo m : methods.get(units[k])) memberOf.put(m, k);
    List<List<Integer>> callers = new ArrayList<>(units.length);
    for (int k = 0; k < units.length; k++) callers.add(new ArrayList<>());
    for (int k = 0; k < units.length; k++) {
      BitSet seen = new BitSet(units.length);
      for (MethodInfo c : callees.get(units[k])) {
        Integer j = memberOf.get(c);
        if (j != null && !seen.get(j)) {
          seen.set(j);
          callers.get(j).add(k);
        }
      }
    }
    return callers;
  }

  /** Records {@code f} as its method's guard fact, or that it has none. */
  private void publish(MethodFacts f) {
    if (Guards.isGuard(f)) {
      table.put(f.method(), f);
    } else {
      table.remove(f.method());
    }
  }

  private static MethodFacts withoutGuard(MethodFacts f) {
    return new MethodFacts(f.method(), f.events(), f.orderingGuard(), f.misuses(), f.unresolvedCalls());
  }
}
