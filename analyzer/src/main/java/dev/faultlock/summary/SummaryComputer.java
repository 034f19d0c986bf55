package dev.faultlock.summary;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.analyzer.FindingConfidence;
import dev.faultlock.callgraph.CallGraph;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.LockRef;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.locks.Witness;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.Workers;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Computes {@link Effects} bottom-up over the strongly connected components of the call graph:
 * a component's callees outside it are final when it is processed, and inside it the members are
 * recomputed until nothing changes (a chain only ever gets shorter, a set only bigger, so this
 * ends).
 */
public final class SummaryComputer {
  private final Map<MethodInfo, MethodFacts> facts;
  private final LibrarySummaries library;
  private final Map<MethodInfo, Effects> effects = new ConcurrentHashMap<>();
  /**
   * One instance per distinct lock and per call step: a callee's locks are re-expressed for
   * every caller, and on a program the size of java.base the copies, not the locks, would fill
   * the heap.
   */
  private final Map<LockRef, LockRef> canonical = new ConcurrentHashMap<>();
  /** By identity: a call event's record equality compares its every target. */
  private final Map<LockEvent.Call, TraceStep> steps =
      Collections.synchronizedMap(new IdentityHashMap<>());
  /** The same steps where class hierarchy chose the target ({@link FindingConfidence}). */
  private final Map<LockEvent.Call, TraceStep> hierarchySteps =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private SummaryComputer(Map<MethodInfo, MethodFacts> facts, LibrarySummaries library) {
    this.facts = facts;
    this.library = library;
  }

  /**
   * The effects of every method of {@code graph}, on {@code jobs} threads, telling {@code
   * progress} how many are done.
   *
   * <p>Components are summarised level by level ({@link CallGraph#levels()}): those of one level
   * never call each other, so they run in parallel, and each sees only the final effects of the
   * lower levels. Inside a component the order is fixed, so the result does not depend on the
   * threads' timing; the instances shared between components ({@link #canonical}) are equal
   * whichever thread made them first.
   */
  public static Map<MethodInfo, Effects> compute(
      CallGraph graph, Map<MethodInfo, MethodFacts> facts, LibrarySummaries library,
      AnalyzerOptions.Progress progress, int jobs) {
    SummaryComputer c = new SummaryComputer(facts, library);
    int total = graph.methodCount();
    AtomicInteger done = new AtomicInteger();
    progress.update("summarising", 0, total);
    for (List<List<MethodInfo>> level : graph.levels()) {
      IntConsumer summarise = k -> {
        c.component(graph, level.get(k));
        progress.update("summarising", done.addAndGet(level.get(k).size()), total);
      };
      // A level of one component (most of them, up a call chain) is not worth two threads.
      if (level.size() == 1) summarise.accept(0);
      else Workers.run(jobs, level.size(), summarise);
    }
    return c.effects;
  }

  /** Summarises the members of {@code component}, whose callees outside it are done. */
  private void component(CallGraph graph, List<MethodInfo> component) {
    for (MethodInfo m : component) effects.put(m, new Effects());
    if (component.size() == 1) {
      MethodInfo m = component.get(0);
      // A recursive method needs a second look at itself; others are done in one.
      if (update(m) && graph.callees(m).contains(m)) {
        while (update(m)) {
          // Until its own summary stops changing.
        }
      }
      return;
    }
    if (component.size() > SHARED_COMPONENT) {
      shared(component);
      return;
    }
    // A worklist over the component: when a method's effects change, its callers in the
    // component are looked at again.
    Set<MethodInfo> members = new HashSet<>(component);
    Deque<MethodInfo> work = new ArrayDeque<>(component);
    Set<MethodInfo> queued = new HashSet<>(component);
    while (!work.isEmpty()) {
      MethodInfo m = work.poll();
      queued.remove(m);
      if (update(m)) {
        for (MethodInfo caller : graph.callers(m)) {
          if (members.contains(caller) && queued.add(caller)) work.add(caller);
        }
      }
    }
  }

