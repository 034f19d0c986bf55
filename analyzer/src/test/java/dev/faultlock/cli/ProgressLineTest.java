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
    line.clear();

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
    line.update("linking", 1, 2);
    line.clear();

    assertThat(err.toString())
        .isEqualTo(
            "\rparsing 400/4000 files"
                + "\ranalysing 7/900 methods"
                + "\rlinking 1/2"
                + " ".repeat("analysing 7/900 methods".length() - "linking 1/2".length())
                // Only the last line's own text needs rubbing out: the rest is spaces already.
                + "\r"
                + " ".repeat("linking 1/2".length())
                + "\r");
  }
}
