package dev.faultlock.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.RulePages;
import dev.faultlock.catalog.Severity;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.Problem;
import dev.faultlock.findings.TraceStep;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * SARIF 2.1.0 (OASIS): one run whose driver lists every rule of the catalog with its page, one
 * result per finding with its witness trace as a code flow, and bad input as tool execution
 * notifications.
 */
final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /** The {@code partialFingerprints} key; bump its version if the fingerprint scheme changes. */
  static final String FINGERPRINT_KEY = "faultlock/v1";

  private SarifReport() {}

  static void write(AnalysisResult result, Writer out) throws IOException {
    ObjectNode log = Json.object();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    tool(run.putObject("tool").putObject("driver"));
    invocation(run.putArray("invocations").addObject(), result);
    ArrayNode results = run.putArray("results");
    for (Finding finding : result.findings()) {
      result(results.addObject(), finding);
    }
    Json.write(log, out);
  }

  private static void tool(ObjectNode driver) {
    driver.put("name", ToolInfo.NAME);
    driver.put("version", ToolInfo.version());
    ArrayNode rules = driver.putArray("rules");
    for (Rule rule : Rule.values()) {
      ObjectNode descriptor = rules.addObject();
      descriptor.put("id", rule.id());
      descriptor.put("name", rule.id());
      descriptor.putObject("shortDescription").put("text", rule.summary());
      descriptor.putObject("fullDescription").put("text", fullDescription(rule));
      // The whole rule page, which is what GitHub code scanning shows for a rule; Markdown reads
      // well as text too. No helpUri: the page travels with the report instead of a link to it.
      String page = RulePages.markdown(rule);
      ObjectNode help = descriptor.putObject("help");
      help.put("text", page);
      help.put("markdown", page);
      descriptor.putObject("defaultConfiguration").put("level", level(rule.severity()));
    }
  }

  private static String fullDescription(Rule rule) {
    return rule.summary()
        + " Reported as "
        + (rule.severity() == Severity.ERROR ? "an " : "a ")
        + rule.severity().label()
        + " by javac (Error Prone), the faultlock command line and the"
        + " Maven plugin.";
  }

  private static void invocation(ObjectNode invocation, AnalysisResult result) {
    invocation.put("executionSuccessful", true);
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    for (Problem problem : result.problems()) {
      ObjectNode notification = notifications.addObject();
      notification.put("level", "warning");
      notification.putObject("message").put("text", problem.message());
      notification.putArray("locations").add(location(problem.location()));
    }
  }

  private static void result(ObjectNode result, Finding finding) {
    result.put("ruleId", finding.rule().id());
    result.put("ruleIndex", finding.rule().ordinal());
    result.put("level", level(finding.severity()));
    result.put("rank", rank(finding.confidence()));
    result.putObject("message").put("text", finding.message());
    result.putArray("locations").add(location(finding.location()));
    if (!finding.trace().isEmpty()) {
      ArrayNode steps =
          result
              .putArray("codeFlows")
              .addObject()
              .putArray("threadFlows")
              .addObject()
              .putArray("locations");
      for (TraceStep step : finding.trace()) {
        ObjectNode location = location(step.location());
        location.putObject("message").put("text", step.description());
        steps.addObject().set("location", location);
      }
    }
    if (finding.fingerprint() != null) {
      result.putObject("partialFingerprints").put(FINGERPRINT_KEY, finding.fingerprint());
    }
    result.putObject("properties").put("confidence", finding.confidence().id());
  }

  private static ObjectNode location(Location location) {
    ObjectNode node = Json.object();
    ObjectNode physical = node.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(location.file()));
    if (location.line() > 0) {
      ObjectNode region = physical.putObject("region");
      region.put("startLine", location.line());
      if (location.column() > 0) {
        region.put("startColumn", location.column());
      }
    }
    return node;
  }

  /**
   * A file's SARIF address: relative paths stay relative (viewers resolve them against the
   * checkout, which keeps reports free of machine-specific directories); absolute ones become
   * {@code file:} URIs. Characters that are not allowed in a URI, like spaces, are escaped.
   */
  static String uri(String file) {
    Path path = Path.of(file);
    if (path.isAbsolute()) {
      return path.toUri().toString();
    }
    try {
      return new URI(null, null, file, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a file path: " + file, e);
    }
  }

  /**
   * SARIF's {@code rank} (0 to 100, "the priority or importance of the result"): viewers that
   * sort by it, as GitHub code scanning does, show the findings faultlock is sure of first.
   */
  static double rank(Confidence confidence) {
    return confidence == Confidence.HIGH ? 90.0 : 30.0;
  }

  private static String level(Severity severity) {
    return severity == Severity.ERROR ? "error" : "warning";
  }
}
