import com.google.errorprone.BaseErrorProneJavaCompiler;
import com.google.errorprone.ErrorProneTimings;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.scanner.BuiltInCheckerSuppliers;
import com.google.errorprone.scanner.ScannerSupplier;
import com.sun.tools.javac.api.BasicJavacTask;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * The steady-state CPU cost of faultlock's Error Prone checkers, as a build daemon (Maven's or an
 * IDE's in-process javac) pays it: one JVM loads Error Prone once and compiles the same sources
 * again and again, with Error Prone's default checks alone and with faultlock's checkers added,
 * until the JIT has compiled both configurations' code. A cold {@code javac} process cannot
 * resolve a few per cent: its class loading, JIT and heap sizing vary by a third from run to run.
 *
 * <p>After the warm-up pairs, each measured pair compiles once alone and once with faultlock, in
 * alternating order (alone first in even pairs, with first in odd ones) so that a drift in the
 * machine's load does not favour either. Before each compile a full GC starts both from the same
 * heap. Measured per compile: the compiling thread's CPU time (javac runs on this thread; the
 * load of other processes disturbs it far less than wall time), the whole process's CPU time
 * (adds the GC and JIT threads) and the bytes this thread allocated (a count, nearly free of
 * noise). The figure is the median of the pairs' ratios, with quartiles and a 95 % confidence
 * interval of the median from order statistics.
 *
 * <p>Under load the pairs' ratios spread by several per cent, so each compile with faultlock also
 * attributes its own cost: Error Prone times every matcher call of every checker ({@link
 * ErrorProneTimings}, wall time around each call), and faultlock's four checkers' total over the
 * rest of the same compile's wall time is their overhead within that compile, free of the
 * differences between compiles. It leaves out what faultlock costs outside its matchers (Error
 * Prone's per-checker suppression test on each node, the collection of faultlock's garbage); the
 * allocation ratio bounds the latter.
 *
 * <p>Every compile's diagnostics are counted: each "with" compile must report exactly {@code
 * --expect} FaultUnderLock findings and no other faultlock finding, each "alone" compile none, so
 * the checkers are proven to have run on every measured compile.
 *
 * <pre>
 * java ADD_EXPORTS -cp EP_PATH:RULES_JAR Steady.java --sources FILE --classpath CP --out DIR
 *     --expect N [--warmup PAIRS] [--pairs PAIRS] [--xep "FLAGS for the with compile"]
 *     [--jfr FILE]
 * </pre>
 *
 * With {@code --jfr FILE}, the measured pairs are replaced by {@code --pairs} pairs recorded by
 * Java Flight Recorder (its "profile" settings, sampling every 2 ms) into FILE, each compile on a
 * thread named for its configuration ({@code compile-alone}, {@code compile-with}): where the
 * steady cost goes, and what the compiles with faultlock do that those alone do not, without the
 * warm-up's class loading and JIT.
 *
 * faultlock's checkers are the BugChecker services on the class path, as Error Prone's plugin
 * loader finds them on the processor path.
 */
public final class Steady {
  private static final List<String> OURS =
      List.of("FaultUnderLock", "UnsortedSameClassLocks", "DeclaredOrderViolation",
          "AnnotationMisuse");

  private final List<Path> sources;
  private final String classpath;
  private final Path out;
  private final long expected;
  private final List<String> xep;
  private final BaseErrorProneJavaCompiler alone;
  private final BaseErrorProneJavaCompiler with;
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private Steady(List<Path> sources, String classpath, Path out, long expected, List<String> xep) {
    this.sources = sources;
    this.classpath = classpath;
    this.out = out;
    this.expected = expected;
    this.xep = xep;
    List<Class<? extends BugChecker>> faultlock = new ArrayList<>();
    ServiceLoader.load(BugChecker.class).stream().forEach(p -> faultlock.add(p.type()));
    System.out.println("faultlock checkers on the class path: "
        + faultlock.stream().map(Class::getSimpleName).sorted().toList());
    if (faultlock.size() != OURS.size()) {
      throw new IllegalStateException("expected the " + OURS.size() + " faultlock checkers");
    }
    ScannerSupplier defaults = BuiltInCheckerSuppliers.defaultChecks();
    this.alone = new BaseErrorProneJavaCompiler(defaults);
    this.with = new BaseErrorProneJavaCompiler(
        defaults.plus(ScannerSupplier.fromBugCheckerClasses(faultlock)));
  }

  /** One compile's measurements. */
  private record Sample(
      double threadCpu, double processCpu, double wall, long allocated, double faultlock) {
    /** faultlock's checkers' time over the rest of this compile: their share of its cost. */
    double attributed() {
      return 1 + faultlock / (wall - faultlock);
    }
  }

  /** Counts diagnostics by faultlock rule id; compiles to the end since findings are warnings. */
  private static final class Findings implements DiagnosticListener<JavaFileObject> {
    long faultUnderLock;
    long otherOurs;
    long errors;
    String firstError;

