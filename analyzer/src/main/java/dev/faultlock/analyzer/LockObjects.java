package dev.faultlock.analyzer;

import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.ir.Cfg;
import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.LockOp;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import dev.faultlock.locks.LockNames;
import dev.faultlock.locks.LockRef;
import dev.faultlock.pta.Obj;
import dev.faultlock.pta.PointsToResult;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * Which objects a lock can be, from the points-to solution ({@code --points-to}), for the rules:
 * a lock is the set of objects its expression can point to (SPEC, lock naming).
 *
 * <p><b>How a lock gets its set.</b> The lock facts and summaries name locks by access path in
 * the frame of the method that holds them ({@link LockRef#identity()}: {@code this.lock}, {@code
 * p0}, {@code local:x}, {@code static:T.f}); a callee's lock reaches its caller re-expressed in
 * the caller's terms. So the rules ask for a lock's set where they meet it, in the method whose
 * events they check ({@link #of}): the path is evaluated there, its root as that method's
 * variable and each step as a field of the objects so far. This is the caller-side set the
 * re-expression gives for free, and it matters: the solver is context-insensitive, so a callee's
 * {@code this} is every receiver of every caller, while {@code conn} in the caller is the one
 * connection it holds. Where the path cannot be evaluated (an expression the naming could not
 * name, {@code stripes[i]}, {@code map.get(k)}, a lock re-expressed to nothing, a lookup call),
 * the set is that of the lock variable at the acquisition statement the witness ends at, in the
 * acquiring method: coarser, still the objects the statement locks. Nothing is carried on
 * {@link LockRef} or in the summaries: they are unchanged, and so is every run without
 * points-to.
 *
 * <p><b>What a set decides.</b> A set with a symbolic object (an entry point's parameter, a
 * library's result: any object of its type) may be any object, so it never proves two locks
 * apart ({@link #disjoint}); only the program's own objects are used to join locks ({@link
 * #concrete}). One lock is provably one run-time object ({@link #one}) when its set is a single
 * object that exists once: a class literal, the one value of a static field no code assigns (a
 * static-final singleton), an allocation in {@code main} outside any loop.
 *
 * <p><b>Owned locks.</b> The solver is context-insensitive, so the lock a constructor makes for
 * its own object ({@code this.rwlock = new ReentrantReadWriteLock()}) is one abstract object for
 * every instance, and {@code a.rwlock} and {@code b.rwlock} always meet. Such a field is
 * <em>owned</em>: every store into a field of that name is a constructor storing, into its own
 * {@code this}, an object it has just created. Then the lock is one-to-one with the object
 * holding it, and a path ending in an owned field is evaluated to pairs (holder object, field),
 * interned as ids above the solver's objects: {@code entry.ch.rwlock} and {@code this.ch.rwlock}
 * are apart when the two channels are (jdk.zipfs, docs/evaluation.md). Compared with a set of
 * plain objects (a lock only the acquisition statement names), pairs stand for the objects the
 * field holds ({@link #plain}).
 */
final class LockObjects {
  private static final String OUTER = "outer:";

  /** Above this many of the program's objects a lock joins no other by its objects. */
  private static final int MAX_CONCRETE = 8;

  private final PointsToResult pta;
  private final Map<MethodInfo, IrMethod> irs = new HashMap<>();
  /** Per method, the sets of the paths asked for so far ({@link #evaluated}). */
  private final Map<IrMethod, Map<String, RoaringBitmap>> paths = new HashMap<>();
  /** Per acquisition statement's place, the objects its lock variable may be. */
  private final Map<Location, RoaringBitmap> sites = new HashMap<>();
  /** Static fields as symbolic objects name them ({@code Simple.field}). */
  private final Set<String> staticFields = new HashSet<>();
  private final Map<Integer, Boolean> once = new HashMap<>();
  /** Field names every store into which is a constructor's fresh object into its own {@code this}. */
  private final Set<String> owned = new HashSet<>();
  /**
   * Back slots, by declaring class and field ({@code a.b.Op.request}): every store into the field
   * is an object storing an inner object it has just made ({@code request = new
   * ParallelReadRequest()}); the objects stored.
   */
  private final Map<String, RoaringBitmap> backSlots = new HashMap<>();
  /** Interned (holder object, owned field) pairs: the holder and the field, by pair id less {@link #pairBase}. */
  private final List<int[]> pairs = new ArrayList<>();
  private final List<String> pairFields = new ArrayList<>();
  private final Map<String, Integer> pairIds = new HashMap<>();
  /** Ids from here on are pairs; the solver's objects are below. */
  private final int pairBase;

  LockObjects(PointsToResult pta, List<IrMethod> program, ProgramIndex index) {
    this.pta = pta;
    this.pairBase = pta.stats().objects();
    Set<String> notOwned = new HashSet<>();
    Set<String> notBackSlots = new HashSet<>();
    for (IrMethod m : program) {
      irs.put(m.method(), m);
      if (pta.isReachable(m.method())) sites(m);
      ownership(m, index, notOwned, notBackSlots);
    }
    owned.removeAll(notOwned);
    backSlots.keySet().removeAll(notBackSlots);
    for (TypeInfo t : index.types()) {
      for (FieldInfo f : t.fields().values()) {
        if (f.isStatic()) staticFields.add(LockNames.simple(t.fqn()) + '.' + f.name());
      }
    }
  }

  private void sites(IrMethod m) {
    String file = m.method().owner().file().shown();
    if (m.method().isSynchronized() && m.thisVar() != null) {
      site(new Location(file, m.method().line(), 0), m, m.thisVar());
    }
    for (Stmt s : m.stmts()) {
      int line = s.line() > 0 ? s.line() : m.method().line();
      if (s instanceof Stmt.MonitorEnter e) {
        site(new Location(file, line, 0), m, e.lock());
      } else if (s instanceof Stmt.Invoke call && call.site().lockApi() && call.receiver() != null
          && call.site().ops().stream().anyMatch(op -> op instanceof LockOp.Acquire)) {
        site(new Location(file, line, 0), m, call.receiver());
      }
    }
  }

  /**
   * Sorts the fields {@code m} stores into into {@link #owned} and {@link #backSlots} candidates,
   * and those that are not.
   */
  private void ownership(IrMethod m, ProgramIndex index, Set<String> notOwned, Set<String> notBackSlots) {
    Map<Var, Integer> defs = new HashMap<>();
    Map<Var, String> made = new HashMap<>();
    for (Stmt s : m.stmts()) {
      Var d = Stmt.defined(s);
      if (d == null) continue;
      defs.merge(d, 1, Integer::sum);
      if (s instanceof Stmt.New n) made.put(d, n.type());
    }
    for (Stmt s : m.stmts()) {
      if (!(s instanceof Stmt.Store st)) continue;
      boolean fresh = st.base().equals(m.thisVar()) && made.containsKey(st.rhs()) && defs.get(st.rhs()) == 1;
      (fresh && m.method().isConstructor() ? owned : notOwned).add(st.field());
      TypeInfo inner = fresh ? index.type(made.get(st.rhs())) : null;
      if (inner != null && inner.outer() == m.method().owner()) {
        backSlots.computeIfAbsent(st.owner() + '.' + st.field(), k -> new RoaringBitmap())
            .or(pta.pointsTo(m, st.rhs()));
      } else {
        notBackSlots.add(st.owner() + '.' + st.field());
      }
    }
  }

  private void site(Location at, IrMethod m, Var lock) {
    RoaringBitmap pts = pta.pointsTo(m, lock);
    if (!pts.isEmpty()) sites.computeIfAbsent(at, k -> new RoaringBitmap()).or(pts);
  }

  /**
   * The objects {@code lock} may be in {@code frame}, the method whose event names it; {@code
   * how} is its witness, ending at the acquisition. {@code null} when unknown.
   */
  RoaringBitmap of(MethodInfo frame, LockRef lock, List<TraceStep> how) {
    RoaringBitmap path = frame == null ? null : evaluated(irs.get(frame), lock.identity());
    if (path != null && !path.isEmpty()) return path;
    if (how.isEmpty()) return null;
    return sites.get(how.get(how.size() - 1).location());
  }

  /** {@link #evaluate}, once per method and path: the rules ask again for every held lock. */
  private RoaringBitmap evaluated(IrMethod m, String id) {
    if (m == null) return null;
    Map<String, RoaringBitmap> known = paths.computeIfAbsent(m, k -> new HashMap<>());
    if (known.containsKey(id)) return known.get(id);
    RoaringBitmap out = evaluate(m, id);
    known.put(id, out);
    return out;
  }

  /**
   * The sets of a held and an acquired lock of {@code frame}, paired by the receiver object they
   * are reached from: with both paths rooted at {@code this} ({@code this.first}, {@code
   * this.second}), each of {@code this}'s objects gives the objects of its own two fields, so
   * two threads of one class, each handed its own pair, order their own pairs, not every first
   * with every second (the solver keeps one set per field of a class's objects made at one site,
   * but two sites make two objects). Otherwise, or where a receiver's own paths come to nothing,
   * the one pair {@code (held, acquired)}.
   */
  List<RoaringBitmap[]> byReceiver(
      MethodInfo frame, LockRef heldLock, LockRef acquiredLock, RoaringBitmap held, RoaringBitmap acquired) {
    List<RoaringBitmap[]> whole = List.<RoaringBitmap[]>of(new RoaringBitmap[] {held, acquired});
    IrMethod m = irs.get(frame);
    String h = heldLock.identity();
    String a = acquiredLock.identity();
    if (m == null || m.thisVar() == null || !h.startsWith("this.") || !a.startsWith("this.")) return whole;
    RoaringBitmap receivers = pta.pointsTo(m, m.thisVar());
    if (receivers.getCardinality() < 2 || receivers.getCardinality() > MAX_CONCRETE) return whole;
    List<RoaringBitmap[]> out = new ArrayList<>();
    for (int r : receivers) {
      RoaringBitmap own = RoaringBitmap.bitmapOf(r);
      RoaringBitmap ownHeld = evaluate(m, h, own);
      RoaringBitmap ownAcquired = evaluate(m, a, own);
      if (ownHeld == null || ownAcquired == null) return whole;
      if (!ownHeld.isEmpty() && !ownAcquired.isEmpty()) out.add(new RoaringBitmap[] {ownHeld, ownAcquired});
    }
    return out.isEmpty() ? whole : out;
  }

  /** The set of path {@code id} in {@code m}, or {@code null} when it is not a plain path. */
  private RoaringBitmap evaluate(IrMethod m, String id) {
    return evaluate(m, id, null);
  }

  /**
   * {@link #evaluate(IrMethod, String)}, with {@code this} taken to be {@code receivers} when
   * they are given.
   */
  private RoaringBitmap evaluate(IrMethod m, String id, RoaringBitmap receivers) {
    if (m == null || id.equals(LockRef.UNKNOWN) || id.indexOf('(') >= 0) return null;
    if (id.startsWith("static:")) {
      String f = id.substring("static:".length());
      int dot = f.lastIndexOf('.');
      return dot < 0 ? null : pta.staticPointsTo(f.substring(0, dot), f.substring(dot + 1));
    }
    if (id.indexOf(':') >= 0 && LockRef.localName(id) == null && !id.startsWith(OUTER)) return null;
    String[] segments = id.split("\\.");
    RoaringBitmap objects = receivers != null && segments[0].equals("this") ? receivers : root(m, segments[0]);
    int last = segments.length - 1;
    for (int i = 1; objects != null && i < last; i++) {
      objects = pta.fieldPointsTo(objects, segments[i]);
    }
    if (objects == null || last == 0) return objects;
    String field = segments[last];
    if (!owned.contains(field)) return pta.fieldPointsTo(objects, field);
    RoaringBitmap out = new RoaringBitmap();
    for (int holder : objects) {
      if (!pta.fieldPointsTo(RoaringBitmap.bitmapOf(holder), field).isEmpty()) out.add(pair(holder, field));
    }
    return out;
  }

  private int pair(int holder, String field) {
    return pairIds.computeIfAbsent(holder + "." + field, k -> {
      pairs.add(new int[] {holder});
      pairFields.add(field);
      return pairBase + pairs.size() - 1;
    });
  }

  private boolean isPair(int id) {
    return id >= pairBase;
  }

  private int holder(int pair) {
    return pairs.get(pair - pairBase)[0];
  }

  /** {@code set} with every pair replaced by the objects its field holds: the solver's objects. */
  private RoaringBitmap plain(RoaringBitmap set) {
    if (set.last() < pairBase) return set;
    RoaringBitmap out = new RoaringBitmap();
    for (int id : set) {
      if (!isPair(id)) out.add(id);
      else out.or(pta.fieldPointsTo(RoaringBitmap.bitmapOf(holder(id)), pairFields.get(id - pairBase)));
    }
    return out;
  }

  private RoaringBitmap root(IrMethod m, String root) {
    if (root.equals("this")) return m.thisVar() == null ? null : pta.pointsTo(m, m.thisVar());
    if (root.startsWith(OUTER)) return enclosing(m, root.substring(OUTER.length()).replace('/', '.'));
    String name = LockRef.localName(root);
    if (name != null) {
      RoaringBitmap out = new RoaringBitmap();
      for (Var v : m.vars()) if (v.name().equals(name)) out.or(pta.pointsTo(m, v));
      return out;
    }
    if (root.length() > 1 && root.charAt(0) == 'p' && root.substring(1).chars().allMatch(Character::isDigit)) {
      int i = Integer.parseInt(root.substring(1));
      return i < m.params().size() ? pta.pointsTo(m, m.params().get(i)) : null;
    }
    return null;
  }

  /**
   * The objects of {@code m}'s enclosing instance of class {@code type}: its receiver's {@code
   * this$0}, as often as the classes nest; {@code null} when {@code type} does not enclose it.
   */
  private RoaringBitmap enclosing(IrMethod m, String type) {
    if (m.thisVar() == null) return null;
    RoaringBitmap objects = pta.pointsTo(m, m.thisVar());
    for (TypeInfo t = m.method().owner(); t.outer() != null; t = t.outer()) {
      objects = pta.fieldPointsTo(objects, PointsToResult.ENCLOSING_INSTANCE);
      if (t.outer().fqn().equals(type)) return objects;
    }
    return null;
  }

  /** Whether the two locks are shown to be different objects: both known, the program's own, apart. */
  boolean disjoint(RoaringBitmap a, RoaringBitmap b) {
    if (a == null || b == null || a.isEmpty() || b.isEmpty() || symbolic(a) || symbolic(b)) return false;
    return !meet(a, b);
  }

  /**
   * Whether {@code a} and {@code b} may be one object: their sets share one (a symbolic object
   * counting as itself).
   */
  boolean meet(RoaringBitmap a, RoaringBitmap b) {
    if (a == null || b == null || a.isEmpty() || b.isEmpty()) return false;
    // Pairs meet pairs by holder; a set with plain objects, by the objects the pairs' fields hold.
    boolean pairs = a.first() >= pairBase && b.first() >= pairBase;
    return pairs ? RoaringBitmap.intersects(a, b) : RoaringBitmap.intersects(plain(a), plain(b));
  }

  /**
   * Whether {@code lock} is an owned field of an object its method makes and keeps in a local
   * ({@code new:sbc.rwlock}): the lock that object's constructor made for it, which no other
   * thread has until a call publishes the object (jdk.zipfs's {@code newByteChannel} writing to
   * the channel it makes).
   */
  boolean ownedByFresh(LockRef lock) {
    String id = lock.identity();
    int dot = id.indexOf('.');
    return id.startsWith(LockRef.FRESH) && dot > 0 && id.indexOf('.', dot + 1) < 0
        && id.indexOf('(') < 0 && owned.contains(id.substring(dot + 1));
  }

  /**
   * Whether {@code lock}, taken in {@code frame}, is {@code frame}'s own receiver reached back
   * through its enclosing instance: {@code outer:O.f} of a back slot {@code f} ({@link
   * #backSlots}), where {@code this} can only be one of the inner objects stored there. Bookkeeper's
   * read request, under its own monitor, fails itself, and the operation that made it then locks
   * its {@code request}: that request. Presumed, as for {@link #owned}: a slot filled twice leaves
   * the first object pointing to the second.
   */
  boolean backToThis(MethodInfo frame, LockRef lock) {
    String id = lock.identity();
    if (!id.startsWith(OUTER) || id.indexOf('(') >= 0) return false;
    int dot = id.indexOf('.');
    if (dot < 0 || id.indexOf('.', dot + 1) >= 0) return false;
    RoaringBitmap stored = backSlots.get(id.substring(OUTER.length()).replace('/', '.'));
    IrMethod m = irs.get(frame);
    if (stored == null || m == null || m.thisVar() == null) return false;
    RoaringBitmap self = pta.pointsTo(m, m.thisVar());
    return !self.isEmpty() && stored.contains(self);
  }

  /** Whether {@code a} and {@code b} are provably one and the same run-time object. */
  boolean one(RoaringBitmap a, RoaringBitmap b) {
    if (a == null || b == null) return false;
    RoaringBitmap both = RoaringBitmap.or(a, b);
    return both.getCardinality() == 1 && existsOnce(both.first());
  }

  /**
   * The program's own objects of {@code set} a lock may be joined by: empty for a set that may be
   * any object (a symbolic one) or is too wide to tell one lock from another.
   */
  RoaringBitmap concrete(RoaringBitmap set) {
    if (set == null || symbolic(set) || set.getCardinality() > MAX_CONCRETE) return new RoaringBitmap();
    RoaringBitmap out = new RoaringBitmap();
    // All string literals are one object: it joins nothing.
    set.forEach((int o) -> {
      if (isPair(o) || !"java.lang.String".equals(pta.object(o).type())) out.add(o);
    });
    return out;
  }

  String describe(int object) {
    return isPair(object)
        ? pta.object(holder(object)) + "." + pairFields.get(object - pairBase)
        : pta.object(object).toString();
  }

  private boolean symbolic(RoaringBitmap set) {
    for (int o : set) if (pta.object(isPair(o) ? holder(o) : o).isSymbolic()) return true;
    return false;
  }

  private boolean existsOnce(int id) {
    if (isPair(id)) return existsOnce(holder(id));
    return once.computeIfAbsent(id, k -> {
      Obj o = pta.object(k);
      return switch (o.kind()) {
        case CONSTANT -> true;
        case SYMBOLIC -> staticFields.contains(o.path());
        case NEW -> o.method() != null && isMain(o.method()) && !inLoop(irs.get(o.method()), o.line());
        default -> false;
      };
    });
  }

  private static boolean isMain(MethodInfo m) {
    return m.isStatic() && m.name().equals("main") && m.arity() == 1;
  }

  /** Whether an allocation on {@code line} of {@code m} lies on a cycle of its CFG. */
  private static boolean inLoop(IrMethod m, int line) {
    if (m == null) return true;
    Cfg cfg = m.cfg();
    for (int i = 0; i < cfg.size(); i++) {
      if (cfg.stmt(i) instanceof Stmt.New && cfg.stmt(i).line() == line && reaches(cfg, i)) return true;
    }
    return false;
  }

  private static boolean reaches(Cfg cfg, int start) {
    boolean[] seen = new boolean[cfg.size()];
    java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
    for (int s : cfg.succs(start)) work.add(s);
    while (!work.isEmpty()) {
      int i = work.poll();
      if (i == start) return true;
      if (seen[i]) continue;
      seen[i] = true;
      for (int s : cfg.succs(i)) work.add(s);
    }
    return false;
  }
}
