package dev.faultlock.report;

import static dev.faultlock.report.ReportTesting.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeterminismTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void sameResultSameBytes(ReportFormat format) throws Exception {
    Files.write(dir.resolve("Inode.java"), List.of("class Inode {", "  void read() {}", "}"));

    // Two equal results built apart, as two runs would build them.
    String first = render(format, ResultFixture.clusterFs(dir.toString()));
    String second = render(format, ResultFixture.clusterFs(dir.toString()));

    assertThat(second).isEqualTo(first);
    assertThat(first).doesNotContain("\r").endsWith("\n");
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void writesFilesInUtf8CreatingTheDirectory(ReportFormat format) throws Exception {
    Path file = dir.resolve("target/faultlock/report." + format.extension());

    Reports.write(format, ResultFixture.clusterFs("src"), file);

    if (format == ReportFormat.HTML) {
      // Beside a file, the page links to the rule pages written next to it instead of carrying
      // them.
      assertThat(Files.readString(file))
          .startsWith("<!doctype html>")
          .contains("href=\"faultlock-rules/FaultUnderLock.html\"")
          .doesNotContain("id=\"rules\"");
      assertThat(file.resolveSibling("faultlock-rules/FaultUnderLock.html")).isRegularFile();
    } else {
      assertThat(Files.readString(file)).isEqualTo(render(format, ResultFixture.clusterFs("src")));
    }
  }
}
