package dev.faultlock.cli;

import dev.faultlock.analyzer.AnalysisResult;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Where a {@code check} run's time went, for {@code --verbose}: the analysis alone can be a third
 * of what the user waited, the rest being the JVM's start, finding the source roots, writing the
 * reports. The parts add up to the total.
 */
final class RunTimes {
  private final LongSupplier clock;
  private final long startupMillis;
  private final long begun;
  private long analysed;
  private long reported;

  /**
   * @param startupMillis the time from the JVM's start until the analysis begins, now
   */
  RunTimes(LongSupplier nanoClock, long startupMillis) {
    this.clock = nanoClock;
    this.startupMillis = startupMillis;
    this.begun = nanoClock.getAsLong();
    this.analysed = begun;
    this.reported = begun;
  }

  /** Times a run whose analysis begins now, in this JVM. */
  static RunTimes startingNow() {
    return new RunTimes(System::nanoTime, ManagementFactory.getRuntimeMXBean().getUptime());
  }

  /** The analysis is done; the reports come next. */
  void analysed() {
    analysed = clock.getAsLong();
  }

  /** The reports are written. */
  void reported() {
    reported = clock.getAsLong();
  }

  /**
   * {@code 61.2 s in all: start-up 0.4 s, parse 12.0 s, analysis 48.1 s, reports 0.7 s}, the
   * analysis's own parse time taken from {@code stats}.
   */
  String summary(AnalysisResult.Stats stats) {
    long analysis = TimeUnit.NANOSECONDS.toMillis(analysed - begun);
    long parse = Math.min(stats.parseMillis(), analysis);
    long reports = TimeUnit.NANOSECONDS.toMillis(reported - analysed);
    return String.format(
        Locale.ROOT,
        "%.1f s in all: start-up %.1f s, parse %.1f s, analysis %.1f s, reports %.1f s",
        seconds(startupMillis + analysis + reports),
        seconds(startupMillis),
        seconds(parse),
        seconds(analysis - parse),
        seconds(reports));
  }

  private static double seconds(long millis) {
    return millis / 1000.0;
  }
}
