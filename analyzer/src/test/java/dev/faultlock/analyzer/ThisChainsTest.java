package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.AppProgram.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of calls on {@code this} stays in one object's class ({@link ThisChains}): a base
 * class's {@code this.current()} runs, from one subclass's method, that subclass's override,
 * not a sibling's (BookKeeper's entry log managers). The same calls made on another object are
 * a real cycle.
 */
class ThisChainsTest {
  @TempDir Path dir;

  /** {@code %s}: what the single-log manager's {@code add} calls, under its own lock. */
  private static final String SINGLE = """
      class Single extends Manager {
        PerLedger perLedger;

        synchronized void add() {
          %s;
        }

        @Override
        void current() { }

        @Override
        synchronized void setCurrent() { }
      }
      """;

  /** {@code %s}: what the per-ledger manager calls under its ledger lock. */
  private static final String PER_LEDGER = """
      class PerLedger extends Manager {
        final Object ledger = new Object();
        Single single;

        @Override
        void current() {
          synchronized (ledger) { }
        }

        @Override
        void setCurrent() { }

        void create() {
          synchronized (ledger) {
            %s;
          }
        }
      }
      """;

  private void write(String single, String perLedger) throws IOException {
    AppProgram.write(dir, "Manager.java", """
        abstract class Manager {
          void addEntry() {
            current();
          }

          void rotate() {
            setCurrent();
          }

          abstract void current();

          abstract void setCurrent();
        }
        """);
    AppProgram.write(dir, "Single.java", SINGLE.formatted(single));
    AppProgram.write(dir, "PerLedger.java", PER_LEDGER.formatted(perLedger));
  }

  @Test
  void aBaseClassCallOnThisRunsTheCallersOwnOverride() throws IOException {
    write("addEntry()", "rotate()");
    assertThat(AppProgram.analyse(dir, Rule.LOCK_ORDER_INVERSION)).isEmpty();
  }

  @Test
  void theSameCallsOnTheOtherManagerAreACycle() throws IOException {
    write("perLedger.addEntry()", "single.rotate()");
    assertThat(lines(AppProgram.analyse(dir, Rule.LOCK_ORDER_INVERSION))).hasSize(1);
  }
}
