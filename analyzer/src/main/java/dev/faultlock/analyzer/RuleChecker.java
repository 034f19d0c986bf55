package dev.faultlock.analyzer;

import dev.faultlock.catalog.LockApi;
import dev.faultlock.catalog.Messages;
import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import dev.faultlock.faults.AlienCalls;
import dev.faultlock.faults.FaultHandlers;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Fingerprints;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.TraceSection;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.locks.Held;
import dev.faultlock.locks.LinkWalk;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.LockRef;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.locks.Witness;
import dev.faultlock.source.Annotations;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import dev.faultlock.summary.Effects;
import dev.faultlock.summary.LibrarySummaries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.HawickJamesSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.roaringbitmap.RoaringBitmap;

/**
 * Applies the five rules to the facts and summaries: every nested acquisition (direct, through a
 * call, through a fault) is checked against the held locks, adds an edge to the lock-order graph,
 * and the graph's elementary cycles become {@code LockOrderInversion} findings.
 */
final class RuleChecker {
  /**
   * At most this many cycles are enumerated, and {@link #MAX_CYCLES_REPORTED} reported (those
   * with every edge sure first, then the shortest).
   */
  private static final int MAX_CYCLES_SEEN = 2_000;

  /**
   * Cycles through more lock classes than this are not searched: nobody reviews an eight-way
   * deadlock, and bounding the length is what keeps the search linear in the graph on programs
   * the size of the JDK, whose lock graphs have thousands of classes.
   */
  private static final int MAX_CYCLE_LENGTH = 6;

  private static final int MAX_CYCLES_REPORTED = 50;

  private final ProgramIndex index;
  private final Map<MethodInfo, Effects> effects;
  private final FaultHandlers handlers;
  private final AlienCalls aliens;
  private final LibrarySummaries library;
  private final DeclaredOrders orders;
  private final Map<String, Finding> findings = new LinkedHashMap<>();
  private final Map<String, EdgeInfo> edges = new LinkedHashMap<>();
  /** Each finding's edges, by fingerprint, for the report's picture of it. */
  private final Map<String, List<LockGraph.Edge>> findingEdges = new LinkedHashMap<>();
  /** With {@code --points-to}, the objects locks can be; otherwise {@code null}. */
  private final LockObjects objects;
  /** With {@code --points-to}, the lock-order edges between the program's own lock objects. */
  private final ObjectCycles objectCycles;
  /** The locks every caller of a method holds ({@link CallerLocks}), once {@link #check} starts. */
  private CallerLocks callerLocks;
  /** Per place of a fault or alien call, the lock classes its handlers take ({@link #lowerLeafWarnings}). */
  private final Map<Location, Set<String>> handlerLocks = new HashMap<>();
  /** Which witnesses can run ({@link ThisChains}). */
  private final ThisChains thisChains;

  /** An edge of the named graph ({@link OrderEdge}; explained: see {@link #alienCall}). */
  private static final class EdgeInfo extends OrderEdge {
    /**
     * With {@code --points-to}, the objects the edge's held and acquired locks can be, over
     * every occurrence; {@code null} once one occurrence's are unknown.
     */
    RoaringBitmap fromObjects = new RoaringBitmap();
    RoaringBitmap toObjects = new RoaringBitmap();

    EdgeInfo(String from, String to) {
      super(from, to);
    }
  }

  /** {@code objects}: with {@code --points-to}, the objects locks can be ({@link LockObjects}); else {@code null}. */
  RuleChecker(
      ProgramIndex index,
      Map<MethodInfo, Effects> effects,
      FaultHandlers handlers,
      AlienCalls aliens,
      LibrarySummaries library,
      DeclaredOrders orders,
      ThisChains thisChains,
      LockObjects objects) {
    this.thisChains = thisChains;
    this.objects = objects;
    this.objectCycles = objects == null ? null : new ObjectCycles(objects);
    this.index = index;
    this.effects = effects;
    this.handlers = handlers;
    this.aliens = aliens;
    this.library = library;
    this.orders = orders;
  }

  /**
   * What the rules say about {@code facts}: findings in (file, line, rule) order, and the graph;
   * {@code progress} is told how many methods are checked.
   */
  Result check(List<MethodFacts> facts, AnalyzerOptions.Progress progress) {
    declarationMisuses();
    callerLocks = CallerLocks.of(facts, index);
    int done = 0;
    for (MethodFacts f : facts) {
      progress.update("checking", done++, facts.size());
      for (MethodFacts.Misuse m : f.misuses()) {
        misuse(f.method(), m.at(), m.annotation(), m.problem());
      }
      for (LockEvent e : f.events()) event(f, e);
    }
    progress.update("checking", facts.size(), facts.size());
    LockGraph graph = cycles();
    lowerLeafWarnings();
    List<Finding> out = new ArrayList<>(findings.values());
    out.sort(
        Comparator.comparing(Finding::location)
            .thenComparing(x -> x.rule().id())
            .thenComparing(Finding::message));
    return new Result(out, graph);
  }

