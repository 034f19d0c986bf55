package dev.faultlock.report;

import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.TraceStep;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.elk.core.options.Direction;
import org.jsoup.nodes.Element;

/**
 * Draws lock-graph edges as inline SVG, laid out by {@link GraphLayout} (ELK's layered
 * algorithm): a box per lock class, an arrow per edge, fault edges dashed and labelled with their
 * handler, and what lies on a cycle of the drawn edges (the deadlock) in red.
 *
 * <p>The picture is drawn at its natural size, one SVG unit per CSS pixel, so its text is always
 * the style sheet's size; a picture wider than the page scrolls instead of shrinking.
 *
 * <p>jsoup writes attribute names in lower case ({@code viewbox}, {@code refx}); that is fine in an
 * HTML page, whose parser restores SVG's camel case (the HTML standard's "adjust SVG attributes"
 * step).
 */
final class LockGraphSvg {
  /** Marks the id of the second box of a split self-edge. */
  private static final String ANOTHER = "\u0000another";

  private final String idPrefix;
  private final List<LockGraph.Edge> edges;
  private final Direction direction;
  private final CycleEdges cycles;

  private LockGraphSvg(String idPrefix, List<LockGraph.Edge> edges, Direction direction) {
    this.idPrefix = idPrefix;
    this.edges = edges;
    this.direction = direction;
    this.cycles = new CycleEdges(edges);
  }

  /**
   * The picture of {@code edges} (at least one): a box per lock class, each linking to {@code
   * nodeLink}'s address for its class (none when {@code nodeLink} is null). An edge from a lock
   * class to itself joins two boxes, the held lock and another lock of its class, since that is
   * what happens: two objects, and the second is where the other thread waits. (Drawn as a loop,
   * it is a notch on the box that nobody reads as the deadlock.)
   *
   * @param idPrefix makes the picture's element ids unique in the page
   * @param direction where the arrows point, see {@link GraphLayout#of}
   */
  static Element draw(
      String idPrefix,
      String title,
      List<LockGraph.Edge> edges,
      Direction direction,
      Function<String, String> nodeLink) {
    return new LockGraphSvg(idPrefix, edges, direction).svg(title, nodeLink);
  }

  private static String target(LockGraph.Edge edge) {
    return edge.from().equals(edge.to()) ? edge.to() + ANOTHER : edge.to();
  }

  private Element svg(String title, Function<String, String> nodeLink) {
    Set<String> ids = new LinkedHashSet<>();
    List<GraphLayout.EdgeSpec> specs = new ArrayList<>();
    for (LockGraph.Edge edge : edges) {
      ids.add(edge.from());
      ids.add(target(edge));
      specs.add(new GraphLayout.EdgeSpec(edge.from(), target(edge), edge.label()));
    }
    List<GraphLayout.NodeSpec> nodes = new ArrayList<>();
    for (String id : ids) {
      nodes.add(new GraphLayout.NodeSpec(id, label(id)));
    }
    GraphLayout.Layout layout = GraphLayout.of(nodes, specs, direction);
    Element svg = new Element("svg");
    svg.attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("class", "lock-graph")
        .attr("role", "img")
        .attr("viewBox", "0 0 " + num(layout.width()) + " " + num(layout.height()))
        .attr("width", num(layout.width()))
        .attr("height", num(layout.height()));
    svg.appendElement("title").text(title);
    Element defs = svg.appendElement("defs");
    for (String kind : List.of("plain", "cycle", "fault")) {
      arrowHead(defs, kind);
    }
    for (int i = 0; i < edges.size(); i++) {
      edge(svg, edges.get(i), layout.routes().get(i));
    }
    for (String id : ids) {
      String lockClass = lockClass(id);
      node(svg, id, layout.nodes().get(id), nodeLink == null ? null : nodeLink.apply(lockClass));
    }
    return svg;
  }

