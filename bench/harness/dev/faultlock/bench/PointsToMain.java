package dev.faultlock.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.callgraph.Dispatch;
import dev.faultlock.callgraph.FunctionBindings;
import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.findings.Problem;
import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Lowering;
import dev.faultlock.ir.LoweringContext;
import dev.faultlock.locks.LockNames;
import dev.faultlock.pta.PointsToAnalysis;
import dev.faultlock.source.FileDeclarations;
import dev.faultlock.source.JavaSources;
import dev.faultlock.source.LibraryTypes;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.SourceFile;
import dev.faultlock.summary.LibrarySummaries;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The points-to solver alone, in a fresh JVM: parses and indexes the sources, lowers every method
 * (one thread per job, as the analysis does), then solves points-to from every public method
 * (single-threaded) and prints one line of {@code key=value} pairs: the front end's and the
 * solver's wall and CPU time, the solution's size, the peak heap.
 *
 * <p>Usage: {@code PointsToMain [--jobs N] [--histogram] PATH...}; {@code --histogram} also
 * prints to stderr where the facts are: the variables' points-to facts summed by declaring class
 * and by package, the largest first (the fields' facts are the difference to the total), the
 * facts by the objects' kind and type, the first objects of no type, and the fields' facts.
 */
public final class PointsToMain {
  private PointsToMain() {}

  public static void main(String[] args) {
    AnalyzerOptions.Builder options = AnalyzerOptions.builder();
    List<Path> sources = new ArrayList<>();
    boolean histogram = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--jobs")) options.jobs(Integer.parseInt(args[++i]));
      else if (args[i].equals("--histogram")) histogram = true;
      else sources.add(Path.of(args[i]));
    }
    AnalyzerOptions o = options.sources(sources).build();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();

    List<Problem> problems = new ArrayList<>();
    JavaSources.Parsed parsed = JavaSources.parse(o);
    int files = parsed.filesSeen();
    List<FileDeclarations> declared = new ArrayList<>();
    for (SourceFile f : parsed.files()) {
      FileDeclarations d = ProgramIndex.declare(f, problems);
      if (d != null) declared.add(d);
    }
    // Only the index keeps the trees from here on, until they are released as the analysis does.
    parsed = null;
    ProgramIndex index = ProgramIndex.build(declared, new LibraryTypes(List.of(), problems), o.jobs());
    declared = null;
    LoweringContext cx = new LoweringContext(index, new Dispatch(index), new LockNames(index, Map.of()),
        new FunctionBindings(), LibrarySummaries.none(), FaultMethods.NONE);
    List<MethodInfo> methods = index.methods();
    List<List<IrMethod>> lowered = new ArrayList<>();
    for (int i = 0; i < methods.size(); i++) lowered.add(List.of());
    dev.faultlock.source.Workers.run(o.jobs(), methods.size(), i -> {
      try {
        lowered.set(i, Lowering.lower(cx, methods.get(i)).stream().map(Lowering.Lowered::ir).toList());
      } catch (StackOverflowError | RuntimeException e) {
        // As the analysis does: a method the front end cannot lower is left out.
      }
    });
    List<IrMethod> program = new ArrayList<>();
    for (List<IrMethod> l : lowered) program.addAll(l);
    index.releaseTrees(methods);
    long frontWall = (System.nanoTime() - wall0) / 1_000_000;
    long frontCpu = (os.getProcessCpuTime() - cpu0) / 1_000_000;

    long cpu1 = os.getProcessCpuTime();
    long wall1 = System.nanoTime();
    PointsToAnalysis pta = PointsToAnalysis.solve(index, program);
    long solveWall = (System.nanoTime() - wall1) / 1_000_000;
    long solveCpu = (os.getProcessCpuTime() - cpu1) / 1_000_000;

    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peakHeap += pool.getPeakUsage().getUsed();
    }
    if (histogram) histogram(pta, program);
    var s = pta.stats();
    System.out.printf(Locale.ROOT,
        "mode=pta files=%d ir_methods=%d front_wall_ms=%d front_cpu_ms=%d solve_wall_ms=%d"
            + " solve_cpu_ms=%d objects=%d pointers=%d facts=%d flow_edges=%d call_edges=%d"
            + " reachable=%d fallback_calls=%d thread_entries=%d peak_heap_mb=%d collapsed=%d digest=%016x%n",
        files, program.size(), frontWall, frontCpu, solveWall, solveCpu, s.objects(),
        s.pointers(), s.facts(), s.flowEdges(), s.callEdges(), s.reachableMethods(),
        s.fallbackCalls(), pta.threadEntries().size(), peakHeap >> 20, pta.collapsed(), pta.digest());
  }

  /** Prints the variables' facts by declaring (top-level) class and by package, top 25 each. */
  private static void histogram(PointsToAnalysis pta, List<IrMethod> program) {
    Map<String, Long> byClass = new java.util.HashMap<>();
    Map<String, Long> byPackage = new java.util.HashMap<>();
    long total = 0;
    for (IrMethod m : program) {
      dev.faultlock.source.TypeInfo top = m.method().owner();
      while (top.outer() != null) top = top.outer();
      String owner = top.fqn();
      long n = 0;
      for (dev.faultlock.ir.Var v : m.vars()) n += pta.pointsTo(m, v).getLongCardinality();
      if (n == 0) continue;
      total += n;
      byClass.merge(owner, n, Long::sum);
      int dot = owner.lastIndexOf('.');
      byPackage.merge(dot < 0 ? "" : owner.substring(0, dot), n, Long::sum);
    }
    System.err.printf(Locale.ROOT, "variables' facts: %d (of %d)%n", total, pta.stats().facts());
    print("class", byClass, total);
    print("package", byPackage, total);
    Map<String, long[]> byField = pta.fieldFacts();
    long symbolic = 0;
    long fields = 0;
    for (long[] c : byField.values()) {
      fields += c[1];
      symbolic += c[2];
    }
    System.err.printf(Locale.ROOT, "instance fields' facts: %d, of them symbolic objects %d%n", fields, symbolic);
    long[] facts = {0};
    Map<String, long[]> byObject = pta.objectFacts();
    byObject.values().forEach(c -> facts[0] += c[1]);
    System.err.printf(Locale.ROOT, "facts by the objects' kind and type (%d facts):%n", facts[0]);
    byObject.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
        .limit(40)
        .forEach(e -> System.err.printf(Locale.ROOT, "  %-70s %,9d objects %,14d facts %5.1f%%%n",
            e.getKey(), e.getValue()[0], e.getValue()[1], 100.0 * e.getValue()[1] / facts[0]));
    // An object of no type passes every filter: the front end's gaps, worth fixing one by one.
    int shown = 0;
    for (int o = 0; o < pta.stats().objects() && shown < 15; o++) {
      if (pta.object(o).type() == null && !pta.object(o).isSymbolic()) {
        System.err.println("  of no type: " + pta.object(o) + " in " + pta.object(o).method());
        shown++;
      }
    }
    long[] cycles = pta.copyCycles();
    System.err.printf(Locale.ROOT, "copy cycles (one filter): %d components, %d pointers, largest %d, %d facts%n",
        cycles[0], cycles[1], cycles[2], cycles[3]);
    long all = fields;
    byField.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
        .limit(40)
        .forEach(e -> System.err.printf(Locale.ROOT, "  field %-70s %,9d pointers %,14d facts %5.1f%% (symbolic %,d)%n",
            e.getKey(), e.getValue()[0], e.getValue()[1], 100.0 * e.getValue()[1] / all, e.getValue()[2]));
  }

  private static void print(String what, Map<String, Long> counts, long total) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(25)
        .forEach(e -> System.err.printf(Locale.ROOT, "  %s %-60s %,14d %5.1f%%%n", what, e.getKey(),
            e.getValue(), 100.0 * e.getValue() / total));
  }
}