  record Result(List<Finding> findings, LockGraph lockGraph) {}

  private void event(MethodFacts f, LockEvent e) {
    if (e.held().isEmpty()) return;
    if (e instanceof LockEvent.Acquire a) {
      for (Held h : a.held()) {
        nested(f, a.at(), h, a.lock(), a.blocking(), Witness.steps(a.step()), false, a.held(), a.covered());
      }
    } else if (e instanceof LockEvent.Call c) {
      TraceStep call = new TraceStep(c.at(), "calls `" + c.callee() + "`");
      // What goes through an alien call is this rule's (alienCall), not the plain rules'.
      List<AlienCalls.Reach> alien = aliens.at(f.method(), c);
      Set<TraceStep> alienSteps = AlienCalls.plainSteps(alien);
      Effects mine = effects.get(f.method());
      for (MethodInfo t : c.targets()) {
        Effects te = effects.get(t);
        if (te != null && !t.annotations().has(LockApi.FAULT_HANDLER)) {
          Confidence dispatch = FindingConfidence.ofCall(c, t);
          // Into a large recursive component only a sure call sees what the member does, and
          // from another member as an unsure step (SummaryComputer#large).
          boolean member = te.sameLargeComponent(mine);
          te = te.seenThrough(dispatch);
          TraceStep into = call.atMost(member ? Confidence.LOW : dispatch);
          through(f, c, t, into, te, t.annotations().value(LockApi.SORTED_ACQUIRE) != null,
              alienSteps);
        }
      }
      if (c.libraryType() != null) {
        for (Effects te : library.effects(c.libraryType(), c.name(), c.argc())) {
          through(f, c, null, call, te, false, alienSteps);
        }
      }
      if (!alien.isEmpty()) alienCall(f, c, alien);
    } else if (e instanceof LockEvent.Fault fault) {
      if (f.method().annotations().has(LockApi.FAULTS_DISABLED)) return;
      List<TraceStep> path = List.of(new TraceStep(fault.at(), fault.what()));
      faults(f, fault.at(), fault.callee(), fault.domain(), path, fault.held(), fault.covered());
    }
  }

  /**
   * What {@code target} (a library method when {@code null}), whose effects are {@code te}, does
   * at {@code c}, less the acquisitions made through {@code alienSteps} (all of them when
   * {@code c} is itself one of those alien calls).
   */
  private void through(
      MethodFacts f, LockEvent.Call c, MethodInfo target, TraceStep call, Effects te,
      boolean sortedCallee, Set<TraceStep> alienSteps) {
    for (Effects.Acquire a : te.acquires()) {
      // Known only from a large component's shared summary: see SummaryComputer.
      if (a.approximate() || c.createsTheObjectOf(target, a.lock())) continue;
      if (!alienSteps.isEmpty()
          && (alienSteps.contains(call) || AlienCalls.through(a.witness(), alienSteps))) {
        continue;
      }
      LockRef mine = target == null ? a.lock().asSeenBy(c.context())
          : a.lock().asSeenBy(c.contextOf(target), target, f.method());
      List<TraceStep> path = new ArrayList<>();
      path.add(call);
      path.addAll(asCallerNames(Witness.steps(a.witness()), a.lock(), mine));
      if (!thisChains.feasible(f.method(), path)) continue;
      for (Held h : c.held()) {
        List<TraceStep> p = walksALink(f.method(), c, target, h, a) ? FindingConfidence.doubtful(path) : path;
        nested(f, c.at(), h, mine, true, p, sortedCallee, c.held(), c.covered());
      }
    }
    if (f.method().annotations().has(LockApi.FAULTS_DISABLED)) return;
    for (Effects.Fault fault : te.faults()) {
      Set<String> covered = new HashSet<>(c.covered());
      covered.addAll(fault.covered());
      List<TraceStep> path = new ArrayList<>();
      path.add(call);
      path.addAll(Witness.steps(fault.witness()));
      if (thisChains.feasible(f.method(), path)) {
        faults(f, c.at(), c.callee(), fault.domain(), path, c.held(), covered);
      }
    }
  }

  /**
   * Whether {@code c}, in {@code m}, walks a link ({@link LinkWalk}) and takes there the lock
   * {@code h} is here, by the same path from the receiver ({@code this}, {@code
   * this.parentReaders}).
   */
  private static boolean walksALink(
      MethodInfo m, LockEvent.Call c, MethodInfo target, Held h, Effects.Acquire a) {
    String id = a.lock().identity();
    return LinkWalk.along(m, c.contextOf(target), target, id) && id.equals(h.lock().identity());
  }

