package dev.faultlock.report;

import static dev.faultlock.report.ReportTesting.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.LockGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final String HOSTILE = "</script><script>alert(1)</script>";

  @TempDir Path dir;

  /** Inode.java exists (line 12 holds hostile text); PagedFile.java and Journal.java do not. */
  private AnalysisResult clusterFsWithSources() throws IOException {
    List<String> lines =
        IntStream.rangeClosed(1, 40).mapToObj(i -> "// line " + i).collect(Collectors.toList());
    lines.set(10, "    synchronized (this) { // </pre><script>alert(2)</script>");
    lines.set(11, "      dst.put(\"" + HOSTILE + "\");");
    Files.write(dir.resolve("Inode.java"), lines);
    return ResultFixture.clusterFs(dir.toString());
  }

  @Test
  void oneEntryPerFindingWithItsTraceSteps() throws IOException {
    AnalysisResult result = clusterFsWithSources();
    Document page = Jsoup.parse(render(ReportFormat.HTML, result));

    Elements findings = page.select("#findings article.finding");
    assertThat(findings).hasSize(result.findings().size());
    for (int i = 0; i < findings.size(); i++) {
      Finding finding = result.findings().get(i);
      Element article = findings.get(i);
      assertThat(article.hasClass(finding.severity().label())).isTrue();
      assertThat(article.selectFirst(".rule").text()).isEqualTo("[" + finding.rule().id() + "]");
      assertThat(article.selectFirst(".rule").attr("href")).endsWith(finding.rule().docPath());
      assertThat(article.selectFirst(".message").text()).isEqualTo(finding.message());
      Elements steps = article.select("ol.trace > li.step");
      assertThat(steps).hasSize(finding.trace().size());
      for (int s = 0; s < steps.size(); s++) {
        assertThat(steps.get(s).selectFirst(".description").text())
            .isEqualTo(finding.trace().get(s).description());
        assertThat(steps.get(s).selectFirst(".location").text())
            .isEqualTo(finding.trace().get(s).location().toString());
      }
    }
    assertThat(page.selectFirst(".counts").text()).isEqualTo("2 errors, 2 warnings");
    assertThat(page.select("#problems li.problem").text())
        .contains("Broken.java:4: cannot parse: ';' expected");
  }

  @Test
  void snippetsAroundStepsInReadableFilesOnly() throws IOException {
    Document page = Jsoup.parse(render(ReportFormat.HTML, clusterFsWithSources()));
    Elements steps = page.select("#finding-1 li.step");

    // Inode.java:12, two lines either side, the step's own line marked.
    Element snippet = steps.get(1).selectFirst("pre.snippet");
    assertThat(snippet.select(".line .number").eachText())
        .containsExactly("10", "11", "12", "13", "14");
    assertThat(snippet.selectFirst(".line.hit .number").text()).isEqualTo("12");
    assertThat(snippet.selectFirst(".line.hit").wholeText())
        .endsWith("dst.put(\"" + HOSTILE + "\");");
    // Line 1 has no lines before it.
    assertThat(page.select("#finding-2 li.step").get(0).select("pre.snippet .number").eachText())
        .containsExactly("18", "19", "20", "21", "22");
    // PagedFile.java does not exist: the steps are listed without a snippet.
    assertThat(steps.get(2).select("pre.snippet")).isEmpty();
    assertThat(steps.get(3).select("pre.snippet")).isEmpty();
  }

  @Test
  void stepBeyondTheEndOfTheFileHasNoSnippet() throws IOException {
    Files.write(dir.resolve("Short.java"), List.of("class Short {}"));
    AnalysisResult result =
        ResultFixture.result(
            List.of(
                ResultFixture.finding(
                    Rule.FAULT_UNDER_LOCK,
                    new Location(dir.resolve("Short.java").toString(), 1, 0),
                    "m",
                    "fp",
                    ResultFixture.step(dir.resolve("Short.java").toString(), 1, "first"),
                    ResultFixture.step(dir.resolve("Short.java").toString(), 99, "beyond"),
                    ResultFixture.step(dir.resolve("Short.java").toString(), 0, "no line"))),
            List.of(),
            LockGraph.empty());

    Elements steps = Jsoup.parse(render(ReportFormat.HTML, result)).select("li.step");

    assertThat(steps.get(0).select("pre.snippet .number").eachText()).containsExactly("1");
    assertThat(steps.get(1).select("pre.snippet")).isEmpty();
    assertThat(steps.get(2).select("pre.snippet")).isEmpty();
  }

  @Test
  void hostileSourceTextAndMessagesStayText() throws IOException {
    AnalysisResult bugs = clusterFsWithSources();
    Finding hostile =
        ResultFixture.finding(
            Rule.ANNOTATION_MISUSE,
            new Location(dir.resolve("Inode.java").toString(), 12, 0),
            "@Acquires: no parameter named `" + HOSTILE + "`",
            "fp",
            ResultFixture.step(dir.resolve("Inode.java").toString(), 12, "calls " + HOSTILE));
    AnalysisResult result =
        ResultFixture.result(
            List.of(bugs.findings().get(0), hostile),
            List.of(ResultFixture.problem("<b>x</b>.java", 1, HOSTILE)),
            new LockGraph(
                List.of("inode", "\"><script>alert(3)</script>"),
                List.of(new LockGraph.Edge("inode", "\"><script>alert(3)</script>", List.of())),
                List.of()));

    String html = render(ReportFormat.HTML, result);
    Document page = Jsoup.parse(html);

    assertThat(page.select("script")).isEmpty();
    assertThat(page.select("b")).isEmpty();
    assertThat(html).doesNotContain("<script").doesNotContain("alert(2)</script>\n");
    assertThat(page.select("#finding-2 .message").text())
        .isEqualTo("@Acquires: no parameter named `" + HOSTILE + "`");
    assertThat(page.select("#finding-2 .description").text()).isEqualTo("calls " + HOSTILE);
    assertThat(page.select("#finding-2 .line.hit").text()).contains(HOSTILE);
    assertThat(page.select("#finding-1 .line").eachText())
        .anyMatch(line -> line.contains("// </pre><script>alert(2)</script>"));
    assertThat(page.select("svg g.node").eachAttr("data-lock-class"))
        .contains("\"><script>alert(3)</script>");
  }

  @Test
  void lockGraphIsAnSvgWithANodePerClassAndCycleEdgesHighlighted() throws IOException {
    Document page = Jsoup.parse(render(ReportFormat.HTML, clusterFsWithSources()));
    Element svg = page.selectFirst("#lock-graph svg");

    assertThat(svg).isNotNull();
    assertThat(svg.select("g.node").eachAttr("data-lock-class"))
        .containsExactly("inode", "journal", "page");
    assertThat(svg.select("g.node").eachText())
        .containsExactly("inode inode", "journal journal", "page page");
    assertThat(svg.select("g.node.cycle").eachAttr("data-lock-class"))
        .containsExactly("inode", "journal");
    assertThat(svg.select("path.edge")).hasSize(4);
    assertThat(edges(svg.select("path.edge.cycle")))
        .containsExactly("inode->inode", "inode->journal", "journal->inode");
    assertThat(edges(svg.select("path.edge:not(.cycle)"))).containsExactly("page->journal");
    assertThat(svg.select("path.edge.cycle").eachAttr("marker-end"))
        .containsOnly("url(#arrow-cycle)");
    // Each edge explains itself with its witness on hover.
    assertThat(svg.selectFirst("path.edge[data-from=journal][data-to=inode] > title").text())
        .contains("journal -> inode (in a cycle)")
        .contains("Journal.java:6: acquires lock `inode` (class inode)");
  }

  @Test
  void noLockGraphNoPicture() {
    Document page =
        Jsoup.parse(
            render(
                ReportFormat.HTML, ResultFixture.result(List.of(), List.of(), LockGraph.empty())));

    assertThat(page.select("svg")).isEmpty();
    assertThat(page.select("#lock-graph p").text())
        .isEqualTo("No lock is taken while another is held.");
    assertThat(page.select("#findings p").text()).isEqualTo("No findings.");
  }

  @Test
  void selfContained() throws IOException {
    String html = render(ReportFormat.HTML, clusterFsWithSources());
    Document page = Jsoup.parse(html);

    assertThat(page.select("script, link, img, iframe, object, [src]")).isEmpty();
    assertThat(page.select("style").html()).doesNotContain("url(").doesNotContain("@import");
    assertThat(html).startsWith("<!doctype html>");
  }

  private static List<String> edges(Elements paths) {
    return paths.stream().map(p -> p.attr("data-from") + "->" + p.attr("data-to")).toList();
  }
}
