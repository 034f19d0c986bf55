package dev.faultlock.analyzer;

import dev.faultlock.findings.Finding;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.Problem;
import dev.faultlock.pta.PointsToResult;
import dev.faultlock.summary.ProgramSummary;
import java.util.List;

/**
 * What one analysis run found. Findings and problems come in a stable order (file, line, rule),
 * so two runs over the same input give byte-identical reports.
 *
 * @param summary what the analysed program does with locks and faults, per public method: what
 *     {@link dev.faultlock.summary.Summaries#write} stores for analyses of dependent modules
 */
public record AnalysisResult(
    List<Finding> findings, List<Problem> problems, LockGraph lockGraph, Stats stats,
    ProgramSummary summary) {
  public AnalysisResult {
    findings = List.copyOf(findings);
    problems = List.copyOf(problems);
  }

  /**
   * Counts for {@code --verbose} and the benchmarks.
   *
   * @param elapsedMillis the whole analysis, parsing included
   * @param filesParsed the sources this run parsed; with a cache directory, the others' facts
   *     were read back from the cache
   * @param parseMillis of {@code elapsedMillis}, the time spent reading, parsing and indexing
   *     the sources (or reading their declarations back from the cache)
   * @param pointsTo the size of the points-to solution, when the run solved it; else {@code null}
   */
  public record Stats(
      int files, int types, int methods, int callEdges, int unresolvedCalls, long elapsedMillis,
      int filesParsed, long parseMillis, PointsToResult.Stats pointsTo) {
    /** Counts of a run that did not solve points-to. */
    public Stats(
        int files, int types, int methods, int callEdges, int unresolvedCalls, long elapsedMillis,
        int filesParsed, long parseMillis) {
      this(files, types, methods, callEdges, unresolvedCalls, elapsedMillis, filesParsed, parseMillis, null);
    }

    /** Counts of a run that parsed every file, not timed by phase. */
    public Stats(int files, int types, int methods, int callEdges, int unresolvedCalls, long elapsedMillis) {
      this(files, types, methods, callEdges, unresolvedCalls, elapsedMillis, files, 0);
    }
  }
}
