package dev.faultlock.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.Problem;
import dev.faultlock.findings.TraceStep;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The result as plain JSON for scripts: findings with traces, problems, the lock-order graph and
 * the program's size. The run's duration is left out so that two runs write the same bytes.
 */
final class JsonReport {
  private JsonReport() {}

  static void write(AnalysisResult result, Writer out) throws IOException {
    ObjectNode root = Json.object();
    root.putObject("tool").put("name", ToolInfo.NAME).put("version", ToolInfo.version());
    Counts counts = Counts.of(result);
    root.putObject("counts").put("errors", counts.errors()).put("warnings", counts.warnings());
    ArrayNode findings = root.putArray("findings");
    for (Finding finding : result.findings()) {
      ObjectNode node = findings.addObject();
      node.put("ruleId", finding.rule().id());
      node.put("severity", finding.severity().label());
      node.set("location", location(finding.location()));
      node.put("message", finding.message());
      node.put("confidence", finding.confidence().id());
      node.set("trace", trace(finding.trace()));
      node.put("fingerprint", finding.fingerprint());
    }
    ArrayNode problems = root.putArray("problems");
    for (Problem problem : result.problems()) {
      problems
          .addObject()
          .put("message", problem.message())
          .set("location", location(problem.location()));
    }
    lockGraph(root.putObject("lockGraph"), result.lockGraph());
    AnalysisResult.Stats stats = result.stats();
    root.putObject("stats")
        .put("files", stats.files())
        .put("types", stats.types())
        .put("methods", stats.methods())
        .put("callEdges", stats.callEdges())
        .put("unresolvedCalls", stats.unresolvedCalls());
    Json.write(root, out);
  }

  private static void lockGraph(ObjectNode node, LockGraph graph) {
    ArrayNode lockClasses = node.putArray("lockClasses");
    graph.lockClasses().forEach(lockClasses::add);
    ArrayNode edges = node.putArray("edges");
    for (LockGraph.Edge edge : graph.edges()) {
      edges
          .addObject()
          .put("from", edge.from())
          .put("to", edge.to())
          .set("witness", trace(edge.witness()));
    }
    ArrayNode cycles = node.putArray("cycles");
    for (List<String> cycle : graph.cycles()) {
      ArrayNode classes = cycles.addArray();
      cycle.forEach(classes::add);
    }
  }

  private static ArrayNode trace(List<TraceStep> steps) {
    ArrayNode trace = Json.array();
    for (TraceStep step : steps) {
      trace
          .addObject()
          .put("description", step.description())
          .put("confidence", step.confidence().id())
          .set("location", location(step.location()));
    }
    return trace;
  }

  private static ObjectNode location(Location location) {
    return Json.object()
        .put("file", location.file())
        .put("line", location.line())
        .put("column", location.column());
  }
}
