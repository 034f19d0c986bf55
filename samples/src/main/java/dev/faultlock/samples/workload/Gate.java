package dev.faultlock.samples.workload;

import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where a worker may be held up just before its copy touches the caller's buffer, that is, after
 * the file operation took its own lock and before any fault: the point that decides whether the
 * ABBA interleaving happens. A gate never throws: an interrupt stays set, and the next lock wait
 * reports it.
 */
@FunctionalInterface
public interface Gate {
  /** Called by a worker before each copy to or from its buffer. */
  void pass();

  /** No hold-up. */
  static Gate open() {
    return () -> {};
  }

  /**
   * Holds each thread at its first copy until {@code parties} threads have arrived there, or
   * {@code patience} has passed. With the buggy variant every party holds its own lock on
   * arrival, so the faults that follow deadlock every time.
   */
  static Gate rendezvous(int parties, Duration patience) {
    CountDownLatch arrivals = new CountDownLatch(parties);
    Set<Thread> arrived = ConcurrentHashMap.newKeySet();
    return () -> {
      if (arrived.add(Thread.currentThread())) {
        arrivals.countDown();
        try {
          arrivals.await(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  /**
   * Before each copy, at random: no pause, a pause of a microsecond (in effect, a chance for the
   * other thread to run), or a pause of up to a millisecond.
   */
  static Gate jitter(long seed) {
    Random random = new Random(seed);
    return () -> {
      switch (random.nextInt(3)) {
        case 0 -> {}
        case 1 -> LockSupport.parkNanos(1_000);
        default -> LockSupport.parkNanos(random.nextInt(1_000_000));
      }
    };
  }
}
