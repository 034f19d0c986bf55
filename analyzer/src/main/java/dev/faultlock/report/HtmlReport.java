package dev.faultlock.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.Problem;
import dev.faultlock.findings.TraceStep;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.elk.core.options.Direction;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

/**
 * One HTML page: the counts, the lock-order cycles as an SVG picture, every finding with a picture
 * of its own locks, its witness trace and the source lines of each step, then the problems, and
 * the rule pages (inside the page, or as files beside it: {@link RulePagesHtml}). Nothing is
 * fetched when the page is opened: the style sheet and the pictures are inline and there is no
 * script. Each finding has a badge of its confidence; when some are low, two radio buttons
 * before the list show all of them or only the sure ones, by a style rule alone.
 *
 * <p>The page is built as a jsoup DOM, never by pasting strings: source lines, messages and lock
 * class names (all of which come from the analysed code) only ever become text nodes and attribute
 * values, which jsoup escapes, so no source text can turn into markup.
 */
final class HtmlReport {
  private static final String STYLE =
      """
      body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem;
             color: #1f2328; max-width: 72rem; }
      h1 { margin-bottom: 0.2rem; }
      .counts { font-size: 1.1rem; margin-top: 0; }
      code, pre, .location { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
      .finding { border: 1px solid #d0d7de; border-left: 6px solid #bf8700; border-radius: 6px;
                 padding: 0.6rem 1rem; margin: 1rem 0; }
      .finding.error { border-left-color: #cf222e; }
      .finding h3 { margin: 0.2rem 0; font-size: 1rem; }
      .severity { text-transform: uppercase; font-size: 0.8rem; padding: 0.1rem 0.4rem;
                  border-radius: 4px; background: #bf8700; color: #fff; }
      .error .severity { background: #cf222e; }
      .confidence { font-size: 0.8rem; padding: 0.1rem 0.4rem; border-radius: 4px;
                    border: 1px solid #8c959f; color: #57606a; }
      .confidence.high { border-color: #1a7f37; color: #1a7f37; }
      #only-high:checked ~ .finding-list .finding.low-confidence { display: none; }
      .trace { padding-left: 1.5rem; }
      .step { margin: 0.4rem 0; }
      .snippet { background: #f6f8fa; border-radius: 4px; padding: 0.3rem 0; margin: 0.3rem 0;
                 overflow-x: auto; }
      .snippet .line { display: block; padding: 0 0.6rem; }
      .snippet .hit { background: #fff8c5; }
      .snippet .number { display: inline-block; min-width: 3rem; color: #6e7781;
                         user-select: none; }
      .graph { overflow-x: auto; margin: 0.5rem 0; }
      .lock-graph { display: block; }
      .lock-graph .edge { fill: none; stroke: #8c959f; stroke-width: 1.5; }
      .lock-graph .edge.cycle { stroke: #cf222e; stroke-width: 2.5; }
      .lock-graph .edge.fault { stroke: #bc4c00; stroke-width: 2.5; stroke-dasharray: 7 4; }
      .lock-graph .edge-head { fill: #8c959f; }
      .lock-graph .edge-head.cycle { fill: #cf222e; }
      .lock-graph .edge-head.fault { fill: #bc4c00; }
      .lock-graph .edge-label-bg { fill: #fff; fill-opacity: 0.9; }
      .lock-graph .edge-label { font-size: 12px; fill: #57606a; }
      .lock-graph .edge-label.fault { fill: #bc4c00; }
      .lock-graph .node rect { fill: #ddf4ff; stroke: #0969da; stroke-width: 1.5; }
      .lock-graph .node.cycle rect { fill: #ffebe9; stroke: #cf222e; }
      .lock-graph a .node rect { cursor: pointer; }
      .lock-graph a:hover .node rect { stroke-width: 3; }
      .lock-graph .node-label { font-size: 13px; fill: #1f2328; }
      .lock-graph text { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
      .problem { margin: 0.3rem 0; }
      .rule-page { border-top: 1px solid #d0d7de; margin-top: 1.5rem; }
      .rule-page pre { background: #f6f8fa; border-radius: 6px; padding: 0.8rem; overflow-x: auto; }
      .rule-page blockquote { border-left: 4px solid #d0d7de; margin-left: 0; padding-left: 1rem;
                              color: #57606a; }
      """;

  private final SourceSnippets snippets = new SourceSnippets();

  /** True when the rule pages are files next to the report, false when they are inside it. */
  private final boolean pagesBeside;

  private HtmlReport(boolean pagesBeside) {
    this.pagesBeside = pagesBeside;
  }

  /** The report as one page that carries the pages of its findings' rules at its end. */
  static void write(AnalysisResult result, Writer out) throws IOException {
    out.write(new HtmlReport(false).document(result).outerHtml());
    out.write('\n');
  }

