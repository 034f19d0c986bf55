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
 * Where the lock-order graph no longer takes edges from (docs/evaluation.md): a task handed to an
 * executor runs on another thread, not under the caller's locks; and a lock known only from the
 * shared summary of a large recursive component is not an edge (a cycle through one was an
 * artefact of the summary on every real program read; the cost is a real cycle through such a
 * component, shown here).
 */
class LockOrderPrecisionTest {
  @TempDir Path dir;

  private static final String POOL = """
      import java.util.List;
      import java.util.concurrent.ExecutorService;

      class Pool {
        private final Object a = new Object();
        private final Object b = new Object();
        private ExecutorService executor;
        private List<String> names;

        void one() {
          synchronized (a) {
            %s
          }
        }

        void two() {
          synchronized (b) {
            synchronized (a) { }
          }
        }
      }
      """;

  @Test
  void aTaskSubmittedToAnExecutorDoesNotRunUnderTheCallersLocks() throws IOException {
    write("Pool.java", POOL.formatted("executor.submit(() -> { synchronized (b) { } });"));
    assertThat(analyse()).isEmpty();
  }

  @Test
  void aFunctionALibraryRunsInPlaceRunsUnderTheCallersLocks() throws IOException {
    write("Pool.java", POOL.formatted("names.forEach(n -> { synchronized (b) { } });"));
    assertThat(lines(analyse())).containsExactly("Pool.java:14");
  }

  /**
   * An exception made under a lock runs its constructor's synchronized methods on an object no
   * other thread can see yet (Throwable.fillInStackTrace, the JDK's most common "cycle"): it
   * orders nothing. The same class's monitor taken on a shared object does.
   */
  private static final String FAILURE =
      """
      class Failure extends RuntimeException {
        Failure() { fill(); }
        synchronized void fill() { }
        synchronized void report(Queue q) { q.add(); }
      }

      class Queue {
        private final Object lock = new Object();
        private final Failure last = new Failure();
        void add() { synchronized (lock) { %s } }
      }
      """;

  @Test
  void aLockOfAnObjectStillUnderConstructionOrdersNothing() throws IOException {
    write("Queue.java", FAILURE.formatted("throw new Failure();"));
    assertThat(analyse()).isEmpty();
  }

  @Test
  void theSameMonitorOfASharedObjectIsPartOfACycle() throws IOException {
    write("Queue.java", FAILURE.formatted("last.fill();"));
    assertThat(lines(analyse())).containsExactly("Queue.java:6");
  }

  @Test
  void aCycleThroughASmallRecursiveComponentIsReported() throws IOException {
    write("Ring.java", ring(10));
    assertThat(lines(analyse())).containsExactly("Ring.java:10");
  }

  @Test
  void aCycleThroughALargeComponentsSharedSummaryIsNot() throws IOException {
    write("Ring.java", ring(40));
    assertThat(analyse()).isEmpty();
  }

  /**
   * {@code size} methods calling each other in a ring (one recursive component): {@code m0}
   * holds {@code A} while it enters the ring, {@code m5} takes {@code B}; {@code other} takes
   * {@code B} then {@code A}.
   */
  private static String ring(int size) {
    StringBuilder s = new StringBuilder("""
        class Ring {
          static final Object A = new Object();
          static final Object B = new Object();
          int depth;

          void m0() {
            synchronized (A) {
              m1();
            }
          }

          void other() {
            synchronized (B) {
              synchronized (A) { }
            }
          }
        """);
    for (int i = 1; i < size; i++) {
      String lock = i == 5 ? "synchronized (B) { depth++; }" : "";
      s.append("  void m").append(i).append("() { ").append(lock)
          .append(" if (depth > 0) m").append((i + 1) % size).append("(); }\n");
    }
    return s.append("}\n").toString();
  }

  private void write(String name, String source) throws IOException {
    AppProgram.write(dir, name, source);
  }

  private List<Finding> analyse() {
    return AppProgram.analyse(dir, Rule.LOCK_ORDER_INVERSION);
  }
}
