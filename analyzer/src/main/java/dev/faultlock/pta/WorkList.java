package dev.faultlock.pta;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import org.roaringbitmap.RoaringBitmap;

/**
 * Pointers whose points-to sets are to grow, each with the objects still to add (Tai-e's {@code
 * WorkList} of (pointer, delta) pairs): a pointer already waiting merges a new delta into its
 * own instead of queueing again, so each round propagates one union.
 *
 * <p>A delta is kept, not copied, until a second one arrives (one propagation hands the same
 * delta to every successor): callers hand over a bitmap no one changes afterwards. Keeping every
 * delta and uniting them once at {@link #take} was tried: fewer unions, but on java.base the
 * waiting lists held the heap at its 3 GB bound and the solve got slower.
 */
final class WorkList {
  private final ArrayDeque<Integer> queue = new ArrayDeque<>();
  private RoaringBitmap[] pending = new RoaringBitmap[1024];
  /** The waiting pointers whose set is their own (made by a merge), so it may grow in place. */
  private final BitSet owned = new BitSet();

  void add(int pointer, RoaringBitmap objects) {
    if (pointer >= pending.length) pending = Arrays.copyOf(pending, Math.max(pointer + 1, pending.length * 2));
    RoaringBitmap p = pending[pointer];
    if (p == null) {
      pending[pointer] = objects;
      queue.add(pointer);
    } else if (p == objects) {
      return;
    } else if (owned.get(pointer)) {
      p.or(objects);
    } else {
      pending[pointer] = RoaringBitmap.or(p, objects);
      owned.set(pointer);
    }
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** The next pointer; {@link #take} gives its objects. */
  int poll() {
    return queue.poll();
  }

  /**
   * The objects waiting for {@code pointer}, or {@code null} if none (a pointer still queued
   * whose objects were taken when its copy cycle was collapsed): shared, do not modify.
   */
  RoaringBitmap take(int pointer) {
    RoaringBitmap p = pending[pointer];
    pending[pointer] = null;
    owned.clear(pointer);
    return p;
  }
}
