package dev.faultlock.bench;

import dev.faultlock.analyzer.AnalyzerOptions;
import java.util.Locale;

/**
 * A progress listener that prints, on stderr, how long each phase took (wall time from the first
 * report of a phase to the first report of the next) and the process CPU time spent in it.
 */
final class PhaseClock implements AnalyzerOptions.Progress {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
  private String phase;
  private long wall;
  private long cpu;

  @Override
  public synchronized void update(String next, int done, int total) {
    if (next.equals(phase)) return;
    close();
    phase = next;
    wall = System.nanoTime();
    cpu = os.getProcessCpuTime();
  }

  synchronized void finish() {
    close();
    phase = null;
  }

  private void close() {
    if (phase == null) return;
    System.err.printf(Locale.ROOT, "phase %-14s wall_ms=%d cpu_ms=%d%n", phase,
        (System.nanoTime() - wall) / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000);
  }
}
