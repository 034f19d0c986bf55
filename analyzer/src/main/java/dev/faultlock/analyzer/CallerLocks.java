package dev.faultlock.analyzer;

import dev.faultlock.locks.Held;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.LockRef;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a method's callers hold whenever they run it, for a method whose every caller the analysis
 * sees: the lock classes all of them hold, exclusively (an inferred {@code @Holding}: the gate
 * locks of the edges the method makes), and whether a lock it takes is one every caller already
 * holds (Lucene's {@code DocumentsWriterFlushControl.markForFullFlush}, run only from {@code
 * DocumentsWriter.flushAllThreads} inside {@code synchronized (this)}, takes that very writer
 * back through {@code documentsWriter}). The classes are a must-analysis over the call graph:
 * the greatest fixpoint of "the intersection, over the calls that may run the method, of the
 * classes held at the call and held on the caller's own entry".
 *
 * <p>Only a method no code outside the program can call has such callers: one that is private
 * or package-private, not an interface member nor a lambda, called by at least one program call,
 * never run as a function bound by shape (a lambda or method reference handed to the call) and
 * not named by any method reference (which a library may run with nothing held). Every other
 * method may be entered with no lock held. A read (shared) lock gates nothing: two threads hold
 * it at once. A method left unreached from any open one (dead code, or recursion no open method
 * enters) holds nothing either.
 */
final class CallerLocks {
  private final Map<MethodInfo, Set<String>> entry;
  private final Map<MethodInfo, List<Site>> sites;

  private CallerLocks(Map<MethodInfo, Set<String>> entry, Map<MethodInfo, List<Site>> sites) {
    this.entry = entry;
    this.sites = sites;
  }

  /** The classes held on entry to {@code m} by every caller; empty when none is known. */
  Set<String> of(MethodInfo m) {
    Set<String> s = entry.get(m);
    return s == null ? Set.of() : s;
  }

  /**
   * Whether every caller of {@code m} already holds {@code lock} (as {@code m} names it) when it
   * calls: the lock as the caller names it is a lock it holds, or that lock's own object reached
   * back through another ({@code this.flushControl.documentsWriter} under {@code this}, see
   * {@link #roundTrip}). Then {@code m} taking it waits for nothing. Only for a method whose
   * callers are all known ({@link #of}).
   */
  boolean allHold(MethodInfo m, LockRef lock) {
    if (!entry.containsKey(m) || lock.identity().equals(LockRef.UNKNOWN)) return false;
    for (Site s : sites.get(m)) {
      LockRef theirs = lock.asSeenBy(s.call().context(), m, s.caller());
      boolean held = false;
      for (Held h : s.call().held()) {
        if (!h.isSortedSet() && (theirs.sameObject(h.lock()) || roundTrip(h.lock(), theirs))) {
          held = true;
          break;
        }
      }
      if (!held) return false;
    }
    return true;
  }

  /**
   * Whether {@code lock} is {@code held}'s object reached through two or more fields, from it
   * back to its lock class ({@code this} and {@code this.flushControl.documentsWriter}): a
   * back-pointer to the owner, as {@code UnsortedSameClassLocks} reads it too.
   */
  static boolean roundTrip(LockRef held, LockRef lock) {
    String h = held.identity();
    String l = lock.identity();
    if (!held.lockClass().equals(lock.lockClass()) || h.equals(LockRef.UNKNOWN)
        || l.indexOf('(') >= 0 || !l.startsWith(h + ".")) {
      return false;
    }
    return l.substring(h.length() + 1).indexOf('.') >= 0;
  }

  /** The callers of the methods of {@code facts}. */
  static CallerLocks of(List<MethodFacts> facts, ProgramIndex index) {
    Map<MethodInfo, List<Site>> sites = new HashMap<>();
    Set<MethodInfo> open = new HashSet<>();
    for (MethodFacts f : facts) {
      for (LockEvent e : f.events()) {
        if (!(e instanceof LockEvent.Call c)) continue;
        for (MethodInfo t : c.targets()) {
          if (c.runsAsFunction(t)) open.add(t);
          else sites.computeIfAbsent(t, k -> new ArrayList<>()).add(new Site(f.method(), c));
        }
      }
    }
    // null: not yet known (the top of the lattice); a closed method starts there.
    Map<MethodInfo, Set<String>> entry = new HashMap<>();
    Map<MethodInfo, List<MethodInfo>> callees = new HashMap<>();
    for (Map.Entry<MethodInfo, List<Site>> s : sites.entrySet()) {
      MethodInfo m = s.getKey();
      if (!m.isPackageInternal() || open.contains(m) || index.isMethodReferenced(m.name())) continue;
      entry.put(m, null);
      for (Site site : s.getValue()) {
        callees.computeIfAbsent(site.caller(), k -> new ArrayList<>()).add(m);
      }
    }
    Deque<MethodInfo> work = new ArrayDeque<>(entry.keySet());
    Set<MethodInfo> queued = new HashSet<>(work);
    while (!work.isEmpty()) {
      MethodInfo m = work.poll();
      queued.remove(m);
      Set<String> now = null;
      for (Site site : sites.get(m)) {
        Set<String> before = entry.containsKey(site.caller()) ? entry.get(site.caller()) : Set.of();
        if (before == null) continue;
        Set<String> here = exclusive(site.call().held());
        here.addAll(before);
        if (now == null) now = here;
        else now.retainAll(here);
      }
      if (now == null || now.equals(entry.get(m))) continue;
      entry.put(m, now);
      for (MethodInfo c : callees.getOrDefault(m, List.of())) if (queued.add(c)) work.add(c);
    }
    // Unreached from any open method: nothing known of its callers.
    entry.values().removeIf(s -> s == null);
    return new CallerLocks(entry, sites);
  }

  /** The classes of the locks {@code held} exclusively (not a read lock, not a sorted set). */
  private static Set<String> exclusive(List<Held> held) {
    Set<String> out = new TreeSet<>();
    for (Held h : held) if (!h.isSortedSet() && !h.lock().shared()) out.add(h.lock().lockClass());
    return out;
  }

  /** A call that may run a method, in {@code caller}. */
  private record Site(MethodInfo caller, LockEvent.Call call) {}
}
