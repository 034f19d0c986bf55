package dev.faultlock.pta;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * Pointers whose points-to sets are to grow, each with the objects still to add (Tai-e's {@code
 * WorkList} of (pointer, delta) pairs): a pointer already waiting merges a new delta into its
 * own instead of queueing again, so each round propagates one union.
 */
final class WorkList {
  private final ArrayDeque<Integer> queue = new ArrayDeque<>();
  private RoaringBitmap[] pending = new RoaringBitmap[1024];

  void add(int pointer, RoaringBitmap objects) {
    if (pointer >= pending.length) pending = Arrays.copyOf(pending, Math.max(pointer + 1, pending.length * 2));
    RoaringBitmap p = pending[pointer];
    if (p == null) {
      pending[pointer] = objects.clone();
      queue.add(pointer);
    } else {
      p.or(objects);
    }
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** The next pointer; {@link #take} gives its objects. */
  int poll() {
    return queue.poll();
  }

  RoaringBitmap take(int pointer) {
    RoaringBitmap p = pending[pointer];
    pending[pointer] = null;
    return p;
  }
}
