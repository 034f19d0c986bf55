package dev.faultlock.suggest;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.findings.Location;
import dev.faultlock.locks.Held;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.LockNames;
import dev.faultlock.locks.LockRef;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.summary.SummaryComputer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code @Acquires} and {@code @Releases} for the lock guards the whole-program pass inferred
 * ({@link dev.faultlock.locks.Guards}): a method that returns holding a lock, one that releases a
 * lock it did not take. Error Prone sees one file; with these it sees the lock held between a
 * call to one and a call to the other in every file that calls them.
 *
 * <p>Left alone, so that applying the suggestions never changes what either pass finds:
 * <ul>
 *   <li>a lock the vocabulary cannot name from the method ({@link LockExpressionText});
 *   <li>a lock taken in shared (read) mode: the vocabulary has no mode, and {@code @Acquires}
 *       would make a read lock exclusive for both passes;
 *   <li>a lock the method may return holding but also releases itself, directly or through a
 *       releasing call ({@code lock();
 *       try { .. } finally { unlock(); }} inside a {@code catch} that swallows what a call in
 *       the {@code finally} might throw): the inference counts a lock held on any return path, so
 *       that guards with a fast path are not missed, but {@code @Acquires} says every call
 *       returns holding it, and no maintainer would write that on a method that gives its lock
 *       back. A guard factory takes its lock and leaves it ({@code lockStore()}, {@code
 *       autoRelease(lock)}); one that also releases on a retry path is left alone too;
 *   <li>a guard <em>object</em> and its factory ({@code try (Guard g = Guard.hold(lock))}): the
 *       factory's caller knows the lock, {@code close()} names it as the guard's own field, which
 *       the caller only knows as the guard. The inference follows the lock through the object;
 *       annotated methods are taken at their word, and the word would release a lock never held.
 * </ul>
 */
final class GuardAnnotations {
  private final ProgramIndex index;
  private final LockNames names;

  GuardAnnotations(ProgramIndex index, LockNames names) {
    this.index = index;
    this.names = names;
  }

  List<Suggestion> suggest(List<MethodFacts> facts) {
    List<MethodFacts> guards = new ArrayList<>();
    for (MethodFacts f : facts) {
      MethodInfo m = f.method();
      if (m.isLambda() || !(m.node() instanceof CallableDeclaration<?>)) continue;
      // What Guards leaves to the annotations the method already has.
      if (SummaryComputer.isLockPrimitive(m) || m.annotations().has(LockApi.SORTED_ACQUIRE)) continue;
      if (!f.heldOnReturn().isEmpty() || !f.releasedUnheld().isEmpty()) guards.add(f);
    }
    Set<String> factoryResults = new HashSet<>();
    Set<String> releasers = new HashSet<>();
    Set<MethodInfo> releasing = Collections.newSetFromMap(new IdentityHashMap<>());
    for (MethodFacts f : facts) {
      MethodInfo m = f.method();
      if (!f.releasedUnheld().isEmpty() || m.annotations().has(LockApi.RELEASES)
          || m.annotations().has(LockApi.EP_UNLOCK_METHOD)) {
        releasing.add(m);
      }
    }
    for (MethodFacts f : guards) {
      if (!f.heldOnReturn().isEmpty() && f.method().returnType() != null) {
        factoryResults.add(f.method().returnType());
      }
      if (!f.releasedUnheld().isEmpty() && !f.method().isStatic()) {
        releasers.add(f.method().owner().fqn());
      }
    }
    List<Suggestion> out = new ArrayList<>();
    for (MethodFacts f : guards) {
      MethodInfo m = f.method();
      if (!carriesAGuard(m.returnType(), releasers) && !releasesItself(f, releasing)) {
        List<String> locks = new ArrayList<>();
        for (Held h : f.heldOnReturn()) texts(h.lock(), m, locks);
        add(out, m, LockApi.ACQUIRES, locks, "returns holding");
      }
      if (m.isStatic() || !isAGuard(m.owner().fqn(), factoryResults)) {
        List<String> locks = new ArrayList<>();
        for (LockRef r : f.releasedUnheld()) texts(r, m, locks);
        add(out, m, LockApi.RELEASES, locks, "releases, without having taken,");
      }
    }
    return out;
  }

  private void texts(LockRef lock, MethodInfo m, List<String> out) {
    if (lock.shared()) return;
    LockExpressionText.of(lock, m, index, names)
        .filter(t -> !out.contains(t))
        .ifPresent(out::add);
  }

  private static void add(List<Suggestion> out, MethodInfo m, String annotation, List<String> locks, String what) {
    if (locks.isEmpty()) return;
    Location at = new Location(m.owner().file().shown(), m.line(), 0);
    out.add(new Suggestion(m.node(), annotation, locks, at,
        m.display() + " " + what + " `" + String.join("`, `", locks) + "`"));
  }

  /**
   * Whether the method gives a lock back itself: {@code unlock()} and the like in its body, or a
   * call to a method that releases ({@code guard.close()}, in a {@code finally} or at the end of
   * try-with-resources: memoryfilesystem's {@code withLockDoIfExists} keeps its guards in a list
   * and closes them all, which the inference cannot follow into the list).
   */
  private static boolean releasesItself(MethodFacts f, Set<MethodInfo> releasing) {
    if (f.method().node().findFirst(MethodCallExpr.class, c -> RELEASES.contains(c.getNameAsString()))
        .isPresent()) {
      return true;
    }
    for (LockEvent e : f.events()) {
      if (e instanceof LockEvent.Call c) {
        for (MethodInfo t : c.targets()) if (releasing.contains(t)) return true;
      }
    }
    return false;
  }

  private static final Set<String> RELEASES = releases();

  private static Set<String> releases() {
    Set<String> names = new HashSet<>(LockApi.LOCK_RELEASE);
    names.addAll(LockApi.STAMPED_RELEASE);
    return Set.copyOf(names);
  }

  /** Whether a factory's result type is (a supertype of) a type whose methods release. */
  private boolean carriesAGuard(String result, Set<String> releasers) {
    if (result == null) return false;
    for (String r : releasers) if (index.isSubtype(r, result)) return true;
    return false;
  }

  /** Whether {@code owner} is (a subtype of) what a guard factory returns. */
  private boolean isAGuard(String owner, Set<String> factoryResults) {
    for (String r : factoryResults) if (index.isSubtype(owner, r)) return true;
    return false;
  }
}