  /** A lock {@code acquired} taken while {@code h} is held, at {@code at} in {@code f}'s method. */
  private void nested(
      MethodFacts f,
      Location at,
      Held h,
      LockRef acquired,
      boolean blocking,
      List<TraceStep> path,
      boolean sortedCallee,
      List<Held> held,
      Set<String> covered) {
    // Taking an object the thread already holds (under any of its held locks' names) is
    // re-entry: it waits for nothing, so it orders nothing, not even after the other held locks.
    if (!blocking || acquired.sameObjectAsAny(held)) return;
    MethodInfo m = f.method();
    // Its own receiver, reached back through the object that made it: re-entry if it is held.
    if (objects != null && objects.backToThis(m, acquired) && holdsThis(held)) return;
    String cls = acquired.lockClass();
    List<TraceStep> trace = FindingConfidence.acquiring(
        held(m, h, concat(Witness.steps(h.how()), path)), path.size() - 1 + Witness.length(h.how()),
        m, acquired);
    // The lock a made object's constructor made for it is as uncontended as its monitor (ofLock).
    if (objects != null && objects.ownedByFresh(acquired)) trace = FindingConfidence.doubtful(trace);
    RoaringBitmap heldObjects = objects == null ? null : objects.of(m, h.lock(), Witness.steps(h.how()));
    RoaringBitmap acquiredObjects = objects == null ? null : objects.of(m, acquired, path);
    // Provably the one object already held, however differently named: re-entry. Or maybe it,
    // under a name that cannot tell it apart from it: presumed re-entry, as for one class below.
    if (objects != null && (objects.one(heldObjects, acquiredObjects)
        || mayReenter(m, acquired, acquiredObjects, held))) {
      return;
    }
    if (h.lock().lockClass().equals(cls)) {
      if (covered.contains(cls) || sortedCallee || f.orderingGuard()
          || cls.equals(m.annotations().value(LockApi.SORTED_ACQUIRE))
          || isSortedPseudoLock(h)) {
        return;
      }
      if (!mayBeTwoObjects(h.lock(), acquired)) {
        // Names that cannot tell two objects (`stripes[i]`, `map.get(k)`): where points-to
        // shows two, they are ordered as two, for the object graph alone.
        if (objects != null && objects.disjoint(heldObjects, acquiredObjects)) {
          objectCycles.edge(m, h.lock().lockClass(), cls, objects.concrete(heldObjects),
              objects.concrete(acquiredObjects), trace, gates(m, held, cls, cls), at, false);
        }
        return;
      }
      // A node reached by walking links from the one held (a path walk, root down): in the
      // links' order, as walksALink's recursion; doubtful, not sure.
      List<TraceStep> shown = acquired.isWalked() ? FindingConfidence.doubtful(trace) : trace;
      report(m, Rule.UNSORTED_SAME_CLASS_LOCKS, Rule.UNSORTED_SAME_CLASS_LOCKS.severity(), at,
          Messages.unsortedSameClassLocks(cls, h.lock().text(), acquired.text()), shown,
          List.of(cls), at + "|" + cls,
          List.of(new LockGraph.Edge(cls, cls, shown, LockGraph.Kind.ORDER, "in no order")));
      return;
    }
    edge(m, h.lock(), acquired, trace, held, at, false, heldObjects, acquiredObjects);
  }

  private static boolean holdsThis(List<Held> held) {
    for (Held h : held) if (h.lock().identity().equals("this")) return true;
    return false;
  }

  /**
   * Whether {@code acquired}, whose objects are {@code acquiredObjects}, may be a lock of {@code
   * held} taken again: one of its class its name cannot tell apart from ({@link
   * #mayBeTwoObjects}: a lambda's captured {@code this}, a lock the naming lost), and that may
   * be one of the objects that held lock can be. Lucene's {@code tryModifyDocument} holds its
   * writer, then the updates stream, then runs a lambda that calls the writer's {@code
   * synchronized changed()}: the writer it already holds, not an edge from the stream to
   * another writer.
   */
  private boolean mayReenter(
      MethodInfo m, LockRef acquired, RoaringBitmap acquiredObjects, List<Held> held) {
    if (acquiredObjects == null || acquiredObjects.isEmpty()) return false;
    for (Held h : held) {
      if (!h.lock().lockClass().equals(acquired.lockClass()) || mayBeTwoObjects(h.lock(), acquired)) {
        continue;
      }
      if (objects.meet(objects.of(m, h.lock(), Witness.steps(h.how())), acquiredObjects)) return true;
    }
    return false;
  }

