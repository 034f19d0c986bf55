package dev.faultlock.pta;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import dev.faultlock.locks.LockNames;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * Andersen-style, field-sensitive, context-insensitive points-to analysis with the call graph
 * built on the fly, after Tai-e's {@code DefaultSolver}: a worklist of (pointer, new objects)
 * pairs propagated along the pointer flow graph by difference (only the objects a pointer did
 * not have go on), a variable's new objects applied to the field accesses and calls it is the
 * base of, and each new call edge binding arguments, results and the receiver. What runs on
 * which statement is {@link Statements}'; how a call is bound, {@link Calls}'.
 *
 * <p>Copy cycles are collapsed ({@link CopyCycles}): the pointers of one share one set, kept
 * by their representative ({@link Pointers#rep}); the work list holds representatives only, and
 * propagating a representative's new objects runs every member's edges and uses.
 *
 * <p>Exceptions are not modelled: a {@code catch} variable points to nothing.
 */
final class Solver {
  final ProgramIndex index;
  final Heap heap;
  final Pointers pointers = new Pointers();
  final PointerFlowGraph graph = new PointerFlowGraph();
  final Types types;
  final Dispatcher dispatcher;
  final OpenWorld world;
  private final WorkList work = new WorkList();
  private final Map<MethodInfo, IrMethod> irs;
  private final Map<MethodInfo, MethodState> states = new IdentityHashMap<>();
  private final List<MethodState> byId = new ArrayList<>();
  private final ArrayDeque<MethodState> toProcess = new ArrayDeque<>();
  private final Statements statements;
  final Calls calls;
  final JdkModels models;
  final ConstructorStores constructorStores;
  /** Virtual calls of reachable methods, as (method id, statement) pairs. */
  private final List<long[]> virtualCalls = new ArrayList<>();
  /** Per watched pointer, what runs on each new object of it ({@link #watch}). */
  private final Map<Integer, List<IntConsumer>> watchers = new HashMap<>();
  private final BitSet watched = new BitSet();
  /** Methods that run as the body of a thread the program starts. */
  final Set<MethodInfo> threadEntries = new LinkedHashSet<>();
  /** Function objects that carry a bound receiver ({@code this::run}). */
  final BitSet bound = new BitSet();
  /** The pseudo-field of a function object holding its bound receiver. */
  final int boundField;
  long callEdges;
  /** Pointers merged into another's class by cycle elimination. */
  long collapsed;
  private final CopyCycles.Policy collapse;
  /** The edge count at which to look for copy cycles next. */
  private long nextCollapse;
  /**
   * Per representative, the propagation that last sent to it ({@link #stamp}): the members of a
   * collapsed cycle often share successors, and each needs the new objects once.
   */
  private int[] sent = new int[1024];
  private int stamp;

  Solver(ProgramIndex index, Collection<IrMethod> program, CopyCycles.Policy collapse) {
    this.collapse = collapse;
    this.nextCollapse = collapse.first();
    this.index = index;
    this.heap = new Heap(index);
    this.irs = new IdentityHashMap<>();
    for (IrMethod m : program) irs.put(m.method(), m);
    this.types = new Types(index);
    this.dispatcher = new Dispatcher(index);
    this.world = new OpenWorld(program, index);
    this.boundField = pointers.field("$function", "bound");
    pointers.elementFilter(o -> {
      String type = heap.get(o).type();
      return type != null && type.endsWith("[]") ? types.filter(type.substring(0, type.length() - 2)) : -1;
    });
    this.constructorStores = new ConstructorStores(this);
    this.statements = new Statements(this);
    this.calls = new Calls(this);
    this.models = new JdkModels(this);
  }

  /** Solves from the open world's entry points until nothing changes. */
  void solve() {
    for (MethodInfo m : world.entries()) enter(m);
    do {
      drain();
    } while (calls.fallBackOnEmptyReceivers(virtualCalls));
  }

  private void drain() {
    while (!toProcess.isEmpty() || !work.isEmpty()) {
      while (!toProcess.isEmpty()) statements.process(toProcess.poll());
      while (!work.isEmpty()) {
        if (graph.edgeCount() >= nextCollapse) collapseCycles();
        int p = work.poll();
        RoaringBitmap delta = work.take(p);
        if (delta != null) propagate(p, delta);
      }
    }
  }

  /** The id of program field {@code owner.name}, filtered by its declared type. */
  int field(String owner, String name) {
    TypeInfo t = index.type(owner);
    FieldInfo f = t == null ? null : index.field(t, name);
    return pointers.field(owner, name, f == null ? -1 : types.filter(f.type()));
  }

  /** Makes {@code m} reachable with symbolic receiver and parameters (an entry point). */
  void enter(MethodInfo m) {
    MethodState s = reach(m);
    if (s == null) return;
    IrMethod ir = s.ir;
    if (ir.thisVar() != null) {
      Obj self = symbolic(ir.thisVar().type(), OpenWorld.ENTRY);
      addObject(s.pointer(ir.thisVar()), self);
      constructorStores.bind(s, self.id(), ConstructorStores.ownParameters(s));
    }
    for (Var p : ir.params()) {
      if (concerned(p) && p.type() != null) addObject(s.pointer(p), symbolic(p.type(), OpenWorld.ENTRY));
    }
  }

  Obj symbolic(String type, String path) {
    return heap.symbolic(type, path);
  }

  /** The state of {@code m}, made (with its pointers) on first use; {@code null} without IR. */
  MethodState state(MethodInfo m) {
    MethodState s = states.get(m);
    if (s == null) {
      IrMethod ir = irs.get(m);
      if (ir == null) return null;
      s = new MethodState(byId.size(), ir, pointers.block(byId.size(), ir.vars().size()));
      for (Var v : ir.vars()) pointers.setFilter(s.pointer(v), types.filter(v.type()));
      pointers.setFilter(s.returnPointer(), types.filter(m.returnType()));
      byId.add(s);
      states.put(m, s);
    }
    return s;
  }

  /** The state of {@code m} if it has one already. */
  MethodState existing(MethodInfo m) {
    return states.get(m);
  }

  MethodState state(int id) {
    return byId.get(id);
  }

  /** Makes {@code m} reachable; its statements are processed next. {@code null} without IR. */
  MethodState reach(MethodInfo m) {
    MethodState s = state(m);
    if (s != null && !s.reachable) {
      s.reachable = true;
      toProcess.add(s);
    }
    return s;
  }

  void virtualCall(MethodState s, int stmt) {
    virtualCalls.add(new long[] {s.id, stmt});
  }

  static boolean concerned(Var v) {
    return v != null && !Types.isPrimitive(v.type());
  }

  void addObject(int pointer, Obj o) {
    work.add(pointers.rep(pointer), RoaringBitmap.bitmapOf(o.id()));
  }

  void addEdge(int from, int to) {
    if (graph.add(from, to)) {
      int f = pointers.rep(from);
      int t = pointers.rep(to);
      RoaringBitmap pts = pointers.pointsTo(f);
      // A copy: the work list keeps what it is given, and this set grows.
      if (f != t && !pts.isEmpty()) work.add(t, pts.clone());
    }
  }

  void addFilteredEdge(int from, int to, int type) {
    if (graph.addFiltered(from, to, type)) {
      int f = pointers.rep(from);
      int t = pointers.rep(to);
      RoaringBitmap pts = f == t ? Pointers.EMPTY : filter(pointers.pointsTo(f), type);
      if (!pts.isEmpty()) work.add(t, pts);
    }
  }

  private RoaringBitmap filter(RoaringBitmap objects, int type) {
    return RoaringBitmap.and(objects, types.admitted(type, heap));
  }

  /**
   * Adds {@code delta} to representative {@code p}'s set; what is new goes on along the edges
   * and uses of each pointer of its class.
   */
  private void propagate(int p, RoaringBitmap delta) {
    RoaringBitmap diff = minus(delta, pointers.pointsTo(p));
    int type = pointers.filter(p);
    if (type >= 0) diff.and(types.admitted(type, heap));
    if (diff.isEmpty()) return;
    pointers.addAll(p, diff);
    stamp++;
    int m = p;
    do {
      fire(m, p, diff);
      m = pointers.nextMember(m);
    } while (m != p);
  }

  /**
   * {@code delta} less {@code objects}: by a lookup per object of {@code delta} when it is much
   * the smaller (as it mostly is: a pointer's few new objects against all it has), since a
   * difference of two sorted arrays walks both (on java.base a sixth of the solve).
   */
  private static RoaringBitmap minus(RoaringBitmap delta, RoaringBitmap objects) {
    int n = delta.getCardinality();
    if ((long) n * 32 > objects.getCardinality()) return RoaringBitmap.andNot(delta, objects);
    int[] out = new int[n];
    int[] k = {0};
    delta.forEach((int o) -> {
      if (!objects.contains(o)) out[k[0]++] = o;
    });
    return RoaringBitmap.bitmapOf(Arrays.copyOf(out, k[0]));
  }

  /** Sends {@code diff}, new objects of pointer {@code m} (of class {@code rep}), on. */
  private void fire(int m, int rep, RoaringBitmap diff) {
    RoaringBitmap succs = graph.succs(m);
    if (succs != null) succs.forEach((int q) -> send(pointers.rep(q), rep, diff));
    int[] filtered = graph.filtered(m);
    if (filtered != null) {
      for (int i = 0; i < filtered.length && filtered[i] >= 0; i += 2) {
        int t = pointers.rep(filtered[i]);
        if (t == rep) continue;
        RoaringBitmap pass = filter(diff, filtered[i + 1]);
        if (!pass.isEmpty()) work.add(t, pass);
      }
    }
    int method = pointers.methodOf(m);
    if (method >= 0) newObjects(byId.get(method), m, diff);
    if (watched.get(m)) {
      for (IntConsumer w : List.copyOf(watchers.get(m))) diff.forEach(w);
    }
  }

  /** Queues {@code diff} for representative {@code t}, once per {@link #stamp}. */
  private void send(int t, int rep, RoaringBitmap diff) {
    if (t == rep) return;
    if (t >= sent.length) sent = Arrays.copyOf(sent, Math.max(t + 1, sent.length * 2));
    if (sent[t] == stamp) return;
    sent[t] = stamp;
    work.add(t, diff);
  }

  /** Collapses every copy cycle of the graph as it is now; schedules the next pass. */
  private void collapseCycles() {
    for (int[] component : CopyCycles.find(pointers, graph)) collapse(component);
    nextCollapse = collapse.next(graph.edgeCount());
  }

  /**
   * Makes the representatives {@code reps} (a copy cycle) one class with the union of their
   * sets; each pointer is handed the objects its old class lacked, as propagation would have.
   */
  private void collapse(int[] reps) {
    RoaringBitmap[] old = new RoaringBitmap[reps.length];
    int[][] members = new int[reps.length][];
    int r = reps[0];
    for (int i = 0; i < reps.length; i++) {
      old[i] = pointers.pointsTo(reps[i]);
      members[i] = members(reps[i]);
      if (old[i].getLongCardinality() > pointers.pointsTo(r).getLongCardinality()) r = reps[i];
    }
    RoaringBitmap union = RoaringBitmap.or(old);
    List<RoaringBitmap> waiting = new ArrayList<>();
    for (int i = 0; i < reps.length; i++) {
      if (reps[i] == r) continue;
      RoaringBitmap w = work.take(reps[i]);
      if (w != null) waiting.add(w);
      pointers.merge(r, reps[i]);
      collapsed += members[i].length;
    }
    pointers.share(r, union);
    for (RoaringBitmap w : waiting) work.add(r, w);
    for (int i = 0; i < reps.length; i++) {
      RoaringBitmap missing = RoaringBitmap.andNot(union, old[i]);
      if (missing.isEmpty()) continue;
      stamp++;
      for (int m : members[i]) fire(m, r, missing);
    }
  }

  private int[] members(int rep) {
    int n = 0;
    int m = rep;
    do {
      n++;
      m = pointers.nextMember(m);
    } while (m != rep);
    int[] out = new int[n];
    for (int i = 0; i < n; i++, m = pointers.nextMember(m)) out[i] = m;
    return out;
  }

  /**
   * Runs {@code onObject} on every object {@code pointer} has and gets later: how a model
   * reacts to what flows into a library call's argument or an object's abstract field.
   */
  void watch(int pointer, IntConsumer onObject) {
    watchers.computeIfAbsent(pointer, k -> new ArrayList<>(1)).add(onObject);
    watched.set(pointer);
    pointers.pointsTo(pointer).clone().forEach(onObject);
  }

  /** Applies a variable's new objects to the statements that use it as a base or pass it on. */
  void newObjects(MethodState s, int p, RoaringBitmap objects) {
    int var = s.varOf(p);
    if (var < 0) return;
    List<Stmt> stmts = s.ir.stmts();
    for (int i = s.firstBaseUse(var); i >= 0; i = s.nextBaseUse(i)) {
      Stmt st = stmts.get(i);
      if (st instanceof Stmt.Load l) {
        int f = s.baseField(i);
        int to = s.pointer(l.lhs());
        objects.forEach((int o) -> addEdge(pointers.instanceField(o, f), to));
      } else if (st instanceof Stmt.Store w && w.rhs().equals(w.base())) {
        // `x.f = x` (Throwable's field initializer `cause = this`, in every constructor): the
        // one value x has at run time goes into its own field, so each object holds itself, not
        // every object x may be (on java.base that was 89 M facts: every exception the cause
        // of every other).
        int f = s.baseField(i);
        objects.forEach((int o) -> work.add(pointers.rep(pointers.instanceField(o, f)), RoaringBitmap.bitmapOf(o)));
      } else if (st instanceof Stmt.Store w) {
        int f = s.baseField(i);
        int from = s.pointer(w.rhs());
        objects.forEach((int o) -> addEdge(from, pointers.instanceField(o, f)));
      } else if (st instanceof Stmt.ArrayLoad l) {
        int to = s.pointer(l.lhs());
        objects.forEach((int o) -> addEdge(pointers.instanceField(o, Pointers.ELEMENT), to));
      } else if (st instanceof Stmt.ArrayStore w) {
        int from = s.pointer(w.rhs());
        objects.forEach((int o) -> addEdge(from, pointers.instanceField(o, Pointers.ELEMENT)));
      } else if (st instanceof Stmt.Invoke call) {
        int at = i;
        objects.forEach((int o) -> calls.dispatch(s, at, call, heap.get(o)));
      }
    }
    for (int e = s.firstArgumentUse(var); e >= 0; e = s.nextArgumentUse(e)) {
      int i = s.argumentUseStmt(e);
      objects.forEach((int o) -> {
        Obj obj = heap.get(o);
        if (obj.kind() == Obj.Kind.FUNCTION) calls.runByLibrary(s, i, obj);
      });
    }
  }

  /** The result a library call gives: one symbolic object per library method. */
  void libraryResult(MethodState s, Stmt.Invoke call) {
    Var r = call.result();
    if (!concerned(r) || r.type() == null) return;
    String owner = call.site().libraryType() != null ? call.site().libraryType() : call.site().receiverType();
    String path = (owner == null ? "" : LockNames.simple(owner) + ".") + call.site().name() + "()";
    addObject(s.pointer(r), symbolic(r.type(), path));
  }

  /** Every method with IR that became reachable. */
  List<MethodState> reachable() {
    List<MethodState> out = new ArrayList<>();
    for (MethodState s : byId) if (s.reachable) out.add(s);
    return out;
  }

  Set<MethodInfo> methods() {
    return states.keySet();
  }
}
