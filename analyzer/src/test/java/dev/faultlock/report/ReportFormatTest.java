package dev.faultlock.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportFormatTest {
  @Test
  void parsesNamesIgnoringCase() {
    assertThat(ReportFormat.parse("sarif")).isEqualTo(ReportFormat.SARIF);
    assertThat(ReportFormat.parse("HTML")).isEqualTo(ReportFormat.HTML);
    assertThat(ReportFormat.parse(" text ")).isEqualTo(ReportFormat.TEXT);
  }

  @Test
  void unknownNameSaysWhatIsKnown() {
    assertThatThrownBy(() -> ReportFormat.parse("xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown report format 'xml' (expected one of text, sarif, html, json)");
  }

  @Test
  void extensions() {
    assertThat(ReportFormat.TEXT.extension()).isEqualTo("txt");
    assertThat(ReportFormat.SARIF.extension()).isEqualTo("sarif");
    assertThat(ReportFormat.HTML.extension()).isEqualTo("html");
    assertThat(ReportFormat.JSON.extension()).isEqualTo("json");
  }
}
