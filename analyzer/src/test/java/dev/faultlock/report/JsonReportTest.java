package dev.faultlock.report;

import static dev.faultlock.report.ReportTesting.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class JsonReportTest {
  @Test
  void findingsProblemsGraphAndStats() throws IOException {
    JsonNode root =
        new ObjectMapper().readTree(render(ReportFormat.JSON, ResultFixture.clusterFs("src")));

    assertThat(root.at("/tool/name").asText()).isEqualTo("faultlock");
    assertThat(root.at("/counts/errors").asInt()).isEqualTo(2);
    assertThat(root.at("/counts/warnings").asInt()).isEqualTo(2);

    JsonNode first = root.at("/findings/0");
    assertThat(first.get("ruleId").asText()).isEqualTo("FaultUnderLock");
    assertThat(first.get("severity").asText()).isEqualTo("error");
    assertThat(first.at("/location/file").asText()).isEqualTo("src/Inode.java");
    assertThat(first.at("/location/line").asInt()).isEqualTo(12);
    assertThat(first.at("/location/column").asInt()).isEqualTo(9);
    assertThat(first.get("message").asText()).startsWith("`dst.put` may fault");
    assertThat(first.get("trace")).hasSize(4);
    assertThat(first.at("/trace/2/description").asText()).isEqualTo("faults -> `PagedFile.fault`");
    assertThat(first.at("/trace/2/location/file").asText()).isEqualTo("src/PagedFile.java");
    assertThat(first.get("fingerprint").asText())
        .isEqualTo("FaultUnderLock:Inode.read:PagedFile.fault");
    assertThat(root.get("findings")).hasSize(3);
    assertThat(root.get("findings").findValuesAsText("severity"))
        .containsExactly("error", "error", "warning");
    // Each finding and each step says how sure it is: the unsorted pair takes two parameters.
    assertThat(root.at("/findings/0/confidence").asText()).isEqualTo("high");
    assertThat(root.at("/findings/1/confidence").asText()).isEqualTo("high");
    assertThat(root.at("/findings/2/confidence").asText()).isEqualTo("low");
    assertThat(root.at("/findings/0/trace/1/confidence").asText()).isEqualTo("high");
    assertThat(root.at("/findings/2/trace/0/confidence").asText()).isEqualTo("low");

    assertThat(root.at("/problems/0/message").asText()).isEqualTo("cannot parse: ';' expected");
    assertThat(root.at("/problems/0/location/line").asInt()).isEqualTo(4);

    JsonNode graph = root.get("lockGraph");
    assertThat(graph.get("lockClasses").toString()).isEqualTo("[\"inode\",\"journal\",\"page\"]");
    assertThat(graph.get("edges")).hasSize(4);
    assertThat(graph.at("/edges/1/from").asText()).isEqualTo("inode");
    assertThat(graph.at("/edges/1/to").asText()).isEqualTo("journal");
    assertThat(graph.at("/edges/1/witness")).hasSize(2);
    assertThat(graph.get("cycles").toString()).isEqualTo("[[\"inode\"],[\"inode\",\"journal\"]]");

    JsonNode stats = root.get("stats");
    assertThat(stats.get("files").asInt()).isEqualTo(3);
    assertThat(stats.get("methods").asInt()).isEqualTo(17);
    assertThat(stats.get("callEdges").asInt()).isEqualTo(21);
    assertThat(stats.get("unresolvedCalls").asInt()).isEqualTo(2);
    // A duration would make two runs differ.
    assertThat(stats.has("elapsedMillis")).isFalse();
  }
}
