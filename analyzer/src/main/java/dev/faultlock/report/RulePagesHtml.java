package dev.faultlock.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.RulePages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * The rule pages (the catalog's Markdown, see {@link RulePages}) as HTML, rendered by commonmark:
 * as pages of their own in {@value #DIRECTORY} next to an HTML report written to a file, or as
 * elements to put inside a report written to a stream, which has no directory to put pages in.
 */
final class RulePagesHtml {
  /** The directory, next to the report, that holds one page per rule. */
  static final String DIRECTORY = "faultlock-rules";

  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();

  private static final String STYLE =
      """
      body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem;
             color: #1f2328; max-width: 52rem; line-height: 1.5; }
      code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
      pre { background: #f6f8fa; border-radius: 6px; padding: 0.8rem; overflow-x: auto; }
      blockquote { border-left: 4px solid #d0d7de; margin-left: 0; padding-left: 1rem;
                   color: #57606a; }
      """;

  private RulePagesHtml() {}

  /** Where the report at {@code directory/report.html} links for {@code rule}'s page. */
  static String href(Rule rule) {
    return DIRECTORY + "/" + rule.id() + ".html";
  }

  /** Writes every rule's page into {@value #DIRECTORY} under {@code reportDirectory}. */
  static void writePages(Path reportDirectory) throws IOException {
    Path directory = reportDirectory.resolve(DIRECTORY);
    Files.createDirectories(directory);
    for (Rule rule : Rule.values()) {
      Files.writeString(
          directory.resolve(rule.id() + ".html"), page(rule).outerHtml() + "\n", UTF_8);
    }
  }

  /** The page's content, rendered from its Markdown: a heading, then the rule's sections. */
  static List<Node> content(Rule rule) {
    String html = RENDERER.render(PARSER.parse(RulePages.markdown(rule)));
    return List.copyOf(Jsoup.parseBodyFragment(html).body().childNodes());
  }

  private static Document page(Rule rule) {
    Document document = HtmlReport.shell(rule.id() + " - faultlock rule", STYLE);
    Element body = document.body();
    for (Node node : content(rule)) {
      body.appendChild(node);
    }
    return document;
  }
}