  /**
   * Above this size a component (mutual recursion through much of a large program, as in the
   * JDK) gets one summary shared by all its members: every member reaches every other, so they
   * may all do the same things. It costs one pass instead of a fixpoint over thousands of
   * methods; witnesses then start at the member that does the acquisition, and lock identities
   * are not carried through the component. Its acquisitions are {@linkplain
   * Effects.Acquire#approximate() approximate}: a caller of one member is told every lock any
   * member takes, whether or not a path leads there, so the lock-order rules do not build on them
   * (a cycle made of them is an artefact of the summary far more often than a deadlock; on H2 the
   * component has 3,762 methods). Fault paths through it are kept.
   */
  private static final int SHARED_COMPONENT = 32;

  private void shared(List<MethodInfo> component) {
    Effects shared = new Effects();
    Set<MethodInfo> members = new HashSet<>(component);
    for (MethodInfo m : component) effects.put(m, shared);
    for (MethodInfo m : component) add(m, shared, members);
  }

  /** A lock as a shared summary keeps it: globals stay themselves, the rest is some object. */
  private static LockRef anonymous(LockRef lock) {
    String id = lock.identity();
    if (id.startsWith("static:") || id.startsWith("class:") || id.equals(LockRef.UNKNOWN)) return lock;
    return new LockRef(lock.lockClass(), lock.text(), LockRef.UNKNOWN, lock.shared());
  }

  /** The one stored instance of {@code lock}: what {@link Effects#addAcquire} keeps. */
  private LockRef canonical(LockRef lock) {
    LockRef known = canonical.putIfAbsent(lock, lock);
    return known == null ? lock : known;
  }

  /** The trace step of a call, made once however often its caller is recomputed. */
  private TraceStep step(LockEvent.Call c) {
    return steps.computeIfAbsent(c, k -> new TraceStep(k.at(), "calls `" + k.callee() + "`"));
  }

  /** {@link #step} as the call runs {@code target}: as sure as the dispatch that chose it. */
  private TraceStep step(LockEvent.Call c, MethodInfo target) {
    TraceStep step = step(c);
    Confidence dispatch = FindingConfidence.ofCall(c, target);
    return dispatch == Confidence.HIGH ? step
        : hierarchySteps.computeIfAbsent(c, k -> step.atMost(dispatch));
  }

  /** Recomputes what {@code m} may do from its facts and its callees; true on change. */
  private boolean update(MethodInfo m) {
    return add(m, effects.get(m), Set.of());
  }

  /**
   * Adds what {@code m} may do, from its facts and its callees, to {@code e}; true on change.
   * With {@code shared} members, {@code e} is their one summary ({@link #SHARED_COMPONENT}): calls
   * among them add nothing, and everything added is approximate, with lock identities dropped.
   */
  private boolean add(MethodInfo m, Effects e, Set<MethodInfo> shared) {
    boolean approximate = !shared.isEmpty();
    boolean changed = false;
    boolean faultsDisabled = m.annotations().has(LockApi.FAULTS_DISABLED);
    String mayFault = m.annotations().value(LockApi.MAY_FAULT);
    if (mayFault != null && !faultsDisabled) changed |= e.addFault(mayFault, null, Set.of());
    MethodFacts f = facts.get(m);
    // A lock primitive's body is the lock's implementation (its internal monitor, its wait
    // queue): callers see what it declares, as lockdep does not report the spinlock inside
    // mutex_lock.
    if (f == null || isLockPrimitive(m)) return changed;
    for (LockEvent event : f.events()) {
      if (event instanceof LockEvent.Acquire a) {
        if (a.blocking()) {
          changed |= e.addAcquire(
              approximate ? anonymous(a.lock()) : a.lock(), a.step(), approximate, this::canonical);
        }
      } else if (event instanceof LockEvent.Fault fault) {
        if (!faultsDisabled) {
          changed |= e.addFault(fault.domain(),
              Witness.of(new TraceStep(fault.at(), fault.what())), fault.covered());
        }
      } else if (event instanceof LockEvent.Call c) {
        TraceStep step = step(c);
        // An interface call runs hundreds of implementations, most taking the same locks (the
        // one canonical instance each): each is re-expressed at this call once.
        Map<LockRef, LockRef> seen = c.targets().size() > 1 ? new IdentityHashMap<>() : null;
        for (MethodInfo t : c.targets()) {
          Effects te = effects.get(t);
          // A direct call of a fault handler is the fault machinery itself (a model's page
          // table calling ->nopage): the handler's locks are reached through the fault path.
          if (te != null && !shared.contains(t) && !t.annotations().has(LockApi.FAULT_HANDLER)) {
            changed |= through(e, te, c, t, m, step(c, t), faultsDisabled, approximate, seen);
          }
        }
        if (c.libraryType() != null) {
          for (Effects te : library.effects(c.libraryType(), c.name(), c.argc())) {
            changed |= through(e, te, c, null, m, step, faultsDisabled, approximate, null);
          }
        }
      }
    }
    return changed;
  }

