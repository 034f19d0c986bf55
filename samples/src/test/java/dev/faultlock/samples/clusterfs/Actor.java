package dev.faultlock.samples.clusterfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** One named thread that runs what a test gives it, so that locks have a holder other than the test. */
final class Actor {
  private final AtomicReference<Thread> thread = new AtomicReference<>();
  private final ExecutorService executor;

  Actor(String name) {
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              thread.set(t);
              return t;
            });
  }

  /** Starts {@code task} on the actor's thread. */
  <T> Future<T> start(Callable<T> task) {
    return executor.submit(task);
  }

  /** Runs {@code task} on the actor's thread and returns its result. */
  <T> T call(Callable<T> task) throws Exception {
    return start(task).get(5, TimeUnit.SECONDS);
  }

  Thread thread() {
    return thread.get();
  }

  /** Waits until the actor is blocked in {@code locks}. */
  void awaitWaiting(LockManager locks) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (locks.waitForGraph().waitingFor(thread()).isEmpty()) {
      assertThat(System.nanoTime() - deadline).as(thread() + " never blocked").isNegative();
      TimeUnit.MILLISECONDS.sleep(1);
    }
  }

  /** Interrupts what the actor is doing and waits for its thread to end. */
  void stop() throws InterruptedException {
    executor.shutdownNow();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).as("actor ended").isTrue();
  }
}
