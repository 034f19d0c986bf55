package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.AppProgram.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock taken through a guard factory and released by the guard's {@code close()} at the end of
 * try-with-resources (memoryfilesystem's {@code AutoReleaseLock.autoRelease(lock)}) is held in
 * between, with no annotation: the factory is inferred to acquire it, the guard's close to
 * release it.
 */
class GuardsTest {
  @TempDir Path dir;

  private static final String GUARD = """
      import java.util.concurrent.locks.Lock;

      final class Guard implements AutoCloseable {
        private final Lock lock;

        private Guard(Lock lock) {
          this.lock = lock;
        }

        @Override
        public void close() {
          lock.unlock();
        }

        static Guard hold(Lock lock) {
          lock.lock();
          return new Guard(lock);
        }
      }
      """;

  /** {@code %s}: what {@code write} does with the journal while it may hold the store's lock. */
  private static final String STORE = """
      import java.util.concurrent.locks.ReentrantLock;

      class Store {
        private final ReentrantLock lock = new ReentrantLock();
        private final Object journal = new Object();

        Guard locked() {
          return Guard.hold(lock);
        }

        void write() {
          %s
        }

        void flush() {
          synchronized (journal) {
            lock.lock();
            try {
              journal.notifyAll();
            } finally {
              lock.unlock();
            }
          }
        }
      }
      """;

  @Test
  void aLockTakenThroughAGuardIsHeldUntilTheGuardCloses() throws IOException {
    write(STORE.formatted("try (Guard g = Guard.hold(lock)) { synchronized (journal) { } }"));
    List<Finding> findings = analyse();
    assertThat(lines(findings)).containsExactly("Store.java:19");
    assertThat(findings.get(0).message()).contains("Store.journal -> Store.lock -> Store.journal");
  }

  @Test
  void aGuardOfAGuardHoldsTheLockToo() throws IOException {
    write(STORE.formatted("try (Guard g = locked()) { synchronized (journal) { } }"));
    assertThat(lines(analyse())).containsExactly("Store.java:19");
  }

  @Test
  void aGuardClosedBeforeTheNestedLockOrdersNothing() throws IOException {
    write(STORE.formatted("""
        try (Guard g = Guard.hold(lock)) { journal.hashCode(); }
            synchronized (journal) { }"""));
    assertThat(analyse()).isEmpty();
  }

  /**
   * A guard read back from the per-file cache is still a guard: editing only its caller gives
   * the finding a run without a cache gives.
   */
  @Test
  void aGuardStoredInTheCacheStillHolds() throws IOException {
    Path cache = dir.resolve("cache");
    write(STORE.formatted("journal.hashCode();"));
    assertThat(cached(cache)).isEmpty();
    AppProgram.write(dir, "Store.java",
        STORE.formatted("try (Guard g = Guard.hold(lock)) { synchronized (journal) { } }"));
    assertThat(lines(cached(cache))).containsExactly("Store.java:19");
  }

  /**
   * jimfs's {@code JimfsFileChannel.write}: {@code lockInterruptibly(); try {..} finally {
   * file().unlock(); }} inside {@code catch (InterruptedException e)}. The accessor in the
   * {@code finally} cannot throw an {@code InterruptedException}, so no path returns holding the
   * lock: the method is no guard, and its caller's later {@code synchronized (journal)} orders
   * nothing after the lock.
   */
  @Test
  void aLockReleasedInAFinallyInsideACheckedCatchIsNoGuard() throws IOException {
    write(STORE.formatted("""
        try {
              lock.lockInterruptibly();
              try {
                journal.hashCode();
              } finally {
                fileLock().unlock();
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          ReentrantLock fileLock() {
            return lock;
          }

          void save() {
            write();
            synchronized (journal) { }"""));
    assertThat(analyse()).isEmpty();
  }

  private List<Finding> cached(Path cache) {
    return Analyzer.analyze(
        AnalyzerOptions.builder().source(dir.resolve("app")).jobs(2).cacheDir(cache).build())
        .findings();
  }

  private void write(String store) throws IOException {
    AppProgram.write(dir, "Guard.java", GUARD);
    AppProgram.write(dir, "Store.java", store);
  }

  private List<Finding> analyse() {
    return AppProgram.analyse(dir, Rule.LOCK_ORDER_INVERSION);
  }
}
