package dev.faultlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private long now = 1_000;
  private final StringWriter err = new StringWriter();
  private final ProgressLine line = new ProgressLine(new PrintWriter(err), () -> now);

  private void advanceMillis(long millis) {
    now += TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void quietRunsPrintNothing() {
    line.update("parsing", 1, 10);
    advanceMillis(1_900);
    line.update("parsing", 10, 10);
    line.tick();
    line.close();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void longRunsRedrawInPlaceAtMostEveryTenthOfASecondAndClearAtTheEnd() {
    advanceMillis(2_000);
    line.update("parsing", 400, 4000);
    advanceMillis(50);
    line.update("parsing", 500, 4000);
    advanceMillis(60);
    line.update("analysing", 7, 900);
    advanceMillis(100);
    line.update("linking calls", 0, 0);
    line.close();

    assertThat(err.toString())
        .isEqualTo(
            "\rparsing 400/4000 files (10%), 0:02"
                + "\ranalysing 7/900 methods (0%), 0:02"
                + "\rlinking calls, 0:02"
                + " ".repeat("analysing 7/900 methods (0%), 0:02".length()
                    - "linking calls, 0:02".length())
                // Only the last line's own text needs rubbing out: the rest is spaces already.
                + "\r"
                + " ".repeat("linking calls, 0:02".length())
                + "\r");
  }

  /** One large file: no update for a long while, but the ticker still moves the clock. */
  @Test
  void theTickerRedrawsTheLastStateWithTheTimeNow() {
    line.update("parsing", 0, 1);
    advanceMillis(2_500);
    line.tick();
    advanceMillis(62_000);
    line.tick();

    assertThat(err.toString())
        .isEqualTo("\rparsing 0/1 files (0%), 0:02\rparsing 0/1 files (0%), 1:04");
  }

  @Test
  void afterCloseTheTickerDrawsNothing() {
    advanceMillis(3_000);
    line.update("checking", 5, 10);
    line.close();
    String closed = err.toString();
    advanceMillis(1_000);
    line.tick();

    assertThat(err.toString()).isEqualTo(closed);
  }

  @Test
  void textCountsWhatThePhaseCountsAndTheTimeSoFar() {
    long s = TimeUnit.SECONDS.toNanos(1);
    assertThat(ProgressLine.text("analysing", 1200, 56942, 41 * s))
        .isEqualTo("analysing 1200/56942 methods (2%), 0:41");
    assertThat(ProgressLine.text("summarising", 30, 30, 75 * s))
        .isEqualTo("summarising 30/30 methods (100%), 1:15");
    assertThat(ProgressLine.text("linking calls", 0, 0, 3 * s)).isEqualTo("linking calls, 0:03");
  }
}
