package dev.faultlock.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locks a method's callers hold ({@link CallerLocks}): the cycles they make impossible. Each
 * program has a twin that differs in one caller.
 */
class GateLocksTest {
  @TempDir Path dir;

  /**
   * Lucene's DocumentsWriter and its flush control: the writer takes the control under its own
   * monitor, and the control takes the writer back only in {@code markFull}, which {@code
   * flushAll} runs inside the writer's monitor; {@code %s}: one more caller of it.
   */
  private static final String WRITER = """
      final class Writer {
        private final Control control = new Control(this);

        synchronized void apply() {
          control.onDelete();
        }

        long flushAll() {
          synchronized (this) {
            return control.markFull();
          }
        }

        %s

        synchronized long reset() {
          return 1;
        }
      }

      final class Control {
        private final Writer writer;

        Control(Writer writer) {
          this.writer = writer;
        }

        synchronized void onDelete() {}

        long markFull() {
          synchronized (this) {
            return writer.reset();
          }
        }
      }
      """;

  /**
   * Both orders of two locks, each in a helper that only code holding the one gate lock calls;
   * {@code %s}, {@code %s}: the helpers' modifiers, {@code %s}: what else {@code post} does.
   */
  private static final String GATE = """
      final class Gate {
        private static final Object GATE = new Object();
        private final Object ledger = new Object();
        private final Object audit = new Object();

        void post(java.util.concurrent.Executor executor) {
          synchronized (GATE) {
            postLocked();
          }
          %s
        }

        void review() {
          synchronized (GATE) {
            reviewLocked();
          }
        }

        %s void postLocked() {
          synchronized (ledger) {
            synchronized (audit) { }
          }
        }

        %s void reviewLocked() {
          synchronized (audit) {
            synchronized (ledger) { }
          }
        }
      }
      """;

  @Test
  void anEdgeOnlyTakenUnderItsTargetByEveryCallerIsReentryNotACycle() throws IOException {
    write("Writer.java", WRITER.formatted(""));
    AnalysisResult r = analyze();
    assertThat(r.findings()).isEmpty();
    // The edges are still in the graph: only the cycle is judged impossible.
    assertThat(r.lockGraph().edges()).extracting(e -> e.from() + " -> " + e.to())
        .contains("Writer -> Control", "Control -> Writer");
    assertThat(r.lockGraph().cycles()).isEmpty();
  }

  @Test
  void aCallerThatHoldsNothingOpensTheCycle() throws IOException {
    write("Writer.java", WRITER.formatted("long flushLater() { return control.markFull(); }"));
    assertThat(cycles()).containsExactly("Control -> Writer -> Control");
  }

  @Test
  void aCallerThatHoldsAnotherObjectOfTheClassDoesNotMakeItReentry() throws IOException {
    // Under `other`, the control takes back its own writer, which `other` need not be.
    write("Writer.java", WRITER.formatted(
        "long flushFor(Writer other) { synchronized (other) { return control.markFull(); } }"));
    assertThat(cycles()).containsExactly("Control -> Writer -> Control");
  }

  @Test
  void aGateLockTheCallersHoldIsAGate() throws IOException {
    write("Gate.java", GATE.formatted("", "private", "private"));
    AnalysisResult r = analyze();
    assertThat(r.findings()).isEmpty();
    assertThat(r.lockGraph().edges()).extracting(e -> e.from() + " -> " + e.to())
        .contains("Gate.ledger -> Gate.audit", "Gate.audit -> Gate.ledger");
  }

  @Test
  void aHelperHandedOutAsAMethodReferenceIsNotGated() throws IOException {
    // A library may run it with no lock held.
    write("Gate.java", GATE.formatted("executor.execute(this::postLocked);", "private", "private"));
    assertThat(cycles()).containsExactly("Gate.audit -> Gate.ledger -> Gate.audit");
  }

  @Test
  void aPublicHelperIsNotGated() throws IOException {
    // Code outside the program may call it bare.
    write("Gate.java", GATE.formatted("", "private", "public"));
    assertThat(cycles()).containsExactly("Gate.audit -> Gate.ledger -> Gate.audit");
  }

  private void write(String name, String source) throws IOException {
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app").resolve(name), "package app;\n\n" + source);
  }

  private AnalysisResult analyze() {
    AnalysisResult r = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());
    assertThat(r.problems()).isEmpty();
    return r;
  }

  /** The cycles reported, as the message names them. */
  private List<String> cycles() {
    return analyze().findings().stream()
        .filter(f -> f.rule() == Rule.LOCK_ORDER_INVERSION)
        .map(Finding::message)
        .map(m -> m.substring(m.indexOf(": ") + 2, m.indexOf(';')))
        .toList();
  }
}
