package dev.faultlock.analyzer;

import com.github.javaparser.ast.body.TypeDeclaration;
import dev.faultlock.analyzer.AnalysisResult.Stats;
import dev.faultlock.cache.ResultCache;
import dev.faultlock.callgraph.CallGraph;
import dev.faultlock.callgraph.Dispatch;
import dev.faultlock.callgraph.FunctionBindings;
import dev.faultlock.faults.FaultHandlers;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.Problem;
import dev.faultlock.locks.LockFactExtractor;
import dev.faultlock.locks.LockNames;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.source.JavaSources;
import dev.faultlock.source.LibraryTypes;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.Workers;
import dev.faultlock.summary.Effects;
import dev.faultlock.summary.LibrarySummaries;
import dev.faultlock.summary.ProgramSummaries;
import dev.faultlock.summary.ProgramSummary;
import dev.faultlock.summary.Summaries;
import dev.faultlock.summary.SummaryComputer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole-program analysis: what the command line and the Maven plugin call. It parses every
 * source once, indexes the program, extracts lock and fault facts per method in parallel, builds
 * the call graph, summarises methods bottom-up over its strongly connected components and
 * reports the findings of the five rules.
 */
public final class Analyzer {
  private Analyzer() {}

  /** Analyses the program described by {@code options}. Bad input becomes problems, not exceptions. */
  public static AnalysisResult analyze(AnalyzerOptions options) {
    return ResultCache.analyze(options, Analyzer::analyzeUncached);
  }

  private static AnalysisResult analyzeUncached(AnalyzerOptions options) {
    long start = System.nanoTime();
    List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    LibrarySummaries librarySummaries =
        new LibrarySummaries(Summaries.load(options.classpath(), problems));
    Extracted x = extract(options, librarySummaries, problems);

    CallGraph graph = CallGraph.build(x.facts(), x.bindings());
    Map<MethodInfo, MethodFacts> factsOf = new HashMap<>();
    List<MethodInfo> all = new ArrayList<>();
    for (MethodFacts f : x.facts()) {
      factsOf.put(f.method(), f);
      all.add(f.method());
    }
    Map<MethodInfo, Effects> effects = SummaryComputer.compute(graph, factsOf, librarySummaries);
    FaultHandlers handlers = new FaultHandlers(all, effects, librarySummaries);
    RuleChecker.Result checked =
        new RuleChecker(x.index(), effects, handlers, librarySummaries, x.orders()).check(x.facts());
    ProgramSummary summary =
        options.summarize()
            ? ProgramSummaries.build(x.index(), effects, x.names(), x.orders().all())
            : ProgramSummary.empty();

    List<Problem> sortedProblems = new ArrayList<>(problems);
    sortedProblems.sort((a, b) -> a.location().compareTo(b.location()));
    return new AnalysisResult(
        checked.findings(),
        sortedProblems,
        checked.lockGraph(),
        new Stats(x.filesSeen(), x.index().types().size(), graph.methodCount(), graph.edgeCount(),
            x.unresolved(), (System.nanoTime() - start) / 1_000_000),
        summary);
  }

  /** What the front end leaves for the whole-program steps: facts, and no parse tree. */
  private record Extracted(
      int filesSeen, ProgramIndex index, LockNames names, FunctionBindings bindings,
      DeclaredOrders orders, List<MethodFacts> facts, int unresolved) {}

  /**
   * Parses, indexes and extracts the facts of every method in parallel, then lets go of the
   * parse trees: the call graph and the summaries of a large program need the room.
   */
  private static Extracted extract(
      AnalyzerOptions options, LibrarySummaries librarySummaries, List<Problem> problems) {
    JavaSources.Parsed parsed = JavaSources.parse(options);
    problems.addAll(parsed.problems());
    LibraryTypes library = new LibraryTypes(options.classpath(), problems);
    ProgramIndex index = ProgramIndex.build(parsed.files(), library, options.jobs(), problems);
    DeclaredOrders orders =
        new DeclaredOrders(index.types(), parsed.files(), librarySummaries.lockOrders());
    LockNames names = new LockNames(index, librarySummaries.typeLockClasses());
    FunctionBindings bindings = new FunctionBindings();
    LockFactExtractor.Context context =
        new LockFactExtractor.Context(index, new Dispatch(index), names, bindings, librarySummaries);

    List<MethodInfo> methods = index.methods();
    // Each worker fills its own slots; the pool's join publishes them.
    List<List<MethodFacts>> extracted = new ArrayList<>(Collections.nCopies(methods.size(), List.of()));
    AtomicInteger done = new AtomicInteger();
    Workers.run(
        options.jobs(),
        methods.size(),
        i -> {
          MethodInfo m = methods.get(i);
          try {
            extracted.set(i, LockFactExtractor.extract(context, m));
          } catch (StackOverflowError | RuntimeException e) {
            // One method the analysis cannot follow must not stop the others.
            problems.add(
                new Problem(
                    new Location(m.owner().file().shown(), m.line(), 0),
                    "cannot analyse `" + m.display() + "` (" + e.getClass().getSimpleName()
                        + "); its locks are not checked"));
            extracted.set(i, List.of(new MethodFacts(m, List.of(), false, List.of(), 0)));
          }
          options.progress().update("analysing", done.incrementAndGet(), methods.size());
        });
    List<MethodFacts> facts = new ArrayList<>();
    int unresolved = 0;
    for (List<MethodFacts> list : extracted) {
      for (MethodFacts f : list) {
        facts.add(f);
        unresolved += f.unresolvedCalls();
      }
    }
    index.releaseTrees(facts.stream().map(MethodFacts::method).toList());
    return new Extracted(parsed.filesSeen(), index, names, bindings, orders, facts, unresolved);
  }

  /** Parses every source and reports problems, without analysing: the benchmarks' baseline. */
  public static AnalysisResult parseOnly(AnalyzerOptions options) {
    long start = System.nanoTime();
    JavaSources.Parsed parsed = JavaSources.parse(options);
    int types = 0;
    for (var f : parsed.files()) types += f.unit().findAll(TypeDeclaration.class).size();
    return new AnalysisResult(
        List.of(),
        parsed.problems(),
        LockGraph.empty(),
        new Stats(parsed.filesSeen(), types, 0, 0, 0, (System.nanoTime() - start) / 1_000_000),
        ProgramSummary.empty());
  }
}
