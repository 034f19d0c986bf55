package dev.faultlock.pta;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * Pointers whose points-to sets are to grow, each with the objects still to add (Tai-e's {@code
 * WorkList} of (pointer, delta) pairs): a pointer already waiting merges a new delta into its
 * own instead of queueing again, so each round propagates one union.
 *
 * <p>A delta is kept, not copied, until a second one arrives (one propagation hands the same
 * delta to every successor): callers hand over a bitmap no one changes afterwards. Keeping every
 * delta and uniting them once at {@link #take} was tried: fewer unions, but on java.base the
 * waiting lists held the heap at its 3 GB bound and the solve got slower. From the second delta
 * on the pointer's objects are a {@link Union}, which unites lazily.
 */
final class WorkList {
  private final ArrayDeque<Integer> queue = new ArrayDeque<>();
  private RoaringBitmap[] pending = new RoaringBitmap[1024];

  void add(int pointer, RoaringBitmap objects) {
    if (pointer >= pending.length) pending = Arrays.copyOf(pending, Math.max(pointer + 1, pending.length * 2));
    RoaringBitmap p = pending[pointer];
    if (p == null) {
      pending[pointer] = objects;
      queue.add(pointer);
    } else if (p == objects) {
      return;
    } else if (p instanceof Union u) {
      u.unite(objects);
    } else {
      Union u = new Union();
      u.unite(p);
      u.unite(objects);
      pending[pointer] = u;
    }
  }

  /**
   * The objects waiting for one pointer, from several deltas, united by RoaringBitmap's lazy
   * union: a container past 1,024 objects turns into a bitmap at once, so each further (mostly
   * small) delta costs its own size, not the set's. A plain union merges two sorted arrays of up
   * to 4,096 objects every time: on java.base that was a fifth of the solve. Repaired (its
   * cardinalities counted, small bitmaps turned back into arrays) once, when taken.
   */
  private static final class Union extends RoaringBitmap {
    void unite(RoaringBitmap delta) {
      lazyor(delta);
    }

    RoaringBitmap repaired() {
      repairAfterLazy();
      return this;
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
    return p instanceof Union u ? u.repaired() : p;
  }
}