  /** The report in {@code file}, linking to every rule's page written next to it. */
  static void write(AnalysisResult result, Path file) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    RulePagesHtml.writePages(directory);
    try (Writer out = Files.newBufferedWriter(file, UTF_8)) {
      out.write(new HtmlReport(true).document(result).outerHtml());
      out.write('\n');
    }
  }

  private String ruleHref(Rule rule) {
    return pagesBeside ? RulePagesHtml.href(rule) : "#rule-" + rule.id();
  }

  /** An empty HTML5 page with {@code title} and the inline {@code style}: no file is fetched. */
  static Document shell(String title, String style) {
    Document document = Document.createShell("");
    document.outputSettings().indentAmount(1);
    document.prependChild(new DocumentType("html", "", ""));
    document.selectFirst("html").attr("lang", "en");
    Element head = document.head();
    head.appendElement("meta").attr("charset", "utf-8");
    head.appendElement("meta")
        .attr("name", "viewport")
        .attr("content", "width=device-width, initial-scale=1");
    document.title(title);
    head.appendElement("style").appendChild(new DataNode(style));
    return document;
  }

  private Document document(AnalysisResult result) {
    Document document = shell("faultlock report", STYLE);
    Element body = document.body();
    body.appendElement("h1").text("faultlock report");
    body.appendElement("p").addClass("counts").text(Counts.of(result).toString());
    AnalysisResult.Stats stats = result.stats();
    body.appendElement("p")
        .addClass("stats")
        .text(
            ToolInfo.NAME
                + " "
                + ToolInfo.version()
                + " analysed "
                + stats.files()
                + " files, "
                + stats.types()
                + " types, "
                + stats.methods()
                + " methods.");

    lockGraph(body.appendElement("section").id("lock-graph"), result);
    findings(body.appendElement("section").id("findings"), result);
    problems(body.appendElement("section").id("problems"), result);
    if (!pagesBeside) {
      rulePages(body, result);
    }
    return document;
  }

  /**
   * The overview: the cycles of the findings' edges only, each lock class linking to the first
   * finding about it. A whole program's ordering graph (123 edges on lucene-core) is unreadable
   * as one picture and mostly harmless; what can deadlock is on a cycle.
   */
  private static void lockGraph(Element section, AnalysisResult result) {
    section.appendElement("h2").text("Lock-order cycles");
    LockGraph graph = result.lockGraph();
    // An edge of several findings is one arrow, with the first finding's witness and link.
    Map<List<Object>, LockGraph.Edge> edges = new LinkedHashMap<>();
    Map<List<Object>, Integer> firstFinding = new HashMap<>();
    for (int i = 0; i < result.findings().size(); i++) {
      for (LockGraph.Edge edge : graph.edgesOf(result.findings().get(i))) {
        List<Object> key = List.of(edge.from(), edge.to(), edge.kind(), edge.label());
        edges.putIfAbsent(key, edge);
        firstFinding.putIfAbsent(key, i + 1);
      }
    }
    CycleEdges cycles = new CycleEdges(List.copyOf(edges.values()));
    List<LockGraph.Edge> drawn = new ArrayList<>();
    Map<String, Integer> nodeFinding = new HashMap<>();
    edges.forEach(
        (key, edge) -> {
          if (cycles.contains(edge)) {
            drawn.add(edge);
            nodeFinding.merge(edge.from(), firstFinding.get(key), Math::min);
            nodeFinding.merge(edge.to(), firstFinding.get(key), Math::min);
          }
        });
    String whole =
        graph.edges().isEmpty()
            ? ""
            : " The whole ordering graph has "
                + graph.lockClasses().size()
                + " lock classes and "
                + graph.edges().size()
                + " edges.";
    if (drawn.isEmpty()) {
      section
          .appendElement("p")
          .text("No lock-order cycle: no two threads deadlock on locks." + whole);
      return;
    }
    section
        .appendElement("p")
        .text(
            "An arrow A -> B means some path takes a B lock while holding an A lock; a dashed"
                + " arrow, that the B lock is taken by the handler of a fault in a copy made"
                + " while A is held. Red marks a cycle: threads following it can deadlock. Only"
                + " the cycles are drawn; click a lock class to go to its finding, hover an arrow"
                + " for its witness."
                + whole);
    section
        .appendElement("div")
        .addClass("graph")
        .appendChild(
            LockGraphSvg.draw(
                "overview",
                "Lock-order cycles: " + nodeFinding.size() + " lock classes, " + drawn.size()
                    + " edges",
                drawn,
                Direction.DOWN,
                node -> "#finding-" + nodeFinding.get(node)));
  }

  private void findings(Element section, AnalysisResult result) {
    section.appendElement("h2").text("Findings (" + result.findings().size() + ")");
    if (result.findings().isEmpty()) {
      section.appendElement("p").text("No findings.");
      return;
    }
    Element list = section;
    long low = result.findings().stream().filter(f -> f.confidence() == Confidence.LOW).count();
    if (low > 0) {
      // Siblings before the list, so that `#only-high:checked ~ .finding-list` can hide findings.
      section.appendElement("input").attr("type", "radio").attr("name", "confidence")
          .id("all-confidence").attr("checked", true);
      section.appendElement("label").attr("for", "all-confidence")
          .text("All findings (" + result.findings().size() + ")");
      section.appendText(" ");
      section.appendElement("input").attr("type", "radio").attr("name", "confidence")
          .id("only-high");
      section.appendElement("label").attr("for", "only-high")
          .text("High confidence only (" + (result.findings().size() - low) + ")");
      list = section.appendElement("div").addClass("finding-list");
    }
    int number = 0;
    for (Finding finding : result.findings()) {
      number++;
      Element article =
          list
              .appendElement("article")
              .id("finding-" + number)
              .addClass("finding")
              .addClass(finding.severity().label());
      if (finding.confidence() == Confidence.LOW) article.addClass("low-confidence");
      Element heading = article.appendElement("h3");
      heading.appendElement("span").addClass("severity").text(finding.severity().label());
      heading.appendText(" ");
      heading
          .appendElement("a")
          .addClass("rule")
          .attr("href", ruleHref(finding.rule()))
          .text("[" + finding.rule().id() + "]");
      heading.appendText(" ");
      heading.appendElement("span").addClass("location").text(finding.location().toString());
      heading.appendText(" ");
      heading
          .appendElement("span")
          .addClass("confidence")
          .addClass(finding.confidence().id())
          .text(finding.confidence().id() + " confidence");
      article.appendElement("p").addClass("message").text(finding.message());
      List<LockGraph.Edge> edges = result.lockGraph().edgesOf(finding);
      if (!edges.isEmpty()) {
        article
            .appendElement("div")
            .addClass("graph")
            .addClass("diagram")
            .appendChild(
                LockGraphSvg.draw(
                    "finding-" + number + "-graph",
                    "The locks of finding " + number,
                    edges,
                    Direction.RIGHT,
                    null));
      }
      Element trace = article.appendElement("ol").addClass("trace");
      for (TraceStep step : finding.trace()) {
        Element item = trace.appendElement("li").addClass("step");
        item.appendElement("span").addClass("location").text(step.location().toString());
        item.appendText(": ");
        item.appendElement("span").addClass("description").text(step.description());
        snippet(item, step.location());
      }
    }
  }

  private void snippet(Element parent, Location location) {
    snippets
        .around(location)
        .ifPresent(
            snippet -> {
              Element pre = parent.appendElement("pre").addClass("snippet");
              for (int i = 0; i < snippet.lines().size(); i++) {
                int lineNumber = snippet.firstLine() + i;
                Element line = pre.appendElement("span").addClass("line");
                if (lineNumber == snippet.hitLine()) {
                  line.addClass("hit");
                }
                line.appendElement("span").addClass("number").text(Integer.toString(lineNumber));
                line.appendText(snippet.lines().get(i));
              }
            });
  }

  /** The pages of the rules that have findings, headings pushed below the report's own. */
  private static void rulePages(Element body, AnalysisResult result) {
    Set<Rule> rules = EnumSet.noneOf(Rule.class);
    result.findings().forEach(finding -> rules.add(finding.rule()));
    if (rules.isEmpty()) {
      return;
    }
    Element section = body.appendElement("section").id("rules");
    section.appendElement("h2").text("Rules");
    for (Rule rule : rules) {
      Element article =
          section.appendElement("article").id("rule-" + rule.id()).addClass("rule-page");
      RulePagesHtml.content(rule).forEach(article::appendChild);
      for (Element heading : article.select("h1, h2, h3, h4")) {
        int level = heading.tagName().charAt(1) - '0';
        heading.tagName("h" + Math.min(6, level + 2));
      }
    }
  }

  private static void problems(Element section, AnalysisResult result) {
    section.appendElement("h2").text("Problems (" + result.problems().size() + ")");
    if (result.problems().isEmpty()) {
      section.appendElement("p").text("All input was read and understood.");
      return;
    }
    Element list = section.appendElement("ul");
    for (Problem problem : result.problems()) {
      Element item = list.appendElement("li").addClass("problem");
      item.appendElement("span").addClass("location").text(problem.location().toString());
      item.appendText(": " + problem.message());
    }
  }
}