  /**
   * A fault of {@code domain} at {@code at}, with {@code held} locks held: one finding per copy,
   * as for an alien call. An error when a handler takes a lock of a held lock's class (the first
   * such), else a warning naming the first other class; every other pair of a held lock and a
   * class the handlers take is an edge of that finding, not a finding of its own (a copy under
   * two locks whose handlers take five lock classes is one bug, not ten).
   */
  private void faults(
      MethodFacts f,
      Location at,
      String faultingCall,
      String domain,
      List<TraceStep> path,
      List<Held> held,
      Set<String> covered) {
    MethodInfo m = f.method();
    HandlerLock shown = null;
    for (Held h : held) {
      if (isSortedPseudoLock(h)) continue;
      RoaringBitmap heldObjects =
          objects == null ? null : objects.of(m, h.lock(), Witness.steps(h.how()));
      for (FaultHandlers.Handler handler : handlers.matching(domain)) {
        for (Effects.Acquire a : handler.effects().acquires()) {
          String cls = a.lock().lockClass();
          if (covered.contains(cls)) continue;
          handlerLocks.computeIfAbsent(at, k -> new HashSet<>()).add(cls);
          RoaringBitmap handlerObjects =
              objects == null ? null : objects.of(null, a.lock(), Witness.steps(a.witness()));
          // The handler takes the very object held (one instance): re-entry, no second lock.
          if (objects != null && objects.one(heldObjects, handlerObjects)) continue;
          List<TraceStep> tail = new ArrayList<>(path);
          tail.add(new TraceStep(handler.at(), "faults -> `" + handler.display() + "`"));
          tail.addAll(Witness.steps(a.witness()));
          HandlerLock c = new HandlerLock(h, handler, a,
              held(m, h, concat(Witness.steps(h.how()), tail)), h.lock().lockClass().equals(cls));
          if (shown == null || (c.same() && !shown.same())) shown = c;
          if (!c.same()) {
            edge(m, h.lock(), a.lock(), c.trace(), held, at, false, heldObjects, handlerObjects);
          }
        }
      }
    }
    if (shown == null) return;
    LockRef heldLock = shown.held().lock();
    LockRef taken = shown.lock().lock();
    String message = Messages.faultUnderLock(faultingCall, heldLock.text(), heldLock.lockClass(),
        shown.handler().display(), taken.text(), taken.lockClass());
    report(m, Rule.FAULT_UNDER_LOCK, shown.same() ? Severity.ERROR : Severity.WARNING, at,
        message, shown.trace(), List.of(heldLock.lockClass(), taken.lockClass()), at.toString(),
        List.of(new LockGraph.Edge(heldLock.lockClass(), taken.lockClass(), shown.trace(),
            LockGraph.Kind.FAULT, "fault -> " + shown.handler().display())));
  }

  /** A lock a fault handler takes during a copy, with the copy's witness to it. */
  private record HandlerLock(
      Held held, FaultHandlers.Handler handler, Effects.Acquire lock, List<TraceStep> trace,
      boolean same) {}

  /**
   * The alien calls {@code c} leads to ({@link AlienCalls}), under the locks held at {@code c}:
   * one finding per call (a callee that writes to it in two loops is one bug, and a call that is
   * also a {@code @MayFault} copy is reported once, by whichever rule sees it first), the first
   * of {@link AlienCalls#faults}. An error when a
   * handler takes a lock of a held lock's class, and then the other classes its handlers take
   * are edges of that error, not findings of their own (nor cycles: see {@link EdgeInfo}); else
   * a warning that adds the edges, as for a {@code @MayFault} copy.
   */
  private void alienCall(MethodFacts f, LockEvent.Call c, List<AlienCalls.Reach> reaches) {
    MethodInfo m = f.method();
    for (AlienCalls.Reach r : reaches) {
      List<AlienCalls.Fault> found = aliens.faults(f, c, r, effects);
      if (found.isEmpty()) continue;
      AlienCalls.Fault shown = found.get(0);
      Held h = shown.held();
      String cls = shown.acquire().lock().lockClass();
      List<TraceStep> trace = held(m, h, shown.trace());
      String message = Messages.alienCallUnderLock(r.site().callee(),
          m.parameterNames().get(r.parameter()), r.site().typeName(), h.lock().text(),
          h.lock().lockClass(), shown.handler().display(), shown.acquire().lock().text(), cls);
      report(m, Rule.FAULT_UNDER_LOCK, shown.sameClass() ? Severity.ERROR : Severity.WARNING,
          c.at(), message, trace, List.of(h.lock().lockClass(), cls),
          c.at().toString(),
          List.of(new LockGraph.Edge(h.lock().lockClass(), cls, trace, LockGraph.Kind.FAULT,
              "alien call -> " + shown.handler().display())));
      for (AlienCalls.Fault x : found) {
        handlerLocks.computeIfAbsent(c.at(), k -> new HashSet<>()).add(x.acquire().lock().lockClass());
        if (!x.sameClass()) {
          edge(m, x.held().lock(), x.acquire().lock(), held(m, x.held(), x.trace()), c.held(),
              c.at(), shown.sameClass(), null, null);
        }
      }
    }
  }

