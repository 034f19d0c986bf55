package dev.faultlock.summary;

import com.google.common.collect.Iterables;
import dev.faultlock.findings.Confidence;
import dev.faultlock.locks.LockRef;
import dev.faultlock.locks.Witness;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a call may do, transitively: the locks it may acquire (blocking) and the fault domains it
 * may fault in, each with the best witness chain found ({@link Witness#better}: a sure one, then
 * the shortest).
 */
public final class Effects {
  /** Beyond this many distinct locks per method, only new lock classes are kept. */
  private static final int MAX_ACQUIRES = 64;

  /**
   * A lock the call may acquire, relative to the callee ({@code this.lock}).
   *
   * @param approximate known only from the shared summary of a large recursive component
   *     ({@link SummaryComputer}): some member acquires it, not necessarily on a path from the
   *     call; the lock-order rules do not rely on it
   */
  public record Acquire(LockRef lock, Witness witness, boolean approximate) {
    long rank() {
      return Effects.rank(approximate, Witness.rank(witness));
    }
  }

  /**
   * Which acquisitions are the same lock: its class, identity and mode (not how the code spells
   * it). A record rather than a joined string: a large program holds millions of these keys.
   */
  private record Key(String lockClass, String identity, boolean shared) {}

  /**
   * A fault the call may take.
   *
   * @param witness the chain from the call to the faulting copy; {@code null} when the call
   *     itself is the copy (a {@code @MayFault} method)
   * @param covered lock classes a {@code @SortedAcquire} on the way already holds
   */
  public record Fault(String domain, Witness witness, Set<String> covered) {}

  private final Map<Key, Acquire> acquires = new LinkedHashMap<>();
  private final Map<String, Fault> faults = new LinkedHashMap<>();
  /**
   * For a member of a large recursive component, the component's shared summary ({@link
   * SummaryComputer}): what the member does beyond the locks it is known to take on its own
   * paths. Its acquisitions follow the member's own, and its faults are the member's; {@code
   * null} for every other method.
   */
  private final Effects widened;

  public Effects() {
    this(null);
  }

  /** Effects that widen to {@code widened} beyond what is added to them ({@link #widened}). */
  Effects(Effects widened) {
    this.widened = widened;
  }
  /**
   * The lock classes of {@link #acquires}, made once there are {@link #MAX_ACQUIRES} of them (most
   * methods never get there, and hashing every class name was a tenth of the summaries' time).
   */
  private Set<String> classes;

  /** The acquisitions, the member's own then its component's shared ones, read without a copy. */
  public Iterable<Acquire> acquires() {
    return widened == null ? acquires.values()
        : Iterables.concat(acquires.values(), widened.acquires());
  }

  /**
   * These effects as a call of confidence {@code step} sees them: for a member of a large
   * recursive component ({@link SummaryComputer}), its component's shared summary unless the
   * call is sure. A guessed call into the component, measured, made cycles by the dozen out of
   * a few edges (docs/evaluation.md); its locks stay approximate, as before there was a layer of
   * the member's own.
   */
  public Effects seenThrough(Confidence step) {
    return widened == null || step == Confidence.HIGH ? this : widened;
  }

  /**
   * Whether these are the effects of a member of the same large recursive component as {@code
   * other}'s ({@link SummaryComputer}): a call from one to the other is a step through the
   * component, which the rules take as unsure.
   */
  public boolean sameLargeComponent(Effects other) {
    return widened != null && other != null && widened == other.widened;
  }

  public Collection<Fault> faults() {
    return widened == null ? faults.values() : widened.faults();
  }

  /**
   * Where an offer of a lock stands among the offers of that lock, lower being better: one found
   * on a real path before an {@code approximate} one, then by its witness's {@link Witness#rank}.
   */
  static long rank(boolean approximate, long witnessRank) {
    return (approximate ? 1L << 33 : 0) | witnessRank;
  }

  /** Adds an acquisition; true when it is new or has a better witness than the known one. */
  public boolean addAcquire(LockRef lock, Witness witness) {
    return addAcquire(lock, witness, false, UnaryOperator.identity());
  }

  /**
   * Adds an acquisition; true when it is new, or better than the known one: found on a real path
   * where that one is {@code approximate}, else with a {@linkplain Witness#better better}
   * witness. What is stored is {@code
   * stored.apply(lock)}: a caller that re-expresses many locks shares equal ones only for those
   * it keeps, most being known already.
   */
  public boolean addAcquire(
      LockRef lock, Witness witness, boolean approximate, UnaryOperator<LockRef> stored) {
    Key key = new Key(lock.lockClass(), lock.identity(), lock.shared());
    Acquire known = acquires.get(key);
    if (known == null) {
      if (acquires.size() >= MAX_ACQUIRES) {
        if (classes == null) {
          classes = new HashSet<>();
          for (Key k : acquires.keySet()) classes.add(k.lockClass());
        }
        if (classes.contains(lock.lockClass())) return false;
      }
      acquires.put(key, new Acquire(stored.apply(lock), witness, approximate));
      if (classes != null) classes.add(lock.lockClass());
      return true;
    }
    if (rank(approximate, Witness.rank(witness)) < known.rank()) {
      acquires.put(key, new Acquire(stored.apply(lock), witness, approximate));
      return true;
    }
    return false;
  }

  /**
   * Adds a fault path; per domain the path with the fewest covered classes wins, then the
   * {@linkplain Witness#better better} witness. True when something changed.
   */
  public boolean addFault(String domain, Witness witness, Set<String> covered) {
    String key = domain + '|' + String.join(",", new java.util.TreeSet<>(covered));
    Fault known = faults.get(key);
    if (known == null) {
      for (Fault f : faults.values()) {
        if (f.domain().equals(domain) && covered.containsAll(f.covered())) return false;
      }
      faults.put(key, new Fault(domain, witness, Set.copyOf(covered)));
      return true;
    }
    if (Witness.better(witness, known.witness())) {
      faults.put(key, new Fault(domain, witness, known.covered()));
      return true;
    }
    return false;
  }

  public void clearFaults() {
    faults.clear();
  }

  public boolean isEmpty() {
    return acquires.isEmpty() && faults.isEmpty() && (widened == null || widened.isEmpty());
  }
}
