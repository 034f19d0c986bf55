package dev.faultlock.locks;

import dev.faultlock.findings.TraceStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lock state at one program point, the fact of {@link LockStateAnalysis}: the locks that may
 * be held, each with how many times it is held (re-entry) and how it first came to be held; the
 * lock classes a dominating {@code @SortedAcquire} covers (must); the pending results of
 * {@code tryLock} calls, variables whose truth says whether a lock was taken; and the guards,
 * variables holding the object a guard factory returned with a lock taken ({@link Guards}).
 *
 * <p>A state is changed only on a fresh {@link #copy()} inside a transfer; once handed to the
 * solver it is a value (equality is over all its parts, not their order).
 */
final class LockState {
  /**
   * The widening of hold counts: a count that reaches it means "that many or more" and no longer
   * counts, so a loop that locks and never unlocks reaches its fixpoint, and a lock taken that
   * often is never given up by releases (may-held drops nothing that might still be held).
   * Nesting the same lock deeper than {@code MAX_COUNT - 1} within one method is not seen in
   * real code.
   */
  static final int MAX_COUNT = 5;

  /** The prefix of the pseudo-lock a {@code @SortedAcquire} call holds for its whole class. */
  static final String SORTED = "sorted:";

  /**
   * A lock that may be held: {@code held} is the lock and the witness of its first acquisition;
   * {@code most} and {@code least} the most and fewest times it is held over the paths that meet
   * here (0 on a path without it), so that it is held for sure when {@code least} is positive;
   * {@code onEntry} whether the method's caller held it already ({@code @Holding}, a {@code
   * synchronized} method's monitor).
   *
   * <p>Both bounds are needed: a lock is given up when its {@code most} count reaches 0 (may-held:
   * nothing that might still hold it is dropped), but re-taking it is re-entry only when it is
   * held on every path ({@code least}): the first turn of a loop that locks takes the lock for
   * real, although the loop's head also sees the path around the loop where it is held.
   */
  record Hold(Held held, int most, int least, boolean onEntry) {
    Hold taken() {
      return new Hold(held, Math.min(most + 1, MAX_COUNT), Math.min(least + 1, MAX_COUNT), onEntry);
    }

    /** Held on one path of a join only. */
    Hold maybe() {
      return new Hold(held, most, 0, onEntry);
    }

    /** One release; {@code null} when none is left. */
    Hold given() {
      if (most <= 1) return null;
      return new Hold(held, most == MAX_COUNT ? most : most - 1, Math.max(least - 1, 0), onEntry);
    }
  }

  /**
   * A variable holding a {@code tryLock} result: {@code key} is held only where it is true (false
   * when {@code negated}). {@code site} is the statement that tried, so that a negation or copy of
   * the result is settled with it.
   */
  record Tentative(String key, int site, boolean negated) {
    Tentative negate() {
      return new Tentative(key, site, !negated);
    }
  }

  /** What a release did. */
  enum Release { DECREMENTED, RELEASED, RELEASED_ENTRY, NOT_HELD }

  /**
   * The first acquisition of a lock where paths that took it at different places join: the
   * earliest in the source, so the choice does not depend on the order paths are met in.
   */
  private static final Comparator<TraceStep> STEP =
      Comparator.comparing(TraceStep::location).thenComparing(TraceStep::description);

  /**
   * Ties (two locks one guard call hands over) are broken by the lock, then by the rest of the
   * witness chain, walked step by step: a total order that never renders a chain as text (a
   * {@code toString} of the record did, and on java.base that was most of the solving time).
   */
  private static final Comparator<Held> FIRST =
      Comparator.<Held, TraceStep>comparing(h -> h.how().step(), STEP)
          .thenComparing(h -> h.lock().identity())
          .thenComparing(h -> h.lock().lockClass())
          .thenComparing(h -> h.lock().text())
          .thenComparing(h -> h.lock().shared())
          .thenComparing(Held::how, LockState::compareChains);

  private static int compareChains(Witness a, Witness b) {
    for (Witness x = a.next(), y = b.next(); ; x = x.next(), y = y.next()) {
      if (x == y) return 0;
      if (x == null || y == null) return x == null ? -1 : 1;
      int c = STEP.compare(x.step(), y.step());
      if (c != 0) return c;
    }
  }

  private final Map<String, Hold> holds;
  private final Set<String> covered;
  private final Map<Integer, Tentative> pending;
  private final Map<Integer, Set<String>> guards;

  LockState() {
    this(new HashMap<>(), new HashSet<>(), new HashMap<>(), new HashMap<>());
  }

  private LockState(
      Map<String, Hold> holds, Set<String> covered, Map<Integer, Tentative> pending,
      Map<Integer, Set<String>> guards) {
    this.holds = holds;
    this.covered = covered;
    this.pending = pending;
    this.guards = guards;
  }

  LockState copy() {
    return new LockState(
        new HashMap<>(holds), new HashSet<>(covered), new HashMap<>(pending), new HashMap<>(guards));
  }

  /** {@code var} now holds the guard of the lock held under {@code key}. */
  void guard(int var, String key) {
    Set<String> keys = new HashSet<>(guards.getOrDefault(var, Set.of()));
    keys.add(key);
    guards.put(var, Set.copyOf(keys));
  }

  /** The keys of the locks the guard in {@code var} holds; empty when it holds none. */
  Set<String> guardOf(int var) {
    return guards.getOrDefault(var, Set.of());
  }

  /** {@code to} is assigned what {@code from} holds: the same guard, or none. */
  void copyGuard(int from, int to) {
    Set<String> keys = guards.get(from);
    if (keys == null) guards.remove(to);
    else guards.put(to, keys);
  }

  /** Gives the lock held under {@code key} back once, as a guard's release does. */
  Release releaseKey(String key) {
    Hold h = holds.get(key);
    if (h == null) return Release.NOT_HELD;
    Hold left = h.given();
    if (left != null) {
      holds.put(key, left);
      return Release.DECREMENTED;
    }
    holds.remove(key);
    return h.onEntry() ? Release.RELEASED_ENTRY : Release.RELEASED;
  }

  /** The key of a lock: its identity, or for an unknown object one of its own per acquisition. */
  static String key(LockRef lock, String acquisition) {
    return lock.identity().equals(LockRef.UNKNOWN)
        ? "?" + acquisition + lock.text() : lock.identity();
  }

  /**
   * Whether the very object {@code lock} names is held on every path here, so that taking it is
   * re-entry (never for an unknown object).
   */
  boolean surelyHolds(LockRef lock) {
    if (lock.identity().equals(LockRef.UNKNOWN)) return false;
    Hold h = holds.get(lock.identity());
    return h != null && h.least() > 0;
  }

  /**
   * Takes {@code lock} under {@code key}. Taking an object that may be held already counts up
   * (its first acquisition stays the witness); an unknown object is a new one each time.
   */
  void acquire(String key, LockRef lock, Witness how) {
    Hold h = lock.identity().equals(LockRef.UNKNOWN) ? null : holds.get(key);
    holds.put(key, h != null ? h.taken() : new Hold(new Held(lock, how), 1, 1, false));
  }

  /** Marks what the caller holds: the state on entry. */
  void holdOnEntry(String key, Held held) {
    holds.put(key, new Hold(held, 1, 1, true));
  }

  /**
   * Gives {@code lock} back once. A lock held under another identity but named alike in the
   * source (an unknown object) is the latest such one, as the acquisition that matches it.
   */
  Release release(LockRef lock) {
    String key = holds.containsKey(lock.identity()) ? lock.identity() : latestNamed(lock.text());
    if (key == null) return Release.NOT_HELD;
    Hold h = holds.get(key);
    Hold left = h.given();
    if (left != null) {
      holds.put(key, left);
      return Release.DECREMENTED;
    }
    holds.remove(key);
    return h.onEntry() ? Release.RELEASED_ENTRY : Release.RELEASED;
  }

  private String latestNamed(String text) {
    String key = null;
    Held latest = null;
    for (Map.Entry<String, Hold> e : holds.entrySet()) {
      Held h = e.getValue().held();
      if (h.lock().text().equals(text) && (latest == null || FIRST.compare(h, latest) > 0)) {
        key = e.getKey();
        latest = h;
      }
    }
    return key;
  }

  /** {@code @SortedAcquire}: the class is covered, and all its locks held as one pseudo-lock. */
  void sort(String lockClass, Witness how) {
    covered.add(lockClass);
    LockRef all =
        new LockRef(lockClass, "all " + lockClass + " locks, sorted", SORTED + lockClass, false);
    holds.putIfAbsent(all.identity(), new Hold(new Held(all, how), 1, 1, false));
  }

  Tentative tentative(int var) {
    return pending.get(var);
  }

  void setTentative(int var, Tentative t) {
    pending.put(var, t);
  }

  /** {@code var} is assigned something else: it no longer says whether a lock is held. */
  void kill(int var) {
    pending.remove(var);
    guards.remove(var);
  }

  /**
   * The result of the try at {@code t.site()} is known: on this path the lock was taken or not.
   * Every variable carrying that result is settled with it.
   */
  void settle(Tentative t, boolean taken) {
    pending.values().removeIf(p -> p.site() == t.site() && p.key().equals(t.key()));
    Hold h = holds.get(t.key());
    if (!taken && h != null) {
      Hold left = h.given();
      if (left != null) holds.put(t.key(), left);
      else holds.remove(t.key());
    }
  }

  /**
   * The join of two paths: held is the union (the most count the larger, the least the smaller,
   * 0 where a path does not hold it), covered the intersection.
   */
  static LockState meet(LockState a, LockState b) {
    if (a.equals(b)) return a;
    Map<String, Hold> holds = new HashMap<>();
    for (Map.Entry<String, Hold> e : a.holds.entrySet()) {
      Hold x = e.getValue();
      Hold y = b.holds.get(e.getKey());
      holds.put(e.getKey(), y == null ? x.maybe() : new Hold(
          FIRST.compare(x.held(), y.held()) <= 0 ? x.held() : y.held(),
          Math.max(x.most(), y.most()), Math.min(x.least(), y.least()),
          x.onEntry() || y.onEntry()));
    }
    for (Map.Entry<String, Hold> e : b.holds.entrySet()) {
      if (!a.holds.containsKey(e.getKey())) holds.put(e.getKey(), e.getValue().maybe());
    }
    Set<String> covered = new HashSet<>(a.covered);
    covered.retainAll(b.covered);
    Map<Integer, Tentative> pending = new HashMap<>(a.pending);
    pending.entrySet().removeIf(e -> !e.getValue().equals(b.pending.get(e.getKey())));
    // May: a guard on either path may be the one a later close() releases.
    Map<Integer, Set<String>> guards = new HashMap<>(a.guards);
    for (Map.Entry<Integer, Set<String>> e : b.guards.entrySet()) {
      guards.merge(e.getKey(), e.getValue(), (x, y) -> {
        Set<String> u = new HashSet<>(x);
        u.addAll(y);
        return Set.copyOf(u);
      });
    }
    return new LockState(holds, covered, pending, guards);
  }

  /** The locks that may be held, first acquired first. */
  List<Held> held() {
    if (holds.isEmpty()) return List.of();
    List<Held> out = new ArrayList<>(holds.size());
    for (Hold h : holds.values()) out.add(h.held());
    out.sort(FIRST);
    return List.copyOf(out);
  }

  Set<String> covered() {
    return Set.copyOf(covered);
  }

  /**
   * The locks held here that {@code entry} did not hold: neither the caller's own (released and
   * taken again, they are still the caller's), nor a {@code @SortedAcquire} pseudo-lock (a caller
   * learns that from the annotation, whose must-set an inferred hold could not carry), nor a
   * {@code tryLock} whose result no branch has read yet (whether it is held is up to the caller
   * of a method returning that result: it is a try-acquire, not an acquire).
   */
  Map<String, Held> takenSince(LockState entry) {
    Map<String, Held> out = new HashMap<>();
    for (Map.Entry<String, Hold> e : holds.entrySet()) {
      String key = e.getKey();
      if (entry.holds.containsKey(key) || key.startsWith(SORTED) || isTentative(key)) continue;
      out.put(key, e.getValue().held());
    }
    return out;
  }

  private boolean isTentative(String key) {
    for (Tentative t : pending.values()) if (t.key().equals(key)) return true;
    return false;
  }

  static Comparator<Held> firstAcquired() {
    return FIRST;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) return true;
    return o instanceof LockState s
        && holds.equals(s.holds) && covered.equals(s.covered) && pending.equals(s.pending)
        && guards.equals(s.guards);
  }

  @Override
  public int hashCode() {
    return holds.hashCode() * 31 + covered.hashCode();
  }
}
