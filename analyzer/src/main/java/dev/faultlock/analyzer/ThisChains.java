package dev.faultlock.analyzer;

import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a witness can run: a chain of calls on {@code this} keeps one receiver, so every
 * method it goes through is a method of that one object's class. A base class's {@code
 * this.m()} is dispatched to every subclass's override (by class hierarchy, and by points-to,
 * whose {@code this} is every receiver of the method), and a summary of the base method carries
 * what each override does; but from a subclass's own method, the chain can only reach that
 * subclass's override. BookKeeper's {@code EntryLogManagerForSingleEntryLog.addEntry} calls the
 * base's {@code addEntry}, whose {@code this.getCurrentLogForLedgerForAddEntry} does not run the
 * per-ledger manager's override, which takes its ledger lock (docs/evaluation.md).
 *
 * <p>A summary keeps one witness per lock, so a lock that two overrides take is known by one
 * of them only; a witness this finds impossible may hide a possible one, and the edge is then
 * lost. What is checked is what the witness says: each call step's event in its method and the
 * target whose events hold the next step.
 */
final class ThisChains {
  private final Map<MethodInfo, MethodFacts> facts;
  /** Per method, its events by line, made when first asked. */
  private final Map<MethodInfo, Map<Integer, List<LockEvent>>> byLine = new HashMap<>();

  ThisChains(Map<MethodInfo, MethodFacts> facts) {
    this.facts = facts;
  }

  /**
   * Whether {@code path}, a witness whose first step is a call {@code frame} makes, may run:
   * false when a chain of calls on {@code this} from {@code frame} reaches a method of a class
   * that is neither a subclass nor a superclass of the classes the chain has gone through.
   */
  boolean feasible(MethodInfo frame, List<TraceStep> path) {
    TypeInfo bound = receiverClass(frame);
    MethodInfo current = frame;
    for (int i = 0; i + 1 < path.size(); i++) {
      LockEvent.Call call = callAt(current, path.get(i).location());
      if (call == null) return true;
      MethodInfo next = targetHolding(call, path.get(i + 1).location());
      if (next == null) return true;
      TypeInfo owner = receiverClass(next);
      boolean onThis = "this".equals(call.context().receiverIdentity()) && !call.runsAsFunction(next);
      if (bound == null || owner == null || !onThis) {
        bound = owner;
      } else if (isA(owner, bound)) {
        bound = owner;
      } else if (!isA(bound, owner) && !bound.isInterface() && !owner.isInterface()) {
        return false;
      }
      current = next;
    }
    return true;
  }

  /** The class of {@code m}'s receiver, or {@code null} for a static method or a lambda. */
  private static TypeInfo receiverClass(MethodInfo m) {
    return m.isStatic() || m.isLambda() ? null : m.owner();
  }

  private static boolean isA(TypeInfo sub, TypeInfo sup) {
    return sub.fqn().equals(sup.fqn()) || sub.ancestors().contains(sup.fqn());
  }

  private LockEvent.Call callAt(MethodInfo m, Location at) {
    for (LockEvent e : eventsAt(m, at)) {
      if (e instanceof LockEvent.Call c && c.at().equals(at)) return c;
    }
    return null;
  }

  /**
   * The one target of {@code call} the step at {@code at} is in: one with an event there, or a
   * synchronized method declared there (its acquisition); {@code null} when none or several.
   */
  private MethodInfo targetHolding(LockEvent.Call call, Location at) {
    MethodInfo found = null;
    for (MethodInfo t : call.targets()) {
      boolean holds = !eventsAt(t, at).isEmpty()
          || (t.isSynchronized() && t.line() == at.line() && t.owner().file().shown().equals(at.file()));
      if (!holds) continue;
      if (found != null) return null;
      found = t;
    }
    return found;
  }

  private List<LockEvent> eventsAt(MethodInfo m, Location at) {
    if (!m.owner().file().shown().equals(at.file())) return List.of();
    Map<Integer, List<LockEvent>> lines = byLine.computeIfAbsent(m, k -> {
      Map<Integer, List<LockEvent>> out = new HashMap<>();
      MethodFacts f = facts.get(k);
      if (f != null) {
        for (LockEvent e : f.events()) out.computeIfAbsent(e.at().line(), x -> new ArrayList<>(1)).add(e);
      }
      return out;
    });
    return lines.getOrDefault(at.line(), List.of());
  }
}
