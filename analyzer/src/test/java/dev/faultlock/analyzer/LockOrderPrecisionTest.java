package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.AppProgram.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.TraceStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the lock-order graph no longer takes edges from (docs/evaluation.md): a task handed to an
 * executor runs on another thread, not under the caller's locks; and a lock a large recursive
 * component is known to take only from its shared summary, through a call class hierarchy chose
 * between its members, is not an edge (a cycle through one was an artefact of the summary on
 * every real program read). A lock taken on a sure path through such a component is.
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
    write("Ring.java", ring(10, "B", "A", 5, TAKES_B, ""));
    assertThat(lines(analyse())).containsExactly("Ring.java:10");
  }

  /**
   * Into a large component: the member entered takes the lock itself, on a sure call from
   * {@code enter}, where the cycle is reported.
   */
  @Test
  void aCycleIntoALargeRecursiveComponentIsReportedWithHighConfidence() throws IOException {
    write("Ring.java", ring(40, "B", "A", 5, TAKES_B, ENTER));
    List<Finding> found = analyse();
    assertThat(lines(found)).containsExactly("Ring.java:58");
    assertThat(found).extracting(Finding::confidence).containsExactly(Confidence.HIGH);
    assertThat(found.get(0).trace()).extracting(TraceStep::description).contains("calls `Ring.m5`");
  }

  @Test
  void aLargeRecursiveComponentTakingLocksInOneOrderIsQuiet() throws IOException {
    write("Ring.java", ring(40, "A", "B", 5, TAKES_B, ENTER));
    assertThat(analyse()).isEmpty();
  }

  @Test
  void aLargeComponentWithoutTheNestingIsQuiet() throws IOException {
    write("Ring.java", ring(40, "B", "A", 5, "if (depth > 0) m6();", ENTER));
    assertThat(analyse()).isEmpty();
  }

  /**
   * From member to member: {@code m0} holds {@code A} and calls {@code m1}, which takes {@code B}
   * itself. Reported, but unsure: paths between the members of a large component were mostly
   * infeasible on real code (docs/evaluation.md).
   */
  @Test
  void aCycleThroughOneStepBetweenMembersOfALargeComponentIsLow() throws IOException {
    write("Ring.java", ring(40, "B", "A", 1, "synchronized (B) { depth++; } if (depth > 0) m2();", ""));
    List<Finding> found = analyse();
    assertThat(lines(found)).containsExactly("Ring.java:10");
    assertThat(found).extracting(Finding::confidence).containsExactly(Confidence.LOW);
  }

  /**
   * The bound on a large component's summaries: a lock taken five calls into it, by way of other
   * members, is known only from the component's shared summary, which makes no edge. The same
   * ring of ten methods reports it.
   */
  @Test
  void aLockSeveralMembersDeepInALargeComponentMakesNoEdge() throws IOException {
    write("Ring.java", ring(40, "B", "A", 5, TAKES_B, ""));
    assertThat(analyse()).isEmpty();
  }

  /** A guessed call between members is no path of its own either, even into the member. */
  @Test
  void aGuessedCallBetweenMembersOfALargeComponentMakesNoEdge() throws IOException {
    write("Step.java", STEP);
    write("Ring.java", ring(40, "B", "A", 5, "if (depth > 0) step.next(this);", ""));
    assertThat(analyse()).isEmpty();
  }

  @Test
  void aGuessedCallBetweenMembersOfASmallComponentIsAnUnsureEdge() throws IOException {
    write("Step.java", STEP);
    write("Ring.java", ring(10, "B", "A", 5, "if (depth > 0) step.next(this);", ""));
    List<Finding> found = analyse();
    assertThat(lines(found)).containsExactly("Ring.java:10");
    assertThat(found).extracting(Finding::confidence).containsExactly(Confidence.LOW);
  }

  private static final String TAKES_B = "synchronized (B) { depth++; } if (depth > 0) m6();";

  /** A method outside the ring that holds {@code A} while it calls {@code m5}. */
  private static final String ENTER = "  void enter() { synchronized (A) { m5(); } }\n";

  /** Two implementations of the step from {@code m5} on: one takes {@code B}, goes on round. */
  private static final String STEP = """
      interface Step {
        void next(Ring r);
      }

      class Onward implements Step {
        public void next(Ring r) {
          synchronized (Ring.B) { r.depth++; }
          r.m6();
        }
      }

      class Stop implements Step {
        public void next(Ring r) { }
      }
      """;

  /**
   * {@code size} methods calling each other in a ring (one recursive component): {@code m0}
   * holds {@code A} while it enters the ring, {@code m<at>} has the body {@code body}, the others
   * call the next; {@code other} takes {@code outer} then {@code inner}; {@code extra} is more
   * members of the class, after the ring.
   */
  private static String ring(
      int size, String outer, String inner, int at, String body, String extra) {
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
            synchronized (%s) {
              synchronized (%s) { }
            }
          }
        """.formatted(outer, inner));
    for (int i = 1; i < size; i++) {
      String b = i == at ? body : "if (depth > 0) m" + (i + 1) % size + "();";
      s.append("  void m").append(i).append("() { ").append(b).append(" }\n");
    }
    return s.append(extra).append("  Step step;\n}\n").toString();
  }

  private void write(String name, String source) throws IOException {
    AppProgram.write(dir, name, source);
  }

  private List<Finding> analyse() {
    return AppProgram.analyse(dir, Rule.LOCK_ORDER_INVERSION);
  }
}
