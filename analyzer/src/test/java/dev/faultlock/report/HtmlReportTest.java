package dev.faultlock.report;

import static dev.faultlock.report.ReportTesting.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.LockGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
      // A page on a stream has no directory beside it: it carries the rule's page at its end.
      String href = article.selectFirst(".rule").attr("href");
      assertThat(href).isEqualTo("#rule-" + finding.rule().id());
      assertThat(page.getElementById(href.substring(1)).selectFirst("h3").text())
          .isEqualTo(finding.rule().id());
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
  void eachFindingHasAConfidenceBadgeAndTheLowOnesCanBeHiddenWithoutAScript() throws IOException {
    AnalysisResult result = clusterFsWithSources();
    Document page = Jsoup.parse(render(ReportFormat.HTML, result));

    Elements findings = page.select("#findings article.finding");
    for (int i = 0; i < findings.size(); i++) {
      Finding finding = result.findings().get(i);
      Element badge = findings.get(i).selectFirst("h3 .confidence");
      assertThat(badge.text()).isEqualTo(finding.confidence().id() + " confidence");
      assertThat(badge.hasClass(finding.confidence().id())).isTrue();
      assertThat(findings.get(i).hasClass("low-confidence"))
          .isEqualTo(finding.confidence() == Confidence.LOW);
    }
    assertThat(page.select("article.low-confidence .message").eachText())
        .containsExactly(result.findings().get(2).message());
    // The filter: a radio button before the list and a style rule that hides the low ones.
    Element onlyHigh = page.getElementById("only-high");
    assertThat(onlyHigh.attr("type")).isEqualTo("radio");
    assertThat(onlyHigh.nextElementSiblings().select(".finding-list")).hasSize(1);
    assertThat(page.selectFirst("label[for=only-high]").text()).isEqualTo("High confidence only (2)");
    assertThat(page.selectFirst("style").data())
        .contains("#only-high:checked ~ .finding-list .finding.low-confidence { display: none; }");
    assertThat(page.select("script")).isEmpty();
  }

  @Test
  void noFilterWhenEveryFindingIsSure() throws IOException {
    AnalysisResult all = clusterFsWithSources();
    AnalysisResult sure = ResultFixture.result(
        all.findings().subList(0, 2), all.problems(), all.lockGraph());
    Document page = Jsoup.parse(render(ReportFormat.HTML, sure));
    assertThat(page.getElementById("only-high")).isNull();
    assertThat(page.select("#findings article.finding .confidence.high")).hasSize(2);
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
                List.of(),
                List.of(),
                Map.of(
                    "fp",
                    List.of(
                        new LockGraph.Edge("inode", "\"><script>alert(3)</script>", List.of()),
                        new LockGraph.Edge(
                            "\"><script>alert(3)</script>", "inode", List.of(), LockGraph.Kind.FAULT,
                            "fault -> <b>x</b>")))));

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
    assertThat(page.select("#lock-graph svg g.node").eachAttr("data-lock-class"))
        .contains("\"><script>alert(3)</script>");
    assertThat(page.select("#lock-graph svg text.edge-label").text()).isEqualTo("fault -> <b>x</b>");
  }

  @Test
  void overviewDrawsOnlyTheCyclesOfTheFindingsWithTheFaultEdgeDashedAndLabelled()
      throws IOException {
    Document page = Jsoup.parse(render(ReportFormat.HTML, clusterFsWithSources()));
    Element svg = page.selectFirst("#lock-graph svg");

    // page -> journal is an ordering edge on no cycle: not drawn. A self-edge joins a class to
    // "another" lock of it.
    assertThat(svg.select("g.node").eachAttr("data-lock-class"))
        .containsExactlyInAnyOrder("inode", "inode", "journal");
    assertThat(svg.select("g.node > text").eachText())
        .containsExactlyInAnyOrder("inode", "another inode", "journal");
    assertThat(svg.select("g.node:not(.cycle)")).isEmpty();
    Elements faults = svg.select("path.edge.fault");
    assertThat(edges(faults)).containsExactly("inode->inode");
    assertThat(faults.attr("marker-end")).isEqualTo("url(#overview-arrow-fault)");
    assertThat(faults.first().parent().selectFirst("text.edge-label").text())
        .isEqualTo("fault -> PagedFile.fault");
    assertThat(edges(svg.select("path.edge.cycle:not(.fault)")))
        .containsExactlyInAnyOrder("inode->journal", "journal->inode", "inode->inode");
    assertThat(svg.select("path.edge:not(.cycle)")).isEmpty();
    // Each edge explains itself with its first finding's witness on hover.
    assertThat(svg.selectFirst("g.edge-group[data-from=journal][data-to=inode] > title").text())
        .contains("journal -> inode")
        .contains("Journal.java:6: acquires lock `inode` (class inode)");
  }

  /** The flagship sample: the fault edge is the whole story, so it must be drawn. */
  @Test
  void samplesGfsBugDrawsItsFaultEdge() {
    AnalysisResult result =
        Analyzer.analyze(
            AnalyzerOptions.builder()
                .jobs(2)
                .source(Path.of("../samples/src/main/java/dev/faultlock/samples/buggy"))
                .source(Path.of("../samples/src/main/java/dev/faultlock/samples/clusterfs"))
                .build());

    Document page = Jsoup.parse(render(ReportFormat.HTML, result));

    assertThat(result.findings()).hasSize(2);
    Element overview = page.selectFirst("#lock-graph svg");
    assertThat(edges(overview.select("path.edge.fault.cycle"))).containsExactly("inode->inode");
    assertThat(overview.select("text.edge-label").eachText())
        .containsExactly("fault -> BuggyFile.fault");
    assertThat(page.select("#findings .diagram path.edge.fault")).hasSize(2);
  }

  @Test
  void overviewNodesLinkToTheFirstFindingAboutThem() throws IOException {
    AnalysisResult result = clusterFsWithSources();
    Document page = Jsoup.parse(render(ReportFormat.HTML, result));

    Elements links = page.select("#lock-graph svg a");
    assertThat(links).hasSize(3);
    for (Element link : links) {
      String lockClass = link.selectFirst("g.node").attr("data-lock-class");
      Element target = page.getElementById(link.attr("href").substring(1));
      assertThat(target).isNotNull();
      assertThat(target.hasClass("finding")).isTrue();
      assertThat(target.select(".diagram g.node").eachAttr("data-lock-class"))
          .contains(lockClass);
    }
    assertThat(links.eachAttr("href")).containsOnly("#finding-1", "#finding-2");
  }

  @Test
  void everyFindingAboutLocksHasADiagramOfItsOwnEdges() throws IOException {
    Document page = Jsoup.parse(render(ReportFormat.HTML, clusterFsWithSources()));

    Element fault = page.selectFirst("#finding-1 .diagram svg");
    assertThat(fault.select("g.node > text").eachText()).containsExactly("inode", "another inode");
    assertThat(edges(fault.select("path.edge.fault"))).containsExactly("inode->inode");
    assertThat(fault.selectFirst("text.edge-label").text()).isEqualTo("fault -> PagedFile.fault");
    assertThat(fault.selectFirst("g.edge-group > title").text())
        .contains("PagedFile.java:7: faults -> `PagedFile.fault`");

    Element cycle = page.selectFirst("#finding-2 .diagram svg");
    assertThat(cycle.select("g.node").eachAttr("data-lock-class"))
        .containsExactly("inode", "journal");
    assertThat(edges(cycle.select("path.edge.cycle")))
        .containsExactly("inode->journal", "journal->inode");
    assertThat(cycle.select("a")).isEmpty();

    Element unsorted = page.selectFirst("#finding-3 .diagram svg");
    assertThat(unsorted.select("text.edge-label").text()).isEqualTo("in no order");
    // Every picture has its own arrow heads, and their ids are unique in the page.
    assertThat(page.select("marker").eachAttr("id")).doesNotHaveDuplicates().hasSize(4 * 3);
  }

  @Test
  void aFindingWithNoLocksHasNoDiagram() throws IOException {
    Finding misuse =
        ResultFixture.finding(
            Rule.ANNOTATION_MISUSE,
            new Location("A.java", 3, 0),
            "@Acquires: no parameter named `x`",
            "fp-misuse",
            ResultFixture.step("A.java", 3, "@Acquires: no parameter named `x`"));
    AnalysisResult result =
        ResultFixture.result(List.of(misuse), List.of(), clusterFsWithSources().lockGraph());

    Document page = Jsoup.parse(render(ReportFormat.HTML, result));

    assertThat(page.select("#finding-1 .diagram")).isEmpty();
    assertThat(page.select("#lock-graph svg")).isEmpty();
  }

  /**
   * Text is drawn at the style sheet's size: each picture is as wide as its view box (one unit a
   * pixel) and the page never scales it down (it scrolls). Checked on as many lock classes as
   * lucene-core has (52), all on cycles.
   */
  @Test
  void labelsAreNeverScaledBelowTheirReadableSize() {
    List<LockGraph.Edge> edges = new ArrayList<>();
    Map<String, List<LockGraph.Edge>> about = new LinkedHashMap<>();
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 52; i++) {
      String from = "org.example.index.LockClass" + i;
      String to = "org.example.index.LockClass" + (i + 1) % 52;
      edges.add(new LockGraph.Edge(from, to, List.of()));
      about.put(
          "fp" + i,
          List.of(new LockGraph.Edge(from, to, List.of()), new LockGraph.Edge(to, from, List.of())));
      findings.add(
          ResultFixture.finding(
              Rule.LOCK_ORDER_INVERSION, new Location("A.java", i + 1, 0), "cycle " + i, "fp" + i,
              ResultFixture.step("A.java", i + 1, "acquires")));
    }
    AnalysisResult result =
        ResultFixture.result(findings, List.of(), new LockGraph(List.of(), edges, List.of(), about));

    Document page = Jsoup.parse(render(ReportFormat.HTML, result));

    Elements svgs = page.select("svg.lock-graph");
    assertThat(svgs).hasSize(53);
    assertThat(svgs.first().select("g.node")).hasSize(52);
    for (Element svg : svgs) {
      String[] viewBox = svg.attr("viewBox").split(" ");
      assertThat(Double.parseDouble(svg.attr("width")) / Double.parseDouble(viewBox[2]))
          .isEqualTo(1.0);
      assertThat(Double.parseDouble(svg.attr("height")) / Double.parseDouble(viewBox[3]))
          .isEqualTo(1.0);
      assertThat(svg.parent().hasClass("graph")).isTrue();
    }
    String style = page.selectFirst("style").data();
    assertThat(fontSizePx(style, ".lock-graph .node-label")).isGreaterThanOrEqualTo(12);
    assertThat(fontSizePx(style, ".lock-graph .edge-label")).isGreaterThanOrEqualTo(11);
    // Nothing may shrink a picture to the page's width: a wide one scrolls in its box.
    assertThat(style).doesNotContainPattern("\\.lock-graph[^{]*\\{[^}]*(max-width|zoom|scale)");
    assertThat(style).containsPattern("\\.graph \\{[^}]*overflow-x: auto");
  }

  @Test
  void reportWrittenToAFileLinksToRulePagesWrittenNextToIt() throws IOException {
    AnalysisResult result = clusterFsWithSources();
    Path report = dir.resolve("out/faultlock.html");

    Reports.write(ReportFormat.HTML, result, report);

    Document page = Jsoup.parse(report.toFile(), "UTF-8");
    assertThat(page.select("#rules")).isEmpty();
    for (Element link : page.select("#findings .rule")) {
      Path target = report.resolveSibling(link.attr("href"));
      assertThat(target).isRegularFile();
      assertThat(Jsoup.parse(target.toFile(), "UTF-8").selectFirst("h1").text())
          .isEqualTo(link.text().substring(1, link.text().length() - 1));
    }
    for (Rule rule : Rule.values()) {
      Document rulePage =
          Jsoup.parse(dir.resolve("out/faultlock-rules/" + rule.id() + ".html").toFile(), "UTF-8");
      // Rendered from the Markdown: headings and code blocks, not the source text.
      assertThat(rulePage.selectFirst("h1").text()).isEqualTo(rule.id());
      assertThat(rulePage.select("h2")).isNotEmpty();
      assertThat(rulePage.select("pre > code")).isNotEmpty();
      assertThat(rulePage.text()).doesNotContain("## ").doesNotContain("```");
      assertThat(rulePage.select("script, link, img, [src]")).isEmpty();
    }
  }

  @Test
  void noCycleNoPicture() {
    LockGraph acyclic =
        new LockGraph(
            List.of("journal", "page"),
            List.of(new LockGraph.Edge("page", "journal", List.of())),
            List.of());
    Document page =
        Jsoup.parse(render(ReportFormat.HTML, ResultFixture.result(List.of(), List.of(), acyclic)));

    assertThat(page.select("svg")).isEmpty();
    assertThat(page.select("#lock-graph p").text())
        .isEqualTo(
            "No lock-order cycle: no two threads deadlock on locks. The whole ordering graph has"
                + " 2 lock classes and 1 edges.");
    assertThat(page.select("#findings p").text()).isEqualTo("No findings.");
    assertThat(page.select("#rules")).isEmpty();
  }

  private static double fontSizePx(String style, String selector) {
    Matcher m = Pattern.compile(Pattern.quote(selector) + " \\{[^}]*font-size: (\\d+)px").matcher(style);
    assertThat(m.find()).as(selector + " has a font size in px").isTrue();
    return Double.parseDouble(m.group(1));
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
