package dev.faultlock.pta;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * The whole-program points-to analysis over the IR of every method of the program (it needs all
 * of them: a method the run did not lower would be a hole in the flow). Entry: {@link #solve}.
 */
public final class PointsToAnalysis implements PointsToResult {
  private final Solver solver;
  private final Stats stats;

  private PointsToAnalysis(Solver solver, long millis) {
    this.solver = solver;
    int fellBack = 0;
    List<MethodState> reachable = solver.reachable();
    for (MethodState s : reachable) fellBack += s.fellBack.cardinality();
    this.stats = new Stats(solver.heap.size(), solver.pointers.size(), solver.pointers.facts(),
        solver.graph.edgeCount(), solver.callEdges, reachable.size(), fellBack, millis);
  }

  /** Solves points-to for {@code program}, the IR of every method and lambda body. */
  public static PointsToAnalysis solve(ProgramIndex index, Collection<IrMethod> program) {
    return solve(index, program, CopyCycles.Policy.DEFAULT);
  }

  /** {@link #solve}, collapsing copy cycles as {@code collapse} says (tests compare policies). */
  static PointsToAnalysis solve(ProgramIndex index, Collection<IrMethod> program, CopyCycles.Policy collapse) {
    long start = System.nanoTime();
    Solver solver = new Solver(index, program, collapse);
    solver.solve();
    return new PointsToAnalysis(solver, (System.nanoTime() - start) / 1_000_000);
  }

  private MethodState reachable(IrMethod m) {
    MethodState s = solver.existing(m.method());
    return s != null && s.reachable && s.ir == m ? s : null;
  }

  @Override
  public RoaringBitmap pointsTo(IrMethod m, Var v) {
    MethodState s = reachable(m);
    return s == null || v == null ? Pointers.EMPTY : solver.pointers.pointsTo(s.pointer(v));
  }

  @Override
  public List<MethodInfo> callees(IrMethod m, int stmt) {
    MethodState s = reachable(m);
    List<MethodInfo> c = s == null ? null : s.callees[stmt];
    return c == null ? List.of() : List.copyOf(c);
  }

  @Override
  public boolean fellBack(IrMethod m, int stmt) {
    MethodState s = reachable(m);
    return s != null && s.fellBack.get(stmt);
  }

  @Override
  public boolean isReachable(MethodInfo m) {
    MethodState s = solver.existing(m);
    return s != null && s.reachable;
  }

  @Override
  public Set<MethodInfo> threadEntries() {
    return Collections.unmodifiableSet(solver.threadEntries);
  }

  @Override
  public Obj object(int id) {
    return solver.heap.get(id);
  }

  @Override
  public RoaringBitmap fieldPointsTo(RoaringBitmap objects, String field) {
    RoaringBitmap out = new RoaringBitmap();
    objects.forEach((int o) -> solver.pointers.fieldsNamed(o, field,
        p -> out.or(solver.pointers.pointsTo(p))));
    return out;
  }

  @Override
  public RoaringBitmap staticPointsTo(String owner, String field) {
    int p = solver.pointers.existingStatic(owner, field);
    return p < 0 ? Pointers.EMPTY : solver.pointers.pointsTo(p);
  }

  @Override
  public List<String> describe(RoaringBitmap objects) {
    List<String> out = new ArrayList<>();
    objects.forEach((int o) -> out.add(solver.heap.get(o).toString()));
    out.sort(null);
    return out;
  }

  /**
   * Where the instance fields' facts are, for the bench's histogram: per field ({@code
   * Owner.name}; an array's elements as {@code [] of T[]}, a model's contents as {@code
   * $model.elements of T}, by the holding object's type), its pointers, facts and the facts that
   * are symbolic objects.
   */
  public Map<String, long[]> fieldFacts() {
    Map<String, long[]> out = new HashMap<>();
    RoaringBitmap program = solver.types.admitted(Types.PROGRAM, solver.heap);
    solver.pointers.forEachFieldPointer((obj, field, p) -> {
      RoaringBitmap pts = solver.pointers.pointsTo(p);
      String name = solver.pointers.fieldName(field);
      if (field == Pointers.ELEMENT || name.startsWith("$")) name += " of " + solver.heap.get(obj).type();
      long[] c = out.computeIfAbsent(name, k -> new long[3]);
      c[0]++;
      c[1] += pts.getLongCardinality();
      c[2] += pts.getLongCardinality() - RoaringBitmap.andCardinality(pts, program);
    });
    return out;
  }

  /**
   * Which objects the facts are, for the bench's histogram: per kind and type of object ({@code
   * NEW java.lang.String}), how many objects and in how many points-to facts of any pointer.
   */
  public Map<String, long[]> objectFacts() {
    long[] uses = new long[solver.heap.size()];
    for (int p = 0; p < solver.pointers.size(); p++) solver.pointers.pointsTo(p).forEach((int o) -> uses[o]++);
    Map<String, long[]> out = new HashMap<>();
    for (int o = 0; o < uses.length; o++) {
      Obj obj = solver.heap.get(o);
      long[] c = out.computeIfAbsent(obj.kind() + " " + obj.type(), k -> new long[2]);
      c[0]++;
      c[1] += uses[o];
    }
    return out;
  }

  /**
   * How much cycle elimination could merge, for the bench's histogram: the strongly connected
   * components of more than one pointer in the plain flow edges among pointers of one filter
   * (only those may share one set), as {components, pointers in them, largest, the facts of
   * those pointers}.
   */
  public long[] copyCycles() {
    int n = solver.pointers.size();
    int[] offsets = new int[n + 1];
    List<int[]> succs = new ArrayList<>(n);
    for (int v = 0; v < n; v++) {
      RoaringBitmap s = solver.graph.succs(v);
      int f = solver.pointers.filter(v);
      int[] same = s == null ? new int[0]
          : java.util.Arrays.stream(s.toArray()).filter(w -> solver.pointers.filter(w) == f).toArray();
      succs.add(same);
      offsets[v + 1] = offsets[v] + same.length;
    }
    int[] targets = new int[offsets[n]];
    for (int v = 0; v < n; v++) System.arraycopy(succs.get(v), 0, targets, offsets[v], succs.get(v).length);
    dev.faultlock.dataflow.Condensation c = dev.faultlock.dataflow.Condensation.of(offsets, targets);
    long[] out = new long[4];
    for (int k = 0; k < c.count(); k++) {
      if (c.size(k) < 2) continue;
      out[0]++;
      out[1] += c.size(k);
      out[2] = Math.max(out[2], c.size(k));
      for (int p : c.members(k)) out[3] += solver.pointers.pointsTo(p).getLongCardinality();
    }
    return out;
  }

  /**
   * An order-free hash of the solution, for the bench to show that a change to the solver keeps
   * it: every reachable method's variables' sets and calls' targets, every object's fields'
   * sets. Objects are hashed by what they are (kind, type, site, path), not by id, since ids
   * follow the order of the solve.
   */
  public long digest() {
    long[] objects = new long[solver.heap.size()];
    for (int o = 0; o < objects.length; o++) {
      Obj obj = solver.heap.get(o);
      objects[o] = mix(Objects.hash(obj.kind().name(), obj.type(), String.valueOf(obj.method()), obj.line(), obj.path()));
    }
    long digest = 0;
    for (MethodState s : solver.reachable()) {
      long method = s.ir.method().signature().hashCode();
      for (Var v : s.ir.vars()) digest += mix(method * 31 + v.index()) ^ setHash(s.pointer(v), objects);
      for (int i = 0; i < s.callees.length; i++) {
        if (s.callees[i] == null) continue;
        long targets = 0;
        for (MethodInfo t : s.callees[i]) targets += mix(t.signature().hashCode());
        digest += mix(method * 17 + i) ^ targets;
      }
    }
    long[] fields = {0};
    solver.pointers.forEachFieldPointer((obj, field, p) -> fields[0] +=
        mix(objects[obj] * 31 + solver.pointers.fieldName(field).hashCode()) ^ setHash(p, objects));
    return digest + fields[0];
  }

  private long setHash(int pointer, long[] objects) {
    long[] h = {0};
    solver.pointers.pointsTo(pointer).forEach((int o) -> h[0] += objects[o]);
    return mix(h[0]);
  }

  /** A 64-bit finalizer (SplitMix64's): spreads a sum of hashes. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** How many pointers share another's set, their copy cycles collapsed. */
  public long collapsed() {
    return solver.collapsed;
  }

  @Override
  public Stats stats() {
    return stats;
  }
}