  /** Whether {@code m} declares what it acquires or releases: a lock primitive. */
  public static boolean isLockPrimitive(MethodInfo m) {
    for (String a : LOCK_PRIMITIVE) if (m.annotations().has(a)) return true;
    return false;
  }

  private static final List<String> LOCK_PRIMITIVE =
      List.of(LockApi.ACQUIRES, LockApi.TRY_ACQUIRES, LockApi.RELEASES, LockApi.EP_LOCK_METHOD,
          LockApi.EP_UNLOCK_METHOD, LockApi.CF_ENSURES_LOCK_HELD, LockApi.CF_ENSURES_LOCK_HELD_IF);

  /**
   * Adds what {@code callee} (the effects of {@code target}, or of a library method when {@code
   * target} is {@code null}) does to {@code e}, the effects of {@code caller}; {@code
   * approximate} when {@code e} is a shared summary, which keeps no identity of a program
   * callee's locks. {@code seen}, when not {@code null}, keeps the locks of the call's targets
   * already re-expressed at {@code c} by the call's receiver and arguments alone.
   */
  private boolean through(
      Effects e, Effects callee, LockEvent.Call c, MethodInfo target, MethodInfo caller,
      TraceStep step, boolean faultsDisabled, boolean approximate, Map<LockRef, LockRef> seen) {
    boolean changed = false;
    // Only the call's receiver and arguments re-express a lock of a target that is neither a
    // lambda nor a bound method reference (LockRef#asSeenBy): the same for every such target.
    boolean byCall = seen != null && !target.isLambda()
        && !c.context().boundReceivers().containsKey(target);
    // A copy only when a method calls itself: it then adds to what it walks.
    for (Effects.Acquire a : callee == e ? List.copyOf(callee.acquires()) : callee.acquires()) {
      if (c.createsTheObjectOf(target, a.lock())) continue;
      LockRef mine = target == null ? a.lock().asSeenBy(c.context())
          : approximate ? anonymous(a.lock())
          : byCall ? seen.computeIfAbsent(a.lock(), l -> l.asSeenBy(c.context()))
          : a.lock().asSeenBy(c.context(), target, caller);
      changed |= e.addAcquire(mine, Witness.cons(step, a.witness()),
          approximate || a.approximate(), this::canonical);
    }
    if (!faultsDisabled) {
      for (Effects.Fault f : callee == e ? List.copyOf(callee.faults()) : callee.faults()) {
        Set<String> covered = c.covered().isEmpty() ? f.covered() : union(c.covered(), f.covered());
        changed |= e.addFault(f.domain(), Witness.cons(step, f.witness()), covered);
      }
    }
    return changed;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
