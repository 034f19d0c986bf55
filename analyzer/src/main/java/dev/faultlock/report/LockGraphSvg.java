package dev.faultlock.report;

import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.TraceStep;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Draws the lock-order graph as inline SVG: lock classes on a circle, one arrow per ordering edge
 * (curved, so that {@code a -> b} and {@code b -> a} stay apart), a loop for an edge from a class
 * to itself, and the edges of reported cycles in red. The layout is computed here, from the order
 * of {@link LockGraph#lockClasses()} alone, so the same graph always gives the same picture and
 * nothing (Graphviz, a script, a web font) is needed to show it.
 *
 * <p>jsoup writes attribute names in lower case ({@code viewbox}, {@code refx}); that is fine in an
 * HTML page, whose parser restores SVG's camel case (the HTML standard's "adjust SVG attributes"
 * step).
 */
final class LockGraphSvg {
  private static final double NODE_HEIGHT = 36;
  private static final double CHAR_WIDTH = 7.5;
  private static final double MARGIN = 70;
  private static final double MIN_RADIUS = 110;
  private static final double BEND = 0.18;
  private static final double LOOP_SIZE = 55;

  private final List<String> nodes;
  private final Map<String, double[]> centers = new HashMap<>();
  private final Set<List<String>> cycleEdges = new HashSet<>();
  private final Set<String> cycleNodes = new HashSet<>();
  private final double maxHalfWidth;
  private final double size;

  private LockGraphSvg(LockGraph graph) {
    // Edges may name classes the node list lacks; draw those too rather than drop an edge.
    Set<String> all = new LinkedHashSet<>(graph.lockClasses());
    for (LockGraph.Edge edge : graph.edges()) {
      all.add(edge.from());
      all.add(edge.to());
    }
    nodes = List.copyOf(all);
    for (List<String> cycle : graph.cycles()) {
      for (int i = 0; i < cycle.size(); i++) {
        cycleEdges.add(List.of(cycle.get(i), cycle.get((i + 1) % cycle.size())));
        cycleNodes.add(cycle.get(i));
      }
    }
    maxHalfWidth = nodes.stream().mapToDouble(LockGraphSvg::halfWidth).max().orElse(0);
    // Neighbours on the circle must not overlap: the chord between them is 2 r sin(pi / n).
    double radius =
        nodes.size() < 2
            ? 0
            : Math.max(
                MIN_RADIUS, (2 * maxHalfWidth + 40) / (2 * Math.sin(Math.PI / nodes.size())));
    size = 2 * (radius + maxHalfWidth + MARGIN);
    double center = size / 2;
    for (int i = 0; i < nodes.size(); i++) {
      double angle = -Math.PI / 2 + 2 * Math.PI * i / nodes.size();
      centers.put(
          nodes.get(i),
          new double[] {center + radius * Math.cos(angle), center + radius * Math.sin(angle)});
    }
  }

  /** The picture of {@code graph}; call only for a graph with at least one lock class or edge. */
  static Element draw(LockGraph graph) {
    return new LockGraphSvg(graph).svg(graph);
  }

  private Element svg(LockGraph graph) {
    Element svg = new Element("svg");
    svg.attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("class", "lock-graph")
        .attr("role", "img")
        .attr("viewBox", "0 0 " + num(size) + " " + num(size))
        .attr("width", num(size))
        .attr("height", num(size));
    svg.appendElement("title")
        .text(
            "Lock-order graph: "
                + nodes.size()
                + " lock classes, "
                + graph.edges().size()
                + " edges, "
                + graph.cycles().size()
                + " cycles");
    Element defs = svg.appendElement("defs");
    arrowHead(defs, "arrow", "edge-head");
    arrowHead(defs, "arrow-cycle", "edge-head cycle");
    for (LockGraph.Edge edge : graph.edges()) {
      edge(svg, edge);
    }
    for (String node : nodes) {
      node(svg, node);
    }
    return svg;
  }

  private static void arrowHead(Element defs, String id, String cssClass) {
    defs.appendElement("marker")
        .attr("id", id)
        .attr("viewBox", "0 0 10 10")
        .attr("refX", "9")
        .attr("refY", "5")
        .attr("markerWidth", "8")
        .attr("markerHeight", "8")
        .attr("orient", "auto-start-reverse")
        .appendElement("path")
        .attr("class", cssClass)
        .attr("d", "M 0 0 L 10 5 L 0 10 z");
  }

