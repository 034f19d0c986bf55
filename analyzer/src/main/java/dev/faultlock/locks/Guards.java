package dev.faultlock.locks;

import dev.faultlock.analyzer.FindingConfidence;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Stmt;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.summary.SummaryComputer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What calls do to their caller's locks that no annotation declares, inferred from the callees'
 * facts: a method that returns holding a lock (a guard factory: {@code lock.lock(); return new
 * Guard(lock);}) acquires it for its caller, as an {@code @Acquires} would; a method that
 * releases a lock it did not take (the guard's {@code close()}) releases it, as a {@code
 * @Releases} would. So a lock taken through a guard and released by try-with-resources is held,
 * for the lock-state analysis, exactly between the two.
 */
public final class Guards {
  /**
   * The longest witness of a lock a method hands over to its callers by returning with it held:
   * a guard factory, a guard of a guard, a wrapper of that (memoryfilesystem's {@code
   * transferTo} → {@code readLock()} → {@code autoRelease(lock)} is two). Solved bottom-up,
   * without a bound, a lock left held by a path the analysis gets wrong (a release it cannot
   * match, an exception edge) climbs every call chain: on H2 methods came to "return holding"
   * hundreds of locks and the solving did not end. Real guards are shallow; deeper, the lock is
   * treated as unknown (not handed over).
   */
  static final int HANDED_OVER = 3;

  public static final Guards NONE = new Guards(Map.of());

  private final Map<MethodInfo, MethodFacts> guards;

  private Guards(Map<MethodInfo, MethodFacts> guards) {
    this.guards = guards;
  }

  /** The guards among {@code facts}: the methods returning holding a lock or releasing one unheld. */
  public static Guards of(Collection<MethodFacts> facts) {
    Map<MethodInfo, MethodFacts> out = new IdentityHashMap<>();
    for (MethodFacts f : facts) if (isGuard(f)) out.put(f.method(), f);
    return new Guards(out);
  }

  /**
   * A table that reads {@code guards} as it is when asked: the bottom-up solve ({@link
   * GuardSolver}) fills it in as methods are solved.
   */
  static Guards over(Map<MethodInfo, MethodFacts> guards) {
    return new Guards(guards);
  }

  /** Whether {@code f} says its method acts on its caller's locks: returns holding one, or releases one unheld. */
  static boolean isGuard(MethodFacts f) {
    // A method with lock annotations says what it does (a @SortedAcquire walk returns holding
    // every lock it sorted, which its pseudo-lock stands for): nothing is inferred for it.
    if (SummaryComputer.isLockPrimitive(f.method())
        || f.method().annotations().has(LockApi.SORTED_ACQUIRE)) {
      return false;
    }
    return !f.heldOnReturn().isEmpty() || !f.releasedUnheld().isEmpty();
  }

  /** What a call does to its caller's locks once it returns: {@code acquires} or releases {@code lock}. */
  record Effect(LockRef lock, boolean acquires, Witness witness) {}

  /** The inferred effects of {@code call}, made by {@code caller} at {@code at}. */
  List<Effect> of(Stmt.Invoke call, MethodInfo caller, Location at) {
    List<Effect> out = null;
    for (MethodInfo target : call.site().targets()) {
      MethodFacts f = guards.get(target);
      if (f == null) continue;
      if (out == null) out = new ArrayList<>(2);
      TraceStep step = FindingConfidence.callStep(
          at, call.site().callee(), call.site().receiverType(), target,
          call.site().targets());
      CallContext context = call.site().context().forTarget(call.site().name(), target);
      for (Held h : f.heldOnReturn()) {
        LockRef mine = h.lock().asSeenBy(context, target, caller);
        // A lock the caller cannot name (the guard's own local, an element of a list it walked)
        // would be held for ever under no name; a guard hands over a lock its caller knows.
        if (!mine.identity().equals(LockRef.UNKNOWN)) {
          out.add(new Effect(mine, true, Witness.cons(step, h.how())));
        }
      }
      for (LockRef r : f.releasedUnheld()) {
        out.add(new Effect(r.asSeenBy(context, target, caller), false, null));
      }
    }
    return out == null ? List.of() : out;
  }

  /** The program methods the calls of {@code ir} may run: the methods whose guard facts it reads. */
  public static Set<MethodInfo> callees(IrMethod ir) {
    Set<MethodInfo> out = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt s : ir.stmts()) if (s instanceof Stmt.Invoke call) out.addAll(call.site().targets());
    return out;
  }

  /**
   * Whether two guard facts of a method ({@code null}: not a guard) say the same to its callers:
   * the same locks held on return and released.
   */
  static boolean sameEffect(MethodFacts a, MethodFacts b) {
    if (a == null || b == null) return a == b;
    return sameLocks(a.heldOnReturn(), b.heldOnReturn()) && a.releasedUnheld().equals(b.releasedUnheld());
  }

  private static boolean sameLocks(List<Held> a, List<Held> b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) if (!Objects.equals(a.get(i).lock(), b.get(i).lock())) return false;
    return true;
  }

  /**
   * What the table says, stable across runs: a line per method by signature, with the locks it
   * returns holding or releases by class, identity and mode, sorted. Facts solved with a table
   * that says otherwise are stale (the per-file cache keeps its digest with each entry).
   */
  public List<String> describe() {
    List<String> lines = new ArrayList<>(guards.size());
    for (MethodFacts f : guards.values()) {
      StringBuilder b = new StringBuilder(f.method().signature());
      for (Held h : f.heldOnReturn()) b.append("|+").append(key(h.lock()));
      for (LockRef r : f.releasedUnheld()) b.append("|-").append(key(r));
      lines.add(b.toString());
    }
    Collections.sort(lines);
    return lines;
  }

  private static String key(LockRef l) {
    return l.lockClass() + ' ' + l.identity() + (l.shared() ? " shared" : "");
  }
}
