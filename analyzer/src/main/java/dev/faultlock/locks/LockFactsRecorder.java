package dev.faultlock.locks;

import dev.faultlock.faults.ParameterFlow;
import dev.faultlock.findings.Location;
import dev.faultlock.ir.CallSite;
import dev.faultlock.ir.Stmt;
import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what the lock-state transfer sees at the fixpoint into a method's {@link MethodFacts}:
 * its events in statement order, the locks it returns holding, the locks it releases unheld.
 *
 * <p>The lowering copies {@code finally} code onto every way out, so one call in the source can
 * be several statements, each with the state of its own path. The rules see it once, in the join
 * of those states: the copies of one event are one event, whose held locks are the union and
 * covered classes the intersection of the copies'.
 */
final class LockFactsRecorder implements LockStateAnalysis.Observer {
  /** Each event with empty state, to the join of the states it was seen in. */
  private final Map<LockEvent, LockState> events = new LinkedHashMap<>();
  private final List<LockState> returns = new ArrayList<>();
  private final Map<String, LockRef> releasedUnheld = new LinkedHashMap<>();
  private final Set<String> taken = new HashSet<>();
  private final ParameterFlow flow;

  LockFactsRecorder(ParameterFlow flow) {
    this.flow = flow;
  }

  @Override
  public void call(Location at, Stmt.Invoke call, LockState before) {
    CallSite site = call.site();
    // A constructor outside the program (a library's, an anonymous class's) runs nothing the
    // summaries know: no call event, as no callee could add to it.
    boolean opaqueConstructor =
        site.name().equals("<init>") && site.targets().isEmpty() && site.libraryType() == null;
    if (!site.lockApi() && !opaqueConstructor) {
      add(new LockEvent.Call(at, site.callee(), site.receiverType(), site.name(), site.argc(),
          site.targets(), site.libraryType(), site.context(), List.of(), Set.of(),
          flow.supplied(call)), before);
    }
    if (site.fault() != null) {
      add(new LockEvent.Fault(at, site.fault().domain(), site.callee(), site.fault().what(),
          List.of(), Set.of()), before);
    }
  }

  @Override
  public void acquire(
      Location at, LockRef lock, boolean blocking, Witness step, boolean reentry,
      LockState before) {
    taken.add(named(lock));
    // `before` is the transfer's own state, changed once this returns.
    if (!reentry) {
      add(new LockEvent.Acquire(at, lock, blocking, step, List.of(), Set.of()), before.copy());
    }
  }

  @Override
  public void release(LockRef lock, LockState.Release outcome) {
    if (outcome == LockState.Release.NOT_HELD || outcome == LockState.Release.RELEASED_ENTRY) {
      releasedUnheld.putIfAbsent(named(lock), lock);
    }
  }

  @Override
  public void ret(LockState state) {
    returns.add(state);
  }

  private void add(LockEvent template, LockState before) {
    events.merge(template, before, LockState::meet);
  }

  /**
   * The facts, given the state on {@code entry}.
   *
   * <p>A lock held on some return paths and not others still counts as returned holding: a
   * guard factory with a fast path that returns without locking (a null guard, a lock already
   * owned) hands its callers the lock on the other paths, and a caller that held it on no path
   * would miss every lock-order edge and fault under it, the very chains guard-based code hides.
   * May-held is also what the state inside a method is.
   *
   * <p>A release of a lock the method also takes somewhere is not the release of its caller's
   * lock but of its own, met without it on a path where taking it threw ({@code try {
   * lock.lock(); ... } finally { lock.unlock(); }}): only locks it never takes are released unheld.
   * And a lock it gives back unheld and then takes again is its caller's, retaken: to the caller
   * neither a release nor an acquisition.
   */
  MethodFacts facts(
      MethodInfo method, LockState entry, boolean orderingGuard, List<MethodFacts.Misuse> misuses,
      int unresolved) {
    List<LockEvent> out = new ArrayList<>(events.size());
    for (Map.Entry<LockEvent, LockState> e : events.entrySet()) {
      out.add(withState(e.getKey(), e.getValue().held(), e.getValue().covered()));
    }
    Map<String, Held> held = new HashMap<>();
    for (LockState r : returns) {
      r.takenSince(entry).forEach((key, h) -> {
        // A lock it gave back unheld and took again is its caller's, retaken (a loop that lets
        // go of its caller's lock while it waits, PriorityBlockingQueue.tryGrow): to the caller
        // the lock is as it was, neither acquired nor released.
        if (!releasedUnheld.containsKey(key) && Witness.length(h.how()) <= Guards.HANDED_OVER) {
          held.merge(key, h, (a, b) -> LockState.firstAcquired().compare(a, b) <= 0 ? a : b);
        }
      });
    }
    List<Held> heldOnReturn = new ArrayList<>(held.values());
    heldOnReturn.sort(LockState.firstAcquired());
    List<LockRef> released = new ArrayList<>();
    for (Map.Entry<String, LockRef> e : releasedUnheld.entrySet()) {
      if (!taken.contains(e.getKey())) released.add(e.getValue());
    }
    return new MethodFacts(method, List.copyOf(out), orderingGuard, List.copyOf(misuses),
        unresolved, List.copyOf(heldOnReturn), List.copyOf(released));
  }

  /** An unknown object is matched by how the source names it, as a release finds it. */
  private static String named(LockRef lock) {
    return lock.identity().equals(LockRef.UNKNOWN) ? "?" + lock.text() : lock.identity();
  }

  private static LockEvent withState(LockEvent e, List<Held> held, Set<String> covered) {
    if (e instanceof LockEvent.Acquire a) {
      // Where the object may be held already (on another path into a loop), that path re-enters
      // it: the acquisition is not made under itself.
      List<Held> others = held.stream().filter(h -> !h.lock().sameObject(a.lock())).toList();
      return new LockEvent.Acquire(a.at(), a.lock(), a.blocking(), a.step(), others, covered);
    }
    if (e instanceof LockEvent.Call c) {
      return new LockEvent.Call(c.at(), c.callee(), c.receiverType(), c.name(), c.argc(),
          c.targets(), c.libraryType(), c.context(), held, covered, c.supplied(), c.byObjects());
    }
    LockEvent.Fault f = (LockEvent.Fault) e;
    return new LockEvent.Fault(f.at(), f.domain(), f.callee(), f.what(), held, covered);
  }
}
