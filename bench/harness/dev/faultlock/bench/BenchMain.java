package dev.faultlock.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark run in a fresh JVM: {@code analyze} (the whole analysis) or {@code parse} (the
 * parse-only baseline, {@link Analyzer#parseOnly}) over the given sources. Prints one line of
 * {@code key=value} pairs that the bench scripts collect: wall and process CPU time of the call
 * (JVM start-up excluded, so the ratio compares the work and not the launcher), peak heap after
 * a GC-accurate pool read, and the result's counts. With {@code --out FILE} it also writes every
 * finding and problem, one per line, for the noise and determinism scripts.
 *
 * With {@code --phases} it prints to stderr the wall time of each phase the analysis reports
 * through its progress ({@link PhaseClock}), to see where a run's time goes. With {@code
 * --points-to} the analysis solves and uses the points-to analysis, as {@code check --points-to}.
 *
 * <p>Usage: {@code BenchMain analyze|parse [--jobs N] [--cache-dir D] [--out F] [--phases]
 * [--points-to] PATH...}
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: BenchMain analyze|parse [--jobs N] [--cache-dir D] [--out F] PATH...");
      System.exit(2);
    }
    String mode = args[0];
    AnalyzerOptions.Builder options = AnalyzerOptions.builder();
    Path out = null;
    PhaseClock clock = null;
    List<Path> sources = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--jobs" -> options.jobs(Integer.parseInt(args[++i]));
        case "--cache-dir" -> options.cacheDir(Path.of(args[++i]));
        case "--out" -> out = Path.of(args[++i]);
        case "--points-to" -> options.pointsTo(true);
        case "--phases" -> {
          clock = new PhaseClock();
          options.progress(clock);
        }
        default -> sources.add(Path.of(args[i]));
      }
    }
    options.sources(sources);

    OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    AnalysisResult result =
        switch (mode) {
          case "analyze" -> Analyzer.analyze(options.build());
          case "parse" -> Analyzer.parseOnly(options.build());
          default -> throw new IllegalArgumentException("mode must be analyze or parse: " + mode);
        };
    long wallMs = (System.nanoTime() - wall0) / 1_000_000;
    if (clock != null) clock.finish();
    long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;

    // Peak usage of every heap pool, summed: an upper bound of the live heap at any moment.
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peakHeap += pool.getPeakUsage().getUsed();
    }

    AnalysisResult.Stats s = result.stats();
    System.out.printf(
        Locale.ROOT,
        "mode=%s files=%d parsed=%d types=%d methods=%d callEdges=%d unresolved=%d findings=%d problems=%d"
            + " wall_ms=%d cpu_ms=%d peak_heap_mb=%d%n",
        mode, s.files(), s.filesParsed(), s.types(), s.methods(), s.callEdges(), s.unresolvedCalls(),
        result.findings().size(), result.problems().size(), wallMs, cpuMs, peakHeap >> 20);

    if (out != null) {
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
        for (Finding f : result.findings()) {
          w.println("finding " + f.location() + " [" + f.rule() + "] " + f.severity() + " " + f.message());
          f.trace().forEach(t -> w.println("    " + t.location() + " " + t.description()));
        }
        for (Problem p : result.problems()) w.println("problem " + p.location() + " " + p.message());
      }
    }
  }
}
