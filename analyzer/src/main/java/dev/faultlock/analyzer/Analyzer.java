package dev.faultlock.analyzer;

import com.github.javaparser.ast.body.TypeDeclaration;
import dev.faultlock.analyzer.AnalysisResult.Stats;
import dev.faultlock.cache.ProgramFacts;
import dev.faultlock.cache.ResultCache;
import dev.faultlock.callgraph.CallGraph;
import dev.faultlock.callgraph.PointsToDispatch;
import dev.faultlock.ir.IrMethod;
import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.faults.AlienCalls;
import dev.faultlock.faults.FaultHandlers;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.Problem;
import dev.faultlock.locks.LockNames;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.pta.PointsToAnalysis;
import dev.faultlock.pta.PointsToResult;
import dev.faultlock.source.JavaSources;
import dev.faultlock.source.LibraryTypes;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.summary.Effects;
import dev.faultlock.summary.LibrarySummaries;
import dev.faultlock.summary.ProgramSummaries;
import dev.faultlock.summary.ProgramSummary;
import dev.faultlock.summary.Summaries;
import dev.faultlock.summary.SummaryComputer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole-program analysis: what the command line and the Maven plugin call. It parses every
 * source once (or reads its declarations and facts back from the cache, {@link ProgramFacts}),
 * indexes the program, extracts lock and fault facts per method in parallel, builds the call graph, summarises methods bottom-up over its strongly connected components and
 * reports the findings of the five rules.
 */
public final class Analyzer {
  private Analyzer() {}

  /** Analyses the program described by {@code options}. Bad input becomes problems, not exceptions. */
  public static AnalysisResult analyze(AnalyzerOptions options) {
    // Rule levels apply to the finished result, so a cached result serves every choice of them.
    return options.rules().apply(ResultCache.analyze(options, Analyzer::analyzeUncached));
  }

  private static AnalysisResult analyzeUncached(AnalyzerOptions options) {
    long start = System.nanoTime();
    List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    LibraryTypes library = new LibraryTypes(options.classpath(), problems);
    LibrarySummaries librarySummaries =
        new LibrarySummaries(Summaries.load(options.classpath(), problems));
    // Parsing, indexing and per-method facts, each file's read back from the cache when it can be.
    ProgramFacts.Result program = ProgramFacts.extract(options, library, librarySummaries, problems);
    ProgramIndex index = program.index();
    for (FaultMethods.Pattern p : options.faultMethods().patterns()) {
      if (index.type(p.type()) == null && !library.exists(p.type())) {
        // A pattern no type answers to matches nothing: said once, and the rest still runs.
        problems.add(
            new Problem(new Location("FaultMethods", 0, 0), FaultMethods.typeNotFound(p.type())));
      }
    }
    LockNames names = program.names();
    List<MethodFacts> facts = program.facts();
    Map<MethodInfo, MethodFacts> factsOf = new HashMap<>();
    List<MethodInfo> all = new ArrayList<>();
    int unresolved = 0;
    for (MethodFacts f : facts) {
      factsOf.put(f.method(), f);
      all.add(f.method());
      unresolved += f.unresolvedCalls();
    }
    // What follows works on facts alone: ProgramFacts let go of the parse trees once lowered.
    PointsToResult.Stats pointsTo = null;
    LockObjects objects = null;
    if (options.pointsTo()) {
      options.progress().update("points-to", 0, 0);
      PointsToResult pta = PointsToAnalysis.solve(index, program.ir());
      pointsTo = pta.stats();
      // Calls dispatched by what flows to them, locks known by the objects they can be.
      facts = PointsToDispatch.apply(facts, irs(program.ir()), pta);
      factsOf.clear();
      for (MethodFacts f : facts) factsOf.put(f.method(), f);
      objects = new LockObjects(pta, program.ir(), index);
    }

    options.progress().update("linking calls", 0, 0);
    CallGraph graph = CallGraph.build(facts, program.bindings());
    Map<MethodInfo, Effects> effects =
        SummaryComputer.compute(graph, factsOf, librarySummaries, options.progress(), options.jobs());
    FaultHandlers handlers = new FaultHandlers(all, effects, librarySummaries);
    DeclaredOrders orders =
        new DeclaredOrders(index.types(), program.packageAnnotations(), librarySummaries.lockOrders());
    RuleChecker.Result checked =
        new RuleChecker(index, effects, handlers, AlienCalls.of(graph, factsOf, index),
            librarySummaries, orders, new ThisChains(factsOf), objects)
            .check(facts, options.progress());
    ProgramSummary summary =
        options.summarize()
            ? ProgramSummaries.build(index, effects, names, orders.all())
            : ProgramSummary.empty();

    List<Problem> sortedProblems = new ArrayList<>(problems);
    // By place, then by message: problems come from worker threads in any order.
    sortedProblems.sort(
        Comparator.comparing(Problem::location).thenComparing(Problem::message));
    return new AnalysisResult(
        checked.findings(),
        sortedProblems,
        checked.lockGraph(),
        new Stats(program.filesSeen(), index.types().size(), graph.methodCount(), graph.edgeCount(),
            unresolved, (System.nanoTime() - start) / 1_000_000, program.filesParsed(),
            program.parseMillis(), pointsTo),
        summary);
  }

  private static Map<MethodInfo, IrMethod> irs(List<IrMethod> program) {
    Map<MethodInfo, IrMethod> out = new HashMap<>();
    for (IrMethod m : program) out.put(m.method(), m);
    return out;
  }

  /** Parses every source and reports problems, without analysing: the benchmarks' baseline. */
  public static AnalysisResult parseOnly(AnalyzerOptions options) {
    long start = System.nanoTime();
    JavaSources.Parsed parsed = JavaSources.parse(options);
    int types = 0;
    for (var f : parsed.files()) types += f.unit().findAll(TypeDeclaration.class).size();
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new AnalysisResult(
        List.of(),
        parsed.problems(),
        LockGraph.empty(),
        new Stats(parsed.filesSeen(), types, 0, 0, 0, millis, parsed.filesSeen(), millis),
        ProgramSummary.empty());
  }
}
