package dev.faultlock.cli;

import dev.faultlock.analyzer.AnalyzerOptions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress line on standard error ({@code analysing 1200/56942 methods (2%), 0:41}), redrawn in
 * place. It stays silent for the first seconds so that quick runs print nothing but their result,
 * and is rubbed out when the run ends. The analysis calls {@link #update} from its worker threads,
 * per file while parsing and per method after; between updates (one large file being parsed, the
 * call graph being built) a ticker redraws the line each second, so the clock still moves.
 */
final class ProgressLine implements AnalyzerOptions.Progress, AutoCloseable {
  static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** What the analysis counts in each of its phases. */
  private static final Map<String, String> UNITS =
      Map.of(
          "parsing", "files",
          "analysing", "methods",
          "summarising", "methods",
          "checking", "methods");

  private final PrintWriter err;
  private final LongSupplier clock;
  private final long start;
  private ScheduledExecutorService ticker;
  private String phase;
  private int done;
  private int total;
  private long lastDrawn;
  private int drawnWidth;

  ProgressLine(PrintWriter err, LongSupplier nanoClock) {
    this.err = err;
    this.clock = nanoClock;
    this.start = nanoClock.getAsLong();
  }

  /** Starts redrawing the line each second on a daemon thread, until {@link #close}. */
  ProgressLine ticking() {
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "faultlock-progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    return this;
  }

  @Override
  public synchronized void update(String phase, int done, int total) {
    this.phase = phase;
    this.done = done;
    this.total = total;
    long now = clock.getAsLong();
    if (drawnWidth == 0 || now - lastDrawn >= REDRAW_NANOS) {
      draw(now);
    }
  }

  /** Redraws the last state with the time now. */
  synchronized void tick() {
    draw(clock.getAsLong());
  }

  private void draw(long now) {
    if (phase == null || now - start < QUIET_NANOS) {
      return;
    }
    String text = text(phase, done, total, now - start);
    // Pad over a longer previous line ("analysing 10/900" after "parsing 4000/4000").
    err.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
    err.flush();
    drawnWidth = text.length();
    lastDrawn = now;
  }

  /** {@code analysing 1200/56942 methods (2%), 0:41}; a phase with nothing to count has no counts. */
  static String text(String phase, int done, int total, long elapsedNanos) {
    StringBuilder text = new StringBuilder(phase);
    if (total > 0) {
      String unit = UNITS.get(phase);
      text.append(' ').append(done).append('/').append(total);
      if (unit != null) {
        text.append(' ').append(unit);
      }
      text.append(" (").append(100L * done / total).append("%)");
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(elapsedNanos);
    return text.append(String.format(Locale.ROOT, ", %d:%02d", seconds / 60, seconds % 60))
        .toString();
  }

  /** Stops the ticker and rubs the line out, so that what follows starts on a clean line. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
    if (drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      err.flush();
      drawnWidth = 0;
    }
    phase = null;
  }
}
