package dev.faultlock.source;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs per-file work on a fixed number of threads. The threads get a large stack because both
 * JavaParser and the fact extraction recurse over the syntax tree, and deeply nested (generated)
 * code must become a problem report, not a crash of the whole run.
 */
public final class Workers {
  private static final long STACK_BYTES = 64L * 1024 * 1024;

  private Workers() {}

  /** Calls {@code task} for each index in {@code [0, count)} on {@code jobs} threads. */
  public static void run(int jobs, int count, IntConsumer task) {
    if (count == 0) return;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger id = new AtomicInteger();
    int threads = Math.min(jobs, count);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(null, r, "faultlock-" + id.incrementAndGet(), STACK_BYTES);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.accept(i);
                  }
                }));
      }
      for (Future<?> f : futures) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) throw re;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