  /**
   * Whether the analysis can show that two locks of one class may be two objects: it names both
   * alike, either as two objects ({@code this}, parameters, locals, loop elements, globals:
   * {@code this} and {@code other}, {@code first} and {@code d}) or as a lock field of two objects
   * ({@code a.lock} and {@code b.lock}), or as one lookup with two keys ({@code getLock(from)}
   * and {@code getLock(to)}), and the names differ. Quiet, because the lock may well be
   * the one already held: a lock of unknown identity (an expression the analysis cannot name, a
   * lock taken inside a large recursive component), one returned by a call ({@code
   * session.getDatabase()}, {@code getLock(id)}), one reached through a reference of another
   * object while an object itself is held ({@code obj.database} under {@code this} database,
   * mostly a back-pointer to the one owner), or through a chain of them. See
   * docs/rules/UnsortedSameClassLocks.md.
   */
  private static boolean mayBeTwoObjects(LockRef held, LockRef acquired) {
    String h = held.identity();
    String a = acquired.identity();
    if (h.equals(a)) return false;
    if (lookup(h) && lookup(a)) {
      // The same lookup with other keys: getLock(from) and getLock(to) may be two stripes.
      return h.substring(0, h.indexOf('(')).equals(a.substring(0, a.indexOf('(')));
    }
    int steps = steps(h);
    return steps >= 0 && steps == steps(a);
  }

  /** A lock looked up by key on a named object: {@code this.getLock(p0)}. */
  private static boolean lookup(String id) {
    int open = id.indexOf('(');
    if (open < 0 || id.indexOf('(', open + 1) >= 0 || !id.endsWith(")") || id.endsWith("()")) return false;
    int dot = id.lastIndexOf('.', open);
    return dot > 0 && steps(id.substring(0, dot)) >= 0;
  }

  /**
   * The field steps of a named lock: 0 for an object ({@code this}, {@code p0}, {@code
   * local:x}, a global), 1 for a field of one ({@code p0.lock}); -1 when it is not named so.
   */
  private static int steps(String id) {
    if (id.equals(LockRef.UNKNOWN) || id.indexOf('(') >= 0) return -1;
    if (id.startsWith("static:") || id.startsWith("class:")) return 0;
    int first = id.indexOf('.');
    if (first < 0) return 0;
    return id.indexOf('.', first + 1) < 0 ? 1 : -1;
  }

  private static boolean isSortedPseudoLock(Held h) {
    return h.isSortedSet();
  }

  /**
   * Records {@code held -> acquired} in the lock-order graph and checks it against {@code
   * @LockOrder}; {@code explained} when an alien-call error at {@code at} already reports it;
   * {@code heldObjects}, {@code acquiredObjects}: with {@code --points-to}, the objects the two
   * locks can be ({@code null}: unknown).
   */
  private void edge(
      MethodInfo m, LockRef held, LockRef acquired, List<TraceStep> trace, List<Held> allHeld,
      Location at, boolean explained, RoaringBitmap heldObjects, RoaringBitmap acquiredObjects) {
    String from = held.lockClass();
    String to = acquired.lockClass();
    if (orders.violates(from, to)) {
      report(m, Rule.DECLARED_ORDER_VIOLATION, Rule.DECLARED_ORDER_VIOLATION.severity(), at,
          Messages.declaredOrderViolation(to, acquired.text(), from, held.text()), trace,
          List.of(from, to), at + "|" + from + "|" + to,
          List.of(new LockGraph.Edge(from, to, trace, LockGraph.Kind.ORDER, "against @LockOrder")));
    }
    if (suppressed(m, Rule.LOCK_ORDER_INVERSION)) return;
    Set<String> gates = gates(m, allHeld, from, to);
    boolean reentrant = callerLocks.allHold(m, acquired);
    EdgeInfo e = edges.computeIfAbsent(from + "\u0000" + to, k -> new EdgeInfo(from, to));
    e.seen(m, trace, gates, at, explained, reentrant);
    if (objects != null) {
      e.fromObjects = union(e.fromObjects, heldObjects);
      e.toObjects = union(e.toObjects, acquiredObjects);
      for (RoaringBitmap[] pair : objects.byReceiver(m, held, acquired, heldObjects, acquiredObjects)) {
        objectCycles.edge(m, from, to, objects.concrete(pair[0]), objects.concrete(pair[1]),
            trace, gates, at, explained);
      }
    }
  }

