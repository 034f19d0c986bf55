package dev.faultlock.cli;

import dev.faultlock.analyzer.AnalyzerOptions;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress line on a terminal's stderr ({@code parsing 120/4000 files}), redrawn in place. It
 * stays silent for the first seconds so that quick runs print nothing but their result, and is
 * rubbed out when the run ends. The analysis calls {@link #update} from its worker threads.
 */
final class ProgressLine implements AnalyzerOptions.Progress {
  static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** What the analysis counts in each of its phases. */
  private static final Map<String, String> UNITS =
      Map.of("parsing", "files", "analysing", "methods");

  private final PrintWriter err;
  private final LongSupplier clock;
  private final long start;
  private long lastDrawn;
  private int drawnWidth;

  ProgressLine(PrintWriter err, LongSupplier nanoClock) {
    this.err = err;
    this.clock = nanoClock;
    this.start = nanoClock.getAsLong();
  }

  @Override
  public synchronized void update(String phase, int done, int total) {
    long now = clock.getAsLong();
    if (now - start < QUIET_NANOS || (drawnWidth > 0 && now - lastDrawn < REDRAW_NANOS)) {
      return;
    }
    String unit = UNITS.get(phase);
    String text = phase + " " + done + "/" + total + (unit == null ? "" : " " + unit);
    // Pad over a longer previous line ("analysing 10/900" after "parsing 4000/4000").
    err.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
    err.flush();
    drawnWidth = text.length();
    lastDrawn = now;
  }

  /** Rubs the line out, so that what follows starts on a clean line. */
  synchronized void clear() {
    if (drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      err.flush();
      drawnWidth = 0;
    }
  }
}
