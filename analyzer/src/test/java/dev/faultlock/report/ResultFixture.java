package dev.faultlock.report;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.catalog.Messages;
import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.Problem;
import dev.faultlock.findings.TraceSection;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.summary.ProgramSummary;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link AnalysisResult}s for report tests. Every test goes through here, so a new component
 * of the result changes this one file.
 */
public final class ResultFixture {
  private ResultFixture() {}

  public static AnalysisResult result(
      List<Finding> findings, List<Problem> problems, LockGraph lockGraph) {
    return new AnalysisResult(
        findings,
        problems,
        lockGraph,
        new AnalysisResult.Stats(3, 4, 17, 21, 2, 1234),
        ProgramSummary.empty());
  }

  public static Finding finding(
      Rule rule, Location location, String message, String fingerprint, TraceStep... trace) {
    return new Finding(rule, rule.severity(), location, message, List.of(trace), fingerprint);
  }

  public static TraceStep step(String file, int line, String description) {
    return new TraceStep(new Location(file, line, 0), description);
  }

  public static Problem problem(String file, int line, String message) {
    return new Problem(new Location(file, line, 0), message);
  }

  /**
   * The post's bug in {@code dir}: {@code Inode.read} holds an inode lock while copying into a
   * caller's buffer whose fault handler takes another inode lock; plus an unsorted pair, a cycle
   * between two classes and one file that does not parse. The unsorted pair is the one
   * low-confidence finding.
   */
  public static AnalysisResult clusterFs(String dir) {
    String inode = dir + "/Inode.java";
    String paged = dir + "/PagedFile.java";
    String journal = dir + "/Journal.java";
    Finding faultUnderLock =
        finding(
            Rule.FAULT_UNDER_LOCK,
            new Location(inode, 12, 9),
            Messages.faultUnderLock(
                "dst.put", "this", "inode", "PagedFile.fault", "owner", "inode"),
            "FaultUnderLock:Inode.read:PagedFile.fault",
            step(inode, 10, "acquires lock `this` (class inode)"),
            step(inode, 12, "calls `UserBuffer.put`"),
            step(paged, 7, "faults -> `PagedFile.fault`"),
            step(paged, 8, "acquires lock `owner` (class inode)"));
    List<TraceSection> edges =
        List.of(
            new TraceSection(
                Messages.cycleEdge(1, 2, "inode", "journal"),
                List.of(
                    step(inode, 20, "acquires lock `this` (class inode)"),
                    step(inode, 21, "acquires lock `journal` (class journal)"))),
            new TraceSection(
                Messages.cycleEdge(2, 2, "journal", "inode"),
                List.of(
                    step(journal, 5, "acquires lock `this` (class journal)"),
                    step(journal, 6, "acquires lock `inode` (class inode)"))));
    Finding inversion =
        new Finding(
            Rule.LOCK_ORDER_INVERSION,
            Rule.LOCK_ORDER_INVERSION.severity(),
            new Location(journal, 5, 0),
            Messages.lockOrderInversion(List.of("inode", "journal")),
            TraceSection.allSteps(edges),
            "LockOrderInversion:inode,journal",
            edges);
    Finding unsorted =
        finding(
            Rule.UNSORTED_SAME_CLASS_LOCKS,
            new Location(inode, 31, 0),
            Messages.unsortedSameClassLocks("inode", "a", "b"),
            "UnsortedSameClassLocks:Inode.rename",
            // `a` and `b` are the parameters of a public method: objects from outside.
            step(inode, 30, "acquires lock `a` (class inode)").atMost(Confidence.LOW),
            step(inode, 31, "acquires lock `b` (class inode)").atMost(Confidence.LOW));
    LockGraph graph =
        new LockGraph(
            List.of("inode", "journal", "page"),
            List.of(
                new LockGraph.Edge("inode", "inode", faultUnderLock.trace()),
                new LockGraph.Edge("inode", "journal", inversion.trace().subList(0, 2)),
                new LockGraph.Edge("journal", "inode", inversion.trace().subList(2, 4)),
                new LockGraph.Edge("page", "journal", List.of(step(paged, 3, "acquires")))),
            List.of(List.of("inode"), List.of("inode", "journal")),
            Map.of(
                faultUnderLock.fingerprint(),
                List.of(
                    new LockGraph.Edge(
                        "inode", "inode", faultUnderLock.trace(), LockGraph.Kind.FAULT,
                        "fault -> PagedFile.fault")),
                inversion.fingerprint(),
                List.of(new LockGraph.Edge("inode", "journal", inversion.trace().subList(0, 2)),
                    new LockGraph.Edge("journal", "inode", inversion.trace().subList(2, 4))),
                unsorted.fingerprint(),
                List.of(
                    new LockGraph.Edge(
                        "inode", "inode", unsorted.trace(), LockGraph.Kind.ORDER, "in no order"))));
    return result(
        List.of(faultUnderLock, inversion, unsorted),
        List.of(problem(dir + "/Broken.java", 4, "cannot parse: ';' expected")),
        graph);
  }
}