  /**
   * The classes of {@code allHeld} and of the locks every caller of {@code m} holds, other than
   * {@code from} and {@code to}: an edge's gate locks.
   */
  private Set<String> gates(MethodInfo m, List<Held> allHeld, String from, String to) {
    Set<String> gates = new TreeSet<>(callerLocks.of(m));
    for (Held h : allHeld) gates.add(h.lock().lockClass());
    gates.remove(from);
    gates.remove(to);
    return gates;
  }

  /** {@code known} with {@code more} added; {@code null} (unknown) once either is. */
  private static RoaringBitmap union(RoaringBitmap known, RoaringBitmap more) {
    if (known == null || more == null) return null;
    known.or(more);
    return known;
  }

  /**
   * Lowers to {@code low} each {@code FaultUnderLock} warning (a fault or alien call whose
   * handlers take locks of other classes than the one held) whose handlers take only leaf
   * locks: classes under which the program is not known to take anything (no sure edge leaves
   * them). Its edges close no sure cycle, so it waits for a lock whose holder waits for nothing
   * known (java.base's {@code ConcurrentHashMap.compute} running a function that takes a {@code
   * CopyOnWriteArrayList}'s lock under the bin's, as its documentation allows; the list's lock
   * has only a guessed edge, into a {@code Vector} by class hierarchy): true to the letter, and
   * nothing a maintainer would change.
   */
  private void lowerLeafWarnings() {
    Set<String> taking = new HashSet<>();
    // Only sure edges: an edge out of the lock that class hierarchy guessed closes no sure cycle.
    for (EdgeInfo e : edges.values()) if (OrderEdge.sure(e.witness)) taking.add(e.from);
    for (Map.Entry<String, Finding> entry : findings.entrySet()) {
      Finding f = entry.getValue();
      Set<String> taken = handlerLocks.get(f.location());
      if (f.rule() != Rule.FAULT_UNDER_LOCK || f.severity() != Severity.WARNING || taken == null
          || taken.stream().anyMatch(taking::contains)) {
        continue;
      }
      entry.setValue(new Finding(f.rule(), f.severity(), f.location(), f.message(),
          FindingConfidence.doubtful(f.trace()), f.fingerprint()));
    }
  }

  /**
   * Whether points-to shows that the cycle's edges cannot meet: the lock an edge acquires and
   * the lock the next one holds are never the same object, so the cycle is two locks of one
   * class that are different objects (a pool's lock and a connection's, by instance).
   */
  private boolean apart(List<EdgeInfo> cycle) {
    if (objects == null) return false;
    for (int i = 0; i < cycle.size(); i++) {
      if (objects.disjoint(cycle.get(i).toObjects, cycle.get((i + 1) % cycle.size()).fromObjects)) {
        return true;
      }
    }
    return false;
  }

  private LockGraph cycles() {
    // Edges are plain records, not JGraphT's intrusive DefaultEdge, which cannot join a second
    // graph (IntrusiveEdgeException, jgrapht issue #1250, unfixed in 1.5.3).
    Graph<String, Arc> g = new DefaultDirectedGraph<>(null, null, false);
    Set<String> classes = new TreeSet<>();
    for (EdgeInfo e : edges.values()) {
      classes.add(e.from);
      classes.add(e.to);
    }
    for (String c : classes) g.addVertex(c);
    for (EdgeInfo e : edges.values()) g.addEdge(e.from, e.to, new Arc(e.from, e.to));
    // Shortest first: one bounded search per length, keeping the cycles of exactly that length.
    // Hawick and James's search with a path limit, not Johnson's: Johnson's recurses once per
    // vertex of a component (a stack overflow on the lock graph of all of src.zip) and, with
    // no bound, meets cycles through hundreds of classes before the short ones.
    List<List<String>> found = new ArrayList<>();
    for (int length = 1; length <= MAX_CYCLE_LENGTH && found.size() < MAX_CYCLES_SEEN; length++) {
      int exactly = length;
      HawickJamesSimpleCycles<String, Arc> search = new HawickJamesSimpleCycles<>(g);
      search.setPathLimit(length);
      try {
        search.findSimpleCycles(
            c -> {
              if (c.size() != exactly) return;
              found.add(rotate(c));
              if (found.size() >= MAX_CYCLES_SEEN) throw new EnoughCycles();
            });
      } catch (EnoughCycles e) {
        // Ranked below; the shortest are the ones worth reading.
      }
    }
    // Sure cycles first, then the shortest: the report's cap never drops a high finding for a
    // low one.
    Map<List<String>, List<EdgeInfo>> cycleEdges = new LinkedHashMap<>();
    for (List<String> cycle : found) cycleEdges.put(cycle, edgesOf(cycle));
    found.sort(Comparator.<List<String>, Boolean>comparing(c -> !OrderEdge.sure(cycleEdges.get(c)))
        .thenComparingInt(List::size).thenComparing(Object::toString));
    List<List<String>> reported = new ArrayList<>();
    for (List<String> cycle : found) {
      if (reported.size() >= MAX_CYCLES_REPORTED) break;
      List<EdgeInfo> edgesOfCycle = cycleEdges.get(cycle);
      if (!OrderEdge.reportable(edgesOfCycle) || apart(edgesOfCycle)) continue;
      reported.add(cycle);
      reportCycle(cycle, edgesOfCycle);
    }
    if (objectCycles != null) objectCycles(new HashSet<>(found), reported.size());
    List<LockGraph.Edge> graphEdges = new ArrayList<>();
    for (EdgeInfo e : edges.values()) graphEdges.add(new LockGraph.Edge(e.from, e.to, e.witness));
    graphEdges.sort(Comparator.comparing(LockGraph.Edge::from).thenComparing(LockGraph.Edge::to));
    return new LockGraph(List.copyOf(classes), graphEdges, reported, findingEdges);
  }