  private static String lockClass(String id) {
    return id.endsWith(ANOTHER) ? id.substring(0, id.length() - ANOTHER.length()) : id;
  }

  private static String label(String id) {
    return id.endsWith(ANOTHER) ? "another " + lockClass(id) : id;
  }

  private void arrowHead(Element defs, String kind) {
    defs.appendElement("marker")
        .attr("id", idPrefix + "-arrow-" + kind)
        .attr("viewBox", "0 0 10 10")
        .attr("refX", "9")
        .attr("refY", "5")
        // In pixels, not stroke widths: a thick cycle arrow keeps a head of the usual size.
        .attr("markerUnits", "userSpaceOnUse")
        .attr("markerWidth", "10")
        .attr("markerHeight", "10")
        .attr("orient", "auto-start-reverse")
        .appendElement("path")
        .attr("class", "edge-head " + kind)
        .attr("d", "M 0 0 L 10 5 L 0 10 z");
  }

  private void edge(Element svg, LockGraph.Edge edge, GraphLayout.Route route) {
    boolean inCycle = cycles.contains(edge);
    boolean fault = edge.kind() == LockGraph.Kind.FAULT;
    String kind = fault ? "fault" : inCycle ? "cycle" : "plain";
    Element group =
        svg.appendElement("g")
            .attr("class", "edge-group")
            .attr("data-from", edge.from())
            .attr("data-to", edge.to());
    StringBuilder title = new StringBuilder(edge.from() + " -> " + edge.to());
    title.append(edge.label().isEmpty() ? "" : " (" + edge.label() + ")");
    for (TraceStep step : edge.witness()) {
      title.append('\n').append(step.location()).append(": ").append(step.description());
    }
    group.appendElement("title").text(title.toString());
    StringBuilder d = new StringBuilder();
    for (double[] p : route.points()) {
      d.append(d.length() == 0 ? "M " : " L ").append(num(p[0])).append(' ').append(num(p[1]));
    }
    group
        .appendElement("path")
        .attr("class", "edge " + kind + (fault && inCycle ? " cycle" : ""))
        .attr("data-from", edge.from())
        .attr("data-to", edge.to())
        .attr("data-kind", edge.kind().name().toLowerCase(Locale.ROOT))
        .attr("d", d.toString())
        .attr("marker-end", "url(#" + idPrefix + "-arrow-" + kind + ")");
    GraphLayout.Box box = route.label();
    if (box != null) {
      group
          .appendElement("rect")
          .attr("class", "edge-label-bg")
          .attr("x", num(box.x()))
          .attr("y", num(box.y()))
          .attr("width", num(box.width()))
          .attr("height", num(box.height()));
      group
          .appendElement("text")
          .attr("class", "edge-label " + kind)
          .attr("x", num(box.centerX()))
          .attr("y", num(box.centerY()))
          .attr("text-anchor", "middle")
          .attr("dominant-baseline", "central")
          .text(edge.label());
    }
  }

  private void node(Element svg, String id, GraphLayout.Box box, String link) {
    String name = lockClass(id);
    Element parent = svg;
    if (link != null) {
      parent = svg.appendElement("a").attr("href", link);
    }
    Element group =
        parent
            .appendElement("g")
            .attr("class", cycles.onCycle(name) ? "node cycle" : "node")
            .attr("data-lock-class", name);
    group.appendElement("title").text(link == null ? name : name + ": go to its finding");
    group
        .appendElement("rect")
        .attr("x", num(box.x()))
        .attr("y", num(box.y()))
        .attr("width", num(box.width()))
        .attr("height", num(box.height()))
        .attr("rx", "6");
    group
        .appendElement("text")
        .attr("class", "node-label")
        .attr("x", num(box.centerX()))
        .attr("y", num(box.centerY()))
        .attr("text-anchor", "middle")
        .attr("dominant-baseline", "central")
        .text(label(id));
  }

  // One decimal and a fixed locale: the same graph gives the same bytes on every machine.
  private static String num(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
