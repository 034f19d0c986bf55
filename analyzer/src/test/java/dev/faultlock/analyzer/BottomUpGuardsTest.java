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
 * Guard facts are solved callees first over the call graph's components ({@code
 * locks.GuardSolver}): a lock released through a chain of helpers of any depth is released
 * (H2's {@code commit()} unlocks through a helper), and inside a recursive component the guard
 * facts are solved to their fixpoint.
 */
class BottomUpGuardsTest {
  @TempDir Path dir;

  /**
   * {@code %s}: how {@code commit()} gives its lock back. {@code write} calls it and then takes
   * the journal; {@code flush} takes the journal and then the lock: an inversion exactly when
   * {@code commit()} returns holding the lock.
   */
  private static final String STORE = """
      import java.util.concurrent.locks.ReentrantLock;

      class Store {
        private final ReentrantLock lock = new ReentrantLock();
        private final Object journal = new Object();

        void commit() {
          lock.lock();
          try {
            journal.hashCode();
          } finally {
            %s
          }
        }

        void write() {
          commit();
          synchronized (journal) { }
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

  /** Where the cycle is reported: {@code flush()} taking the lock under the journal. */
  private static final String CYCLE_LINE = "Store.java:25";

  /**
   * {@code Unlock.u1(l)} calls {@code u2(l)} ... up to {@code u<depth>(l)}, whose body is {@code
   * last}: a helper chain one call deeper per method.
   */
  private static String chain(int depth, String last) {
    StringBuilder b = new StringBuilder("import java.util.concurrent.locks.Lock;\n\nfinal class Unlock {\n");
    for (int i = 1; i < depth; i++) {
      b.append("  static void u").append(i).append("(Lock l) { u").append(i + 1).append("(l); }\n");
    }
    b.append("  static void u").append(depth).append("(Lock l) { ").append(last).append(" }\n}\n");
    return b.toString();
  }

  @Test
  void aReleaseThroughAHelperChainDeeperThanEightCallsIsARelease() throws IOException {
    AppProgram.write(dir, "Unlock.java", chain(12, "l.unlock();"));
    AppProgram.write(dir, "Store.java", STORE.formatted("Unlock.u1(lock);"));
    assertThat(analyse()).isEmpty();
  }

  @Test
  void aHelperChainThatNeverReleasesLeavesTheLockHeld() throws IOException {
    AppProgram.write(dir, "Unlock.java", chain(12, "l.hashCode();"));
    AppProgram.write(dir, "Store.java", STORE.formatted("Unlock.u1(lock);"));
    List<Finding> findings = analyse();
    assertThat(lines(findings)).containsExactly(CYCLE_LINE);
    assertThat(findings.get(0).message()).contains("Store.journal -> Store.lock -> Store.journal");
  }

  /** Mutual recursion down to the release: the component's guard facts reach their fixpoint. */
  @Test
  void aReleaseInsideARecursiveComponentIsARelease() throws IOException {
    AppProgram.write(dir, "Unlock.java", """
        import java.util.concurrent.locks.Lock;

        final class Unlock {
          static void down(Lock l, int n) {
            if (n > 0) {
              across(l, n - 1);
            } else {
              l.unlock();
            }
          }

          static void across(Lock l, int n) {
            down(l, n);
          }
        }
        """);
    AppProgram.write(dir, "Store.java", STORE.formatted("Unlock.down(lock, 3);"));
    assertThat(analyse()).isEmpty();
  }

  /** A guard factory that recurses before it locks: still a guard, so the lock is held. */
  @Test
  void aRecursiveGuardFactoryHoldsTheLock() throws IOException {
    AppProgram.write(dir, "Unlock.java", """
        import java.util.concurrent.locks.Lock;

        final class Unlock {
          static void take(Lock l, int n) {
            if (n > 0) {
              take(l, n - 1);
            } else {
              l.lock();
            }
          }
        }
        """);
    // commit() takes the lock once more through the factory and gives one hold back.
    AppProgram.write(dir, "Store.java", STORE.formatted("lock.unlock(); Unlock.take(lock, 3);"));
    List<Finding> findings = analyse();
    assertThat(lines(findings)).containsExactly(CYCLE_LINE);
  }

  /**
   * A helper that gives its caller's lock back and takes it again ({@code
   * PriorityBlockingQueue.tryGrow}, H2's {@code RandomAccessStore.store(long, long)}) leaves the
   * caller's lock as it was: it is no guard, and its caller's {@code finally} releases the lock.
   */
  @Test
  void aHelperThatReleasesAndRetakesTheCallersLockIsNoGuard() throws IOException {
    AppProgram.write(dir, "Unlock.java", """
        import java.util.concurrent.locks.Lock;

        final class Unlock {
          static void grow(Lock l, Object work) {
            l.unlock();
            work.hashCode();
            l.lock();
          }
        }
        """);
    AppProgram.write(dir, "Store.java", STORE.formatted("lock.unlock();")
        .replace("    lock.lock();\n    try {\n      journal.hashCode();", "    lock.lock();\n    while (journal.hashCode() > 0) Unlock.grow(lock, journal);\n    try {\n      journal.hashCode();"));
    assertThat(analyse()).isEmpty();
  }

  /** A lock taken through two nested helpers is handed over to the caller: still held. */
  @Test
  void aLockTakenThroughAShallowHelperChainIsHeld() throws IOException {
    AppProgram.write(dir, "Unlock.java", chain(2, "l.lock();"));
    AppProgram.write(dir, "Store.java", STORE.formatted("lock.unlock(); Unlock.u1(lock);"));
    assertThat(lines(analyse())).containsExactly(CYCLE_LINE);
  }

  /**
   * Deeper than {@code Guards.HANDED_OVER}, a lock left held is not handed over: the bound that
   * keeps a lock an analysis error left held from climbing every call chain (on H2 it did).
   */
  @Test
  void aLockLeftHeldDeeperThanTheBoundIsNotHandedOver() throws IOException {
    AppProgram.write(dir, "Unlock.java", chain(6, "l.lock();"));
    AppProgram.write(dir, "Store.java", STORE.formatted("lock.unlock(); Unlock.u1(lock);"));
    assertThat(analyse()).isEmpty();
  }

  /**
   * A body-only edit deep in the chain changes a guard fact of a method in another file: the
   * caller's stored facts, solved with the old guards, are not reused, and the cached run gives
   * what a run without a cache gives (and the other way back).
   */
  @Test
  void aGuardChangedDeepInTheChainInvalidatesTheStoredCallers() throws IOException {
    Path cache = dir.resolve("cache");
    AppProgram.write(dir, "Store.java", STORE.formatted("Unlock.u1(lock);"));
    AppProgram.write(dir, "Unlock.java", chain(12, "l.unlock();"));
    assertThat(cached(cache)).isEmpty();
    AppProgram.write(dir, "Unlock.java", chain(12, "l.hashCode();"));
    assertThat(lines(cached(cache))).containsExactly(CYCLE_LINE);
    assertThat(lines(analyse())).containsExactly(CYCLE_LINE);
    AppProgram.write(dir, "Unlock.java", chain(12, "l.unlock();"));
    assertThat(cached(cache)).isEmpty();
  }

  private List<Finding> cached(Path cache) {
    return Analyzer.analyze(
        AnalyzerOptions.builder().source(dir.resolve("app")).jobs(2).cacheDir(cache).build())
        .findings();
  }

  private List<Finding> analyse() {
    return AppProgram.analyse(dir.resolve("app"), Rule.LOCK_ORDER_INVERSION);
  }
}