  /** The edges of {@code cycle}, the i-th from its i-th lock class to the next. */
  private List<EdgeInfo> edgesOf(List<String> cycle) {
    List<EdgeInfo> out = new ArrayList<>(cycle.size());
    for (int i = 0; i < cycle.size(); i++) {
      out.add(edges.get(cycle.get(i) + "\u0000" + cycle.get((i + 1) % cycle.size())));
    }
    return out;
  }

  /**
   * The cycles only the objects show ({@link ObjectCycles}), after the {@code reported} named
   * ones; a cycle whose names make a cycle of {@code named} is that cycle, not reported again.
   */
  private void objectCycles(Set<List<String>> named, int reported) {
    for (ObjectCycles.Cycle c : objectCycles.cycles()) {
      if (reported >= MAX_CYCLES_REPORTED) return;
      if (named.contains(rotate(c.classes()))) continue;
      reported++;
      reportCycle(c.names(), c.edges());
    }
  }

  /** A cycle through the locks {@code names}, its edges {@code edges} (the i-th leaves the i-th). */
  private void reportCycle(List<String> names, List<? extends OrderEdge> edges) {
    // One headed section per edge: run together, the witnesses read as one impossible path.
    List<TraceSection> sections = new ArrayList<>();
    List<LockGraph.Edge> about = new ArrayList<>();
    int n = names.size();
    for (int i = 0; i < n; i++) {
      OrderEdge e = edges.get(i);
      String from = names.get(i);
      String to = names.get((i + 1) % n);
      sections.add(new TraceSection(Messages.cycleEdge(i + 1, n, from, to), e.witness));
      about.add(new LockGraph.Edge(from, to, e.witness));
    }
    OrderEdge first = edges.get(0);
    reportSections(first.method, Rule.LOCK_ORDER_INVERSION, Rule.LOCK_ORDER_INVERSION.severity(),
        first.at, Messages.lockOrderInversion(names), sections, names, "cycle|" + names, about);
  }

  /** An edge of the lock-class graph. */
  private record Arc(String from, String to) {}

  /** A cycle starting at its smallest lock class, so each is reported once, the same way. */
  private static List<String> rotate(List<String> cycle) {
    int min = 0;
    for (int i = 1; i < cycle.size(); i++) if (cycle.get(i).compareTo(cycle.get(min)) < 0) min = i;
    List<String> out = new ArrayList<>(cycle.size());
    for (int i = 0; i < cycle.size(); i++) out.add(cycle.get((min + i) % cycle.size()));
    return out;
  }

