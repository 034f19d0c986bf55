package dev.faultlock.report;

import static dev.faultlock.report.ReportTesting.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.TraceStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SarifReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode sarif(AnalysisResult result) throws IOException {
    return MAPPER.readTree(render(ReportFormat.SARIF, result));
  }

  @Test
  void validAgainstTheSarif210Schema() throws IOException {
    JsonNode log = sarif(ResultFixture.clusterFs("src/main/java/fs"));

    assertThat(SarifSchema.validate(log)).isEmpty();
  }

  @Test
  void schemaCheckCatchesABrokenLog() throws IOException {
    ObjectNode log = (ObjectNode) sarif(ResultFixture.clusterFs("src/fs"));
    ObjectNode region =
        (ObjectNode) log.at("/runs/0/results/0/locations/0/physicalLocation/region");
    region.put("startLine", 0);
    log.remove("version");

    Set<ValidationMessage> errors = SarifSchema.validate(log);

    assertThat(errors)
        .extracting(ValidationMessage::getMessage)
        .anyMatch(m -> m.contains("version"))
        .anyMatch(m -> m.contains("startLine"));
  }

  @Test
  void driverListsEveryRuleOfTheCatalogWithHelp() throws IOException {
    JsonNode driver = sarif(ResultFixture.clusterFs("src/fs")).at("/runs/0/tool/driver");

    assertThat(driver.get("name").asText()).isEqualTo("faultlock");
    assertThat(driver.get("version").asText()).isEqualTo(ToolInfo.version()).isNotBlank();
    // No address to a web page that may not exist: the pages travel inside the log.
    assertThat(driver.has("informationUri")).isFalse();
    JsonNode rules = driver.get("rules");
    assertThat(rules).hasSize(Rule.values().length);
    for (Rule rule : Rule.values()) {
      JsonNode descriptor = rules.get(rule.ordinal());
      assertThat(descriptor.get("id").asText()).isEqualTo(rule.id());
      assertThat(descriptor.get("name").asText()).isEqualTo(rule.id());
      assertThat(descriptor.at("/shortDescription/text").asText()).isEqualTo(rule.summary());
      assertThat(descriptor.at("/fullDescription/text").asText()).startsWith(rule.summary());
      String page = Files.readString(Path.of("..").resolve(rule.docPath()));
      assertThat(descriptor.at("/help/markdown").asText())
          .isEqualTo(page)
          .contains("@SuppressWarnings(\"" + rule.id() + "\")");
      assertThat(descriptor.at("/help/text").asText()).isEqualTo(page);
      assertThat(descriptor.has("helpUri")).isFalse();
      assertThat(descriptor.at("/defaultConfiguration/level").asText())
          .isEqualTo(rule.severity().label());
    }
  }

  @Test
  void resultsCarryRuleLevelLocationTraceAndFingerprint() throws IOException {
    AnalysisResult result = ResultFixture.clusterFs("src/fs");
    JsonNode run = sarif(result).at("/runs/0");
    JsonNode results = run.get("results");

    assertThat(results).hasSize(result.findings().size());
    for (int i = 0; i < results.size(); i++) {
      Finding finding = result.findings().get(i);
      JsonNode r = results.get(i);
      assertThat(r.get("ruleId").asText()).isEqualTo(finding.rule().id());
      assertThat(run.at("/tool/driver/rules/" + r.get("ruleIndex").asInt() + "/id").asText())
          .isEqualTo(finding.rule().id());
      assertThat(r.get("level").asText()).isEqualTo(finding.severity().label());
      assertThat(r.at("/message/text").asText()).isEqualTo(finding.message());
      JsonNode physical = r.at("/locations/0/physicalLocation");
      assertThat(physical.at("/artifactLocation/uri").asText())
          .isEqualTo(finding.location().file());
      assertThat(physical.at("/region/startLine").asInt()).isEqualTo(finding.location().line());
      assertThat(r.at("/partialFingerprints/faultlock~1v1").asText())
          .isEqualTo(finding.fingerprint());
      assertThat(r.at("/properties/confidence").asText()).isEqualTo(finding.confidence().id());

      JsonNode steps = r.at("/codeFlows/0/threadFlows/0/locations");
      assertThat(steps).hasSize(finding.trace().size());
      for (int s = 0; s < steps.size(); s++) {
        TraceStep step = finding.trace().get(s);
        JsonNode location = steps.get(s).get("location");
        assertThat(location.at("/message/text").asText()).isEqualTo(step.description());
        assertThat(location.at("/physicalLocation/artifactLocation/uri").asText())
            .isEqualTo(step.location().file());
        assertThat(location.at("/physicalLocation/region/startLine").asInt())
            .isEqualTo(step.location().line());
      }
    }
    // Viewers that sort by rank show the sure findings first; the unsorted pair is not sure.
    assertThat(results.findValuesAsText("confidence")).containsExactly("high", "high", "low");
    assertThat(results.get(0).get("rank").asDouble())
        .isGreaterThan(results.get(2).get("rank").asDouble());
    assertThat(results.get(2).get("rank").asDouble()).isBetween(0.0, 100.0);
    // Only a column that is known is written.
    assertThat(results.at("/0/locations/0/physicalLocation/region/startColumn").asInt())
        .isEqualTo(9);
    assertThat(results.at("/1/locations/0/physicalLocation/region").has("startColumn")).isFalse();
  }

  @Test
  void problemsBecomeToolExecutionNotifications() throws IOException {
    JsonNode notifications =
        sarif(ResultFixture.clusterFs("src/fs"))
            .at("/runs/0/invocations/0/toolExecutionNotifications");

    assertThat(notifications).hasSize(1);
    assertThat(notifications.at("/0/level").asText()).isEqualTo("warning");
    assertThat(notifications.at("/0/message/text").asText())
        .isEqualTo("cannot parse: ';' expected");
    assertThat(notifications.at("/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("src/fs/Broken.java");
  }

  @Test
  void pathsBecomeUriReferences() throws IOException {
    AnalysisResult result =
        ResultFixture.result(
            List.of(
                ResultFixture.finding(
                    Rule.FAULT_UNDER_LOCK,
                    new Location("/srv/my fs/Inode.java", 3, 0),
                    "m",
                    "fp",
                    ResultFixture.step("my fs/Paged File.java", 2, "faults"))),
            List.of(),
            LockGraph.empty());
    JsonNode log = sarif(result);

    assertThat(
            log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("file:///srv/my%20fs/Inode.java");
    assertThat(
            log.at(
                    "/runs/0/results/0/codeFlows/0/threadFlows/0/locations/0/location"
                        + "/physicalLocation/artifactLocation/uri")
                .asText())
        .isEqualTo("my%20fs/Paged%20File.java");
    assertThat(SarifSchema.validate(log)).isEmpty();
  }

  @Test
  void findingWithoutTraceHasNoCodeFlow() throws IOException {
    AnalysisResult result =
        ResultFixture.result(
            List.of(
                ResultFixture.finding(
                    Rule.ANNOTATION_MISUSE, new Location("A.java", 3, 0), "m", "fp")),
            List.of(),
            LockGraph.empty());
    JsonNode log = sarif(result);

    assertThat(log.at("/runs/0/results/0").has("codeFlows")).isFalse();
    assertThat(SarifSchema.validate(log)).isEmpty();
  }
}
