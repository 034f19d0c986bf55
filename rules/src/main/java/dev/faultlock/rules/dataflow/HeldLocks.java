package dev.faultlock.rules.dataflow;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.faultlock.rules.locks.LockOps;
import dev.faultlock.rules.locks.LockRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.cfg.visualize.CFGVisualizer;
import org.checkerframework.errorprone.dataflow.expression.JavaExpression;

/**
 * The dataflow fact at a program point: the explicitly acquired locks that may be held (a union
 * at joins: a copy reached with the lock held on any path is at risk), and the lock classes that a
 * {@code @SortedAcquire} call has certainly pre-acquired (an intersection at joins: the cure must
 * dominate the copy). Immutable; {@link #copy()} returns itself.
 */
public final class HeldLocks implements Store<HeldLocks> {
  static final HeldLocks EMPTY = new HeldLocks(ImmutableMap.of(), ImmutableSet.of());

  private final ImmutableMap<String, HeldLock> held;
  private final ImmutableSet<String> sortedClasses;

  private HeldLocks(ImmutableMap<String, HeldLock> held, ImmutableSet<String> sortedClasses) {
    this.held = held;
    this.sortedClasses = sortedClasses;
  }

  /**
   * What a body holds on entry: the locks of its method's preconditions ({@code @Holding} and the
   * like); nothing for a lambda ({@code method} null), which may run anywhere.
   */
  static HeldLocks onEntry(MethodSymbol method, VisitorState state) {
    HeldLocks entry = EMPTY;
    if (method != null) {
      for (LockRef lock : LockOps.heldOnEntry(method, state)) {
        entry = entry.acquire(lock, true);
      }
    }
    return entry;
  }

  /** Held locks, in acquisition order, keyed by {@link LockRef#key()}. */
  public ImmutableMap<String, HeldLock> held() {
    return held;
  }

  /** Lock classes pre-acquired by a dominating {@code @SortedAcquire} call. */
  public ImmutableSet<String> sortedClasses() {
    return sortedClasses;
  }

  HeldLocks acquire(LockRef lock, boolean waited) {
    HeldLock existing = held.get(lock.key());
    if (existing != null && (existing.waited() || !waited)) {
      return this; // re-entry keeps the first acquisition
    }
    Map<String, HeldLock> next = new LinkedHashMap<>(held);
    next.put(lock.key(), new HeldLock(lock, waited));
    return new HeldLocks(ImmutableMap.copyOf(next), sortedClasses);
  }

  HeldLocks release(LockRef lock) {
    if (!held.containsKey(lock.key())) {
      return this;
    }
    Map<String, HeldLock> next = new LinkedHashMap<>(held);
    next.remove(lock.key());
    return new HeldLocks(ImmutableMap.copyOf(next), sortedClasses);
  }

  HeldLocks sorted(String lockClass) {
    if (sortedClasses.contains(lockClass)) {
      return this;
    }
    return new HeldLocks(
        held, ImmutableSet.<String>builder().addAll(sortedClasses).add(lockClass).build());
  }

  @Override
  public HeldLocks copy() {
    return this;
  }

  @Override
  public HeldLocks leastUpperBound(HeldLocks other) {
    if (equals(other)) {
      return this; // most joins meet the same facts: no new maps
    }
    Map<String, HeldLock> union = new LinkedHashMap<>(held);
    other.held.forEach(
        (key, lock) -> union.merge(key, lock, (a, b) -> a.waited() ? a : b));
    return new HeldLocks(
        ImmutableMap.copyOf(union),
        ImmutableSet.copyOf(Sets.intersection(sortedClasses, other.sortedClasses)));
  }

  @Override
  public HeldLocks widenedUpperBound(HeldLocks previous) {
    // The lattice is finite per method (the lock expressions it names): no widening needed.
    return leastUpperBound(previous);
  }

  @Override
  public boolean canAlias(JavaExpression a, JavaExpression b) {
    return true;
  }

  @Override
  public String visualize(CFGVisualizer<?, HeldLocks, ?> visualizer) {
    return toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeldLocks other
        && held.equals(other.held)
        && sortedClasses.equals(other.sortedClasses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(held, sortedClasses);
  }

  @Override
  public String toString() {
    return "HeldLocks" + held.keySet() + " sorted" + sortedClasses;
  }
}
