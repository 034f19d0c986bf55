package dev.faultlock.summary;

import com.google.common.collect.ImmutableList;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.analyzer.FindingConfidence;
import dev.faultlock.callgraph.CallGraph;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.locks.CallContext;
import dev.faultlock.locks.LinkWalk;
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
      large(component);
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
   * JDK; on H2 it has 3,816 methods, on kafka-clients 1,827) is summarised in two layers ({@link
   * #large}) rather than to a plain fixpoint, whose summaries grow through every guessed call
   * into a flood of unsure cycles (docs/evaluation.md, "Large recursive components").
   */
  private static final int SHARED_COMPONENT = 32;

  /**
   * Summarises a large component in two layers. First one summary shared by all its members:
   * every member reaches every other, so they may all do the same things; its acquisitions are
   * {@linkplain Effects.Acquire#approximate() approximate} (a caller of one member is told every
   * lock any member takes, whether or not a path leads there), so the lock-order rules do not
   * build on them, and lock identities are not kept. Its fault paths are the members' (as found
   * in one pass). Then each member's own layer, which every member {@linkplain
   * Effects#Effects(Effects) widens to the shared one}: the locks it takes itself and those of
   * its callees outside the component on sure calls, with their identities and witnesses. A
   * sure call into the component sees what the member it enters does, and a sure call from
   * member to member what the callee does itself ({@code RuleChecker}, as an unsure step:
   * {@link Effects#sameLargeComponent}); a longer path between members, or one through a call
   * class hierarchy chose, is the shared layer's ({@link Effects#seenThrough}).
   *
   * <p>That is the bound on a member's growth, measured (docs/evaluation.md, "Large recursive
   * components"): the members' summaries to a fixpoint along their sure calls alone made 24 new
   * high findings on H2, those read infeasible (a lock the callee releases before it goes on, a
   * map its guard condition excludes) or two objects of one lock class; the same paths, with
   * the guessed calls between members, made 49 new low cycles on lucene-core and 19 on
   * kafka-clients, permutations of a few edges.
   */
  private void large(List<MethodInfo> component) {
    Effects shared = new Effects();
    Set<MethodInfo> members = new HashSet<>(component);
    for (MethodInfo m : component) effects.put(m, shared);
    for (MethodInfo m : component) add(m, shared, members, Set.of());
    for (MethodInfo m : component) effects.put(m, new Effects(shared));
    for (MethodInfo m : component) add(m, effects.get(m), Set.of(), members);
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
    return add(m, effects.get(m), Set.of(), Set.of());
  }

  /**
   * Adds what {@code m} may do, from its facts and its callees, to {@code e}; true on change.
   * With {@code shared} members, {@code e} is their one summary ({@link #large}): calls among
   * them add nothing, and everything added is approximate, with lock identities dropped. With
   * {@code own} members, {@code e} is {@code m}'s own layer in a large component: locks only,
   * and nothing of a call into another member or of a call class hierarchy chose.
   */
  private boolean add(MethodInfo m, Effects e, Set<MethodInfo> shared, Set<MethodInfo> own) {
    boolean approximate = !shared.isEmpty();
    boolean changed = false;
    // The own layer's faults are the shared layer's (Effects#faults).
    boolean faultsDisabled = m.annotations().has(LockApi.FAULTS_DISABLED) || !own.isEmpty();
    String mayFault = m.annotations().value(LockApi.MAY_FAULT);
    if (mayFault != null && !faultsDisabled) changed |= e.addFault(mayFault, null, Set.of());
    MethodFacts f = facts.get(m);
    // A lock primitive's body is the lock's implementation (its internal monitor, its wait
    // queue): callers see what it declares, as lockdep does not report the spinlock inside
    // mutex_lock.
    if (f == null || isLockPrimitive(m)) return changed;
    // Calls already followed in this pass. A second call of the same callee in the same context
    // (receiver, arguments, covered classes) and as sure re-expresses the same locks and fault
    // paths with witnesses exactly as long and as sure as the first's, so it cannot change e
    // (on java.base it skips 15 M of 82.7 M lock offers; Offers skips most of the rest).
    Set<Repeat> followed = new HashSet<>();
    Offers offers = new Offers();
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
          if (te == null || shared.contains(t) || t.annotations().has(LockApi.FAULT_HANDLER)) {
            continue;
          }
          // A call between members of a large component, or a guessed call out of one: what it
          // leads to is the shared layer's.
          TraceStep into = step(c, t);
          if (own.contains(t) || (!own.isEmpty() && into.confidence() != Confidence.HIGH)) continue;
          Effects callee = te.seenThrough(into.confidence());
          if (callee != e && !followed.add(new Repeat(callee, t, c, into.confidence()))) continue;
          changed |= through(e, callee, c, t, m, into, faultsDisabled, approximate, seen, offers);
        }
        if (c.libraryType() != null) {
          for (Effects te : library.effects(c.libraryType(), c.name(), c.argc())) {
            if (!followed.add(new Repeat(te, null, c, step.confidence()))) continue;
            changed |= through(e, te, c, null, m, step, faultsDisabled, approximate, null, offers);
          }
        }
      }
    }
    return changed;
  }

  /**
   * A call as {@link #through} follows it: what it adds depends on the callee's effects (by
   * identity), the target, the call's context and covered classes and how sure the step is, not
   * on where the call is.
   */
  private record Repeat(
      Effects callee, MethodInfo target, CallContext context, Set<String> covered,
      Confidence confidence) {
    Repeat(Effects callee, MethodInfo target, LockEvent.Call c, Confidence confidence) {
      this(callee, target, c.context(), c.covered(), confidence);
    }
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
   * already re-expressed at {@code c} by the call's receiver and arguments alone; {@code offers}
   * what this pass over the caller's calls has offered {@code e} so far.
   */
  private boolean through(
      Effects e, Effects callee, LockEvent.Call c, MethodInfo target, MethodInfo caller,
      TraceStep step, boolean faultsDisabled, boolean approximate, Map<LockRef, LockRef> seen,
      Offers offers) {
    boolean changed = false;
    // Only the call's receiver and arguments re-express a lock of a target the call runs as
    // the method it names, not as a function (LockRef#asSeenBy, CallContext#forTarget): the
    // same for every such target.
    boolean byCall = seen != null && !c.runsAsFunction(target);
    // A copy only when a method calls itself: it then adds to what it walks.
    for (Effects.Acquire a : callee == e ? ImmutableList.copyOf(callee.acquires()) : callee.acquires()) {
      if (c.createsTheObjectOf(target, a.lock())) continue;
      LockRef mine = target == null ? a.lock().asSeenBy(c.context())
          : approximate ? anonymous(a.lock())
          : byCall ? seen.computeIfAbsent(a.lock(), l -> l.asSeenBy(c.context()))
          : a.lock().asSeenBy(c.contextOf(target), target, caller);
      // A lambda of a method running that method's operation on a link (BookKeeper's forEach
      // over its regions' policies): its caller runs it under its own lock, a walk.
      boolean walk = target != null && caller.isLambda() && caller.enclosing() != null
          && LinkWalk.along(caller.enclosing(), c.contextOf(target), target, a.lock().identity());
      TraceStep first = walk ? step.atMost(Confidence.LOW) : step;
      boolean approximated = approximate || a.approximate();
      if (offers.already(mine, first, a.witness(), approximated)) continue;
      changed |= e.addAcquire(mine, Witness.cons(first, a.witness()), approximated, this::canonical);
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