  /** Stops the cycle enumeration once enough are known. */
  private static final class EnoughCycles extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EnoughCycles() {
      super(null, null, false, false);
    }
  }

  // ---------------------------------------------------------------------------------------
  // AnnotationMisuse on declarations (methods report theirs from extraction).

  private void declarationMisuses() {
    for (TypeInfo t : index.types()) {
      Annotations a = t.annotations();
      Location at = new Location(t.file().shown(), t.line(), 0);
      if (a.has(LockApi.LOCK_CLASS) && a.value(LockApi.LOCK_CLASS).isBlank()) {
        misuse(t, at, "LockClass", "names no lock class");
      }
      if (a.has(LockApi.LOCK_ORDER)) {
        List<String> order = a.values(LockApi.LOCK_ORDER);
        if (order.size() < 2) {
          misuse(t, at, "LockOrder", "needs at least two lock classes to order");
        } else if (new HashSet<>(order).size() != order.size()) {
          misuse(t, at, "LockOrder", "names a lock class twice: " + order);
        }
      }
      for (FieldInfo f : t.fields().values()) {
        if (f.annotations().has(LockApi.LOCK_CLASS) && f.annotations().value(LockApi.LOCK_CLASS).isBlank()) {
          misuse(t, new Location(t.file().shown(), f.line(), 0), "LockClass", "names no lock class");
        }
      }
    }
  }

  private void misuse(TypeInfo t, Location at, String annotation, String problem) {
    if (suppressedType(t, Rule.ANNOTATION_MISUSE)) return;
    List<TraceStep> trace = List.of(new TraceStep(at, "@" + annotation + ": " + problem));
    String message = Messages.annotationMisuse(annotation, problem);
    findings.putIfAbsent(
        "misuse|" + at + "|" + message,
        new Finding(Rule.ANNOTATION_MISUSE, Rule.ANNOTATION_MISUSE.severity(), at, message, trace,
            Fingerprints.of(Rule.ANNOTATION_MISUSE, t.fqn(), List.of(annotation), trace)));
  }

  private void misuse(MethodInfo m, Location at, String annotation, String problem) {
    List<TraceStep> trace = List.of(new TraceStep(at, "@" + annotation + ": " + problem));
    report(m, Rule.ANNOTATION_MISUSE, Rule.ANNOTATION_MISUSE.severity(), at,
        Messages.annotationMisuse(annotation, problem), trace, List.of(annotation),
        "misuse|" + at + "|" + problem, List.of());
  }

  private void report(
      MethodInfo m,
      Rule rule,
      Severity severity,
      Location at,
      String message,
      List<TraceStep> trace,
      List<String> classes,
      String key,
      List<LockGraph.Edge> about) {
    reportSections(m, rule, severity, at, message, List.of(new TraceSection("", trace)), classes, key,
        about);
  }

  /** {@code about}: the lock-graph edges the finding is about, its picture in the HTML report. */
  private void reportSections(
      MethodInfo m,
      Rule rule,
      Severity severity,
      Location at,
      String message,
      List<TraceSection> sections,
      List<String> classes,
      String key,
      List<LockGraph.Edge> about) {
    if (suppressed(m, rule)) return;
    Finding finding =
        findings.computeIfAbsent(
            rule.id() + '|' + key,
            k -> {
              List<TraceStep> trace = TraceSection.allSteps(sections);
              return new Finding(rule, severity, at, message, trace,
                  Fingerprints.of(rule, m.signature(), classes, trace), sections);
            });
    if (!about.isEmpty()) findingEdges.putIfAbsent(finding.fingerprint(), about);
  }

  // ---------------------------------------------------------------------------------------
  // Suppression: @SuppressWarnings("RuleId") or ("faultlock") on the method, an enclosing
  // method of a lambda, or any enclosing class.

  private static boolean suppressed(MethodInfo m, Rule rule) {
    for (MethodInfo c = m; c != null; c = c.enclosing()) {
      if (suppresses(c.annotations(), rule)) return true;
    }
    return suppressedType(m.owner(), rule);
  }

  private static boolean suppressedType(TypeInfo t, Rule rule) {
    for (TypeInfo c = t; c != null; c = c.outer()) {
      if (suppresses(c.annotations(), rule)) return true;
    }
    return false;
  }

  private static boolean suppresses(Annotations a, Rule rule) {
    for (String name : List.of("SuppressWarnings", "java.lang.SuppressWarnings")) {
      for (String v : a.values(name)) if (rule.isSuppressedBy(v)) return true;
    }
    return false;
  }

  /**
   * A callee's witness whose last step, the acquisition, names the lock as the caller does, like
   * the finding's message: the callee's {@code this} is the caller's {@code target}.
   */
  private static List<TraceStep> asCallerNames(List<TraceStep> steps, LockRef callee, LockRef caller) {
    if (steps.isEmpty()) return steps;
    TraceStep last = steps.get(steps.size() - 1);
    List<TraceStep> out = new ArrayList<>(steps.subList(0, steps.size() - 1));
    out.add(new TraceStep(last.location(),
        Messages.asCallerNames(last.description(), callee.text(), caller.text()),
        last.confidence()));
    return out;
  }

  /** {@code trace}, which starts with how {@code h} is held, as sure as the lock {@code m} holds. */
  private static List<TraceStep> held(MethodInfo m, Held h, List<TraceStep> trace) {
    return FindingConfidence.acquiring(trace, Witness.length(h.how()) - 1, m, h.lock());
  }

  private static List<TraceStep> concat(List<TraceStep> a, List<TraceStep> b) {
    List<TraceStep> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }
}