    @Override
    public void report(Diagnostic<? extends JavaFileObject> d) {
      String message = d.getMessage(Locale.ROOT);
      if (message.startsWith("[FaultUnderLock]")) {
        faultUnderLock++;
      } else if (OURS.stream().anyMatch(id -> message.startsWith("[" + id + "]"))) {
        otherOurs++;
      }
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors++;
        if (firstError == null) {
          firstError = d.getSource() + ":" + d.getLineNumber() + ": " + message;
        }
      }
    }
  }

  private Sample compile(boolean withFaultlock) throws IOException {
    BaseErrorProneJavaCompiler compiler = withFaultlock ? with : alone;
    List<String> options = new ArrayList<>(List.of(
        "-d", out.toString(), "-cp", classpath, "-XDcompilePolicy=simple",
        "--should-stop=ifError=FLOW", "-Xmaxwarns", "10000000", "-Xmaxerrs", "10000000"));
    if (withFaultlock) {
      options.addAll(xep);
    }
    Findings findings = new Findings();
    System.gc();
    long thread0 = threads.getCurrentThreadCpuTime();
    long process0 = os.getProcessCpuTime();
    long allocated0 = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    long wall0 = System.nanoTime();
    boolean ok;
    ErrorProneTimings timings;
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, null)) {
      BasicJavacTask task = (BasicJavacTask) compiler.getTask(null, files, findings, options, null,
          files.getJavaFileObjectsFromPaths(sources));
      // The same instance Error Prone's scanner records into: one per javac context.
      timings = ErrorProneTimings.instance(task.getContext());
      ok = task.call();
    }
    Sample sample = new Sample(
        (threads.getCurrentThreadCpuTime() - thread0) / 1e9,
        (os.getProcessCpuTime() - process0) / 1e9,
        (System.nanoTime() - wall0) / 1e9,
        threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocated0,
        faultlockSeconds(timings.timings()));
    long want = withFaultlock ? expected : 0;
    if (!ok || findings.errors > 0 || findings.faultUnderLock != want || findings.otherOurs != 0) {
      throw new IllegalStateException(String.format(
          "%s: compiled %s, %d errors (first: %s), expected %d FaultUnderLock and no other"
              + " faultlock findings, got %d and %d",
          withFaultlock ? "with faultlock" : "alone", ok, findings.errors, findings.firstError,
          want, findings.faultUnderLock, findings.otherOurs));
    }
    return sample;
  }

  private static double faultlockSeconds(Map<String, Duration> timings) {
    return OURS.stream()
        .map(id -> timings.getOrDefault(id, Duration.ZERO))
        .mapToLong(Duration::toNanos)
        .sum() / 1e9;
  }

  private void warmUp(int warmup) throws IOException {
    System.out.printf("%d sources, %d warm-up pairs, load average %s%n",
        sources.size(), warmup, loadAverage());
    for (int i = 0; i < warmup; i++) {
      Sample a = compile(false);
      Sample w = compile(true);
      System.out.printf(Locale.ROOT,
          "warm-up %2d: alone %6.2f s, with %6.2f s thread CPU, faultlock's checkers %5.2f s%n",
          i + 1, a.threadCpu(), w.threadCpu(), w.faultlock());
    }
    System.out.println("findings check: every compile with faultlock reported " + expected
        + " FaultUnderLock and no other faultlock finding; every compile alone none");
  }

  /**
   * Records {@code pairs} pairs into {@code recording}, which was started before the warm-up (so
   * that JFR's own start-up, which redefines classes and throws away compiled code, falls in the
   * warm-up): each compile runs on a thread of its own, named {@code compile-with} or {@code
   * compile-alone}, so that the two configurations' samples can be told apart in one file whose
   * JIT state they share.
   */
  private void record(int pairs, Recording recording, Path file) throws IOException {
    for (int i = 0; i < pairs; i++) {
      boolean withFirst = i % 2 == 1;
      Sample first = compileOnThread(withFirst);
      Sample second = compileOnThread(!withFirst);
      Sample w = withFirst ? first : second;
      Sample a = withFirst ? second : first;
      System.out.printf(Locale.ROOT, "recorded pair %d: thread CPU alone %6.2f s, with %6.2f s"
          + " (%+.1f %%), allocated %.0f / %.0f MB%n", i + 1, a.threadCpu(), w.threadCpu(),
          percent(w.threadCpu() / a.threadCpu()), a.allocated() / 1e6, w.allocated() / 1e6);
    }
    recording.stop();
    recording.dump(file);
    System.out.println("JFR recording of " + pairs + " pairs (threads compile-alone and"
        + " compile-with): " + file);
  }

  private Sample compileOnThread(boolean withFaultlock) throws IOException {
    Sample[] result = new Sample[1];
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(() -> {
      try {
        result[0] = compile(withFaultlock);
      } catch (IOException | RuntimeException e) {
        failure[0] = e;
      }
    }, withFaultlock ? "compile-with" : "compile-alone");
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    return result[0];
  }

  /** A recording with Java Flight Recorder's "profile" settings, sampling every 2 ms. */
  private static Recording startRecording() {
    try {
      Recording recording = new Recording(Configuration.getConfiguration("profile"));
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
      recording.start();
      return recording;
    } catch (IOException | java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private void measure(int pairs) throws IOException {
    double[] thread = new double[pairs];
    double[] process = new double[pairs];
    double[] wall = new double[pairs];
    double[] allocated = new double[pairs];
    double[] attributed = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      Sample a;
      Sample w;
      if (i % 2 == 0) {
        a = compile(false);
        w = compile(true);
      } else {
        w = compile(true);
        a = compile(false);
      }
      thread[i] = w.threadCpu() / a.threadCpu();
      process[i] = w.processCpu() / a.processCpu();
      wall[i] = w.wall() / a.wall();
      allocated[i] = (double) w.allocated() / a.allocated();
      attributed[i] = w.attributed();
      System.out.printf(Locale.ROOT,
          "pair %2d (%s first): thread CPU %6.2f / %6.2f s %+6.1f %% | process CPU %6.2f / %6.2f s"
              + " %+6.1f %% | wall %6.2f / %6.2f s | allocated %+5.1f %% | faultlock's checkers"
              + " %5.2f s, %+5.1f %% | load %s%n",
          i + 1, i % 2 == 0 ? "alone" : "with", a.threadCpu(), w.threadCpu(),
          percent(thread[i]), a.processCpu(), w.processCpu(), percent(process[i]), a.wall(),
          w.wall(), percent(allocated[i]), w.faultlock(), percent(attributed[i]), loadAverage());
    }
    System.out.printf("%nsteady overhead of faultlock's checkers over Error Prone alone, %d pairs"
        + " (load average at the end %s):%n", pairs, loadAverage());
    summary("compiling thread CPU", thread);
    summary("process CPU", process);
    summary("wall", wall);
    summary("bytes allocated", allocated);
    summary("checkers' own time", attributed);
  }

  /**
   * Median, quartiles and the 95 % confidence interval of the median: the order statistics at
   * ranks n/2 -+ 0.98 sqrt(n), which hold the true median with about 95 % probability whatever
   * the distribution of the ratios.
   */
  private static void summary(String what, double[] ratios) {
    double[] r = ratios.clone();
    Arrays.sort(r);
    int n = r.length;
    int lo = Math.max(0, (int) Math.floor(n / 2.0 - 0.98 * Math.sqrt(n)));
    int hi = Math.min(n - 1, (int) Math.ceil(n / 2.0 + 0.98 * Math.sqrt(n)) - 1);
    System.out.printf(Locale.ROOT,
        "  %-22s median %+6.1f %%, quartiles %+6.1f %% .. %+6.1f %%, 95 %% CI of the median"
            + " %+6.1f %% .. %+6.1f %%, range %+6.1f %% .. %+6.1f %%%n",
        what + ":", percent(quantile(r, 0.5)), percent(quantile(r, 0.25)),
        percent(quantile(r, 0.75)), percent(r[lo]), percent(r[hi]), percent(r[0]),
        percent(r[n - 1]));
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  private static double percent(double ratio) {
    return (ratio - 1) * 100;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  public static void main(String[] args) throws IOException {
    Path sources = null;
    Path out = null;
    String classpath = null;
    long expected = -1;
    int warmup = 5;
    int pairs = 20;
    List<String> xep = List.of();
    Path jfr = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--sources" -> sources = Path.of(args[i + 1]);
        case "--classpath" -> classpath = args[i + 1];
        case "--out" -> out = Path.of(args[i + 1]);
        case "--expect" -> expected = Long.parseLong(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--pairs" -> pairs = Integer.parseInt(args[i + 1]);
        case "--xep" -> xep = List.of(args[i + 1].trim().split("\\s+"));
        case "--jfr" -> jfr = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (sources == null || out == null || classpath == null || expected < 0 || pairs < 1) {
      throw new IllegalArgumentException(
          "usage: Steady --sources FILE --classpath CP --out DIR --expect N"
              + " [--warmup PAIRS] [--pairs PAIRS] [--xep FLAGS] [--jfr FILE]");
    }
    Files.createDirectories(out);
    List<Path> files = Files.readAllLines(sources).stream()
        .filter(s -> !s.isBlank()).map(Path::of).toList();
    Steady steady = new Steady(files, classpath, out, expected, xep);
    Recording recording = jfr == null ? null : startRecording();
    steady.warmUp(warmup);
    if (recording == null) {
      steady.measure(pairs);
    } else {
      steady.record(pairs, recording, jfr);
    }
  }
}