  private void edge(Element svg, LockGraph.Edge edge) {
    boolean inCycle = cycleEdges.contains(List.of(edge.from(), edge.to()));
    String path = edge.from().equals(edge.to()) ? loop(edge.from()) : curve(edge.from(), edge.to());
    Element element =
        svg.appendElement("path")
            .attr("class", inCycle ? "edge cycle" : "edge")
            .attr("data-from", edge.from())
            .attr("data-to", edge.to())
            .attr("d", path)
            .attr("marker-end", inCycle ? "url(#arrow-cycle)" : "url(#arrow)");
    StringBuilder title = new StringBuilder(edge.from() + " -> " + edge.to());
    title.append(inCycle ? " (in a cycle)" : "");
    for (TraceStep step : edge.witness()) {
      title.append('\n').append(step.location()).append(": ").append(step.description());
    }
    element.appendElement("title").text(title.toString());
  }

  /** A quadratic curve bent to the right of its direction, cut at both ellipses. */
  private String curve(String from, String to) {
    double[] a = centers.get(from);
    double[] b = centers.get(to);
    double dx = b[0] - a[0];
    double dy = b[1] - a[1];
    double[] control = {(a[0] + b[0]) / 2 - dy * BEND, (a[1] + b[1]) / 2 + dx * BEND};
    double[] start = boundary(from, a, control);
    double[] end = boundary(to, b, control);
    return "M " + point(start) + " Q " + point(control) + " " + point(end);
  }

  /** A loop on the node's outer side (away from the circle's centre, or above a lone node). */
  private String loop(String node) {
    double[] c = centers.get(node);
    double ox = c[0] - size / 2;
    double oy = c[1] - size / 2;
    double length = Math.hypot(ox, oy);
    double angle = length < 1 ? -Math.PI / 2 : Math.atan2(oy, ox);
    double reach = halfWidth(node) + LOOP_SIZE;
    double[] out1 = polar(c, angle - 0.5, reach);
    double[] out2 = polar(c, angle + 0.5, reach);
    double[] start = boundary(node, c, out1);
    double[] end = boundary(node, c, out2);
    return "M " + point(start) + " C " + point(out1) + " " + point(out2) + " " + point(end);
  }

  private void node(Element svg, String name) {
    double[] c = centers.get(name);
    Element group =
        svg.appendElement("g")
            .attr("class", cycleNodes.contains(name) ? "node cycle" : "node")
            .attr("data-lock-class", name);
    group.appendElement("title").text(name);
    group
        .appendElement("ellipse")
        .attr("cx", num(c[0]))
        .attr("cy", num(c[1]))
        .attr("rx", num(halfWidth(name)))
        .attr("ry", num(NODE_HEIGHT / 2));
    group
        .appendElement("text")
        .attr("x", num(c[0]))
        .attr("y", num(c[1]))
        .attr("text-anchor", "middle")
        .attr("dominant-baseline", "central")
        .text(name);
  }

  /** Where the ray from {@code center} towards {@code toward} leaves the node's ellipse. */
  private static double[] boundary(String node, double[] center, double[] toward) {
    double dx = toward[0] - center[0];
    double dy = toward[1] - center[1];
    double rx = halfWidth(node);
    double ry = NODE_HEIGHT / 2;
    double t = 1 / Math.sqrt((dx * dx) / (rx * rx) + (dy * dy) / (ry * ry));
    return new double[] {center[0] + dx * t, center[1] + dy * t};
  }

  private static double[] polar(double[] origin, double angle, double distance) {
    return new double[] {
      origin[0] + distance * Math.cos(angle), origin[1] + distance * Math.sin(angle)
    };
  }

  private static double halfWidth(String name) {
    return Math.max(30, name.length() * CHAR_WIDTH / 2 + 14);
  }

  private static String point(double[] p) {
    return num(p[0]) + " " + num(p[1]);
  }

  // One decimal and a fixed locale: the same graph gives the same bytes on every machine.
  private static String num(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
