package dev.faultlock.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Places a small directed graph with the Eclipse Layout Kernel's layered (Sugiyama) algorithm:
 * nodes in layers, edges routed orthogonally around them, edge labels placed where
 * they collide with nothing. The result is plain coordinates in pixels, for {@link LockGraphSvg}
 * to draw; nothing here knows about SVG or locks.
 *
 * <p>ELK is deterministic (its layered algorithm seeds its random choices with a fixed value), so
 * the same graph always gets the same picture.
 */
final class GraphLayout {
  /** Widths are estimated from the text, since no font is measured: monospace at these sizes. */
  static final double NODE_FONT_PX = 13;

  static final double LABEL_FONT_PX = 12;

  // A monospace character is about 0.6 em wide in every common monospace font.
  private static final double CHAR_EM = 0.62;
  private static final double NODE_HEIGHT = 30;
  private static final double NODE_PADDING = 24;
  private static final double LABEL_HEIGHT = 16;

  /** A rectangle: top-left corner and size. */
  record Box(double x, double y, double width, double height) {
    double centerX() {
      return x + width / 2;
    }

    double centerY() {
      return y + height / 2;
    }
  }

  /** A node to place: a unique id and the text drawn in it. */
  record NodeSpec(String id, String label) {}

  /** An edge to place: endpoints are node ids; the label may be empty. */
  record EdgeSpec(String from, String to, String label) {}

  /** An edge as placed: its route from source to target, and its label's box (null if none). */
  record Route(List<double[]> points, Box label) {}

  /** The placed graph: nodes by id, routes in the order of the edges given, and its size. */
  record Layout(Map<String, Box> nodes, List<Route> routes, double width, double height) {}

  private GraphLayout() {}

  /**
   * Places the graph with its edges flowing in {@code direction}: {@link Direction#RIGHT} reads
   * like a message's {@code A -> B -> C}; {@link Direction#DOWN} keeps a larger graph within the
   * page's width, since lock-class names make boxes wide and a layer then stacks them side by
   * side instead of one layer per box width.
   */
  static Layout of(List<NodeSpec> nodeSpecs, List<EdgeSpec> edgeSpecs, Direction direction) {
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    root.setProperty(CoreOptions.DIRECTION, direction);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    root.setProperty(CoreOptions.PADDING, new ElkPadding(16));
    root.setProperty(CoreOptions.SPACING_NODE_NODE, 28.0);
    root.setProperty(CoreOptions.SPACING_EDGE_LABEL, 4.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 56.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 18.0);
    // Two arrows between one pair of classes (both orders: the deadlock) must not merge.
    root.setProperty(CoreOptions.SPACING_EDGE_EDGE, 14.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 14.0);

    Map<String, ElkNode> nodes = new LinkedHashMap<>();
    for (NodeSpec spec : nodeSpecs) {
      ElkNode node = ElkGraphUtil.createNode(root);
      node.setDimensions(textWidth(spec.label(), NODE_FONT_PX) + NODE_PADDING, NODE_HEIGHT);
      nodes.put(spec.id(), node);
    }
    List<ElkEdge> edges = new ArrayList<>();
    for (EdgeSpec spec : edgeSpecs) {
      ElkEdge edge = ElkGraphUtil.createSimpleEdge(nodes.get(spec.from()), nodes.get(spec.to()));
      if (!spec.label().isEmpty()) {
        ElkLabel label = ElkGraphUtil.createLabel(spec.label(), edge);
        label.setDimensions(textWidth(spec.label(), LABEL_FONT_PX) + 6, LABEL_HEIGHT);
        label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
      }
      edges.add(edge);
    }

    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

    Map<String, Box> boxes = new LinkedHashMap<>();
    nodes.forEach(
        (name, n) -> boxes.put(name, new Box(n.getX(), n.getY(), n.getWidth(), n.getHeight())));
    List<Route> routes = new ArrayList<>();
    for (ElkEdge edge : edges) {
      routes.add(route(edge));
    }
    return new Layout(boxes, routes, root.getWidth(), root.getHeight());
  }

  /** How wide {@code text} is drawn in a monospace font of {@code fontPx} pixels. */
  static double textWidth(String text, double fontPx) {
    return text.codePointCount(0, text.length()) * fontPx * CHAR_EM;
  }

  // Every edge here joins two children of the root, so its coordinates are the root's.
  private static Route route(ElkEdge edge) {
    List<double[]> points = new ArrayList<>();
    for (ElkEdgeSection section : edge.getSections()) {
      points.add(new double[] {section.getStartX(), section.getStartY()});
      for (ElkBendPoint bend : section.getBendPoints()) {
        points.add(new double[] {bend.getX(), bend.getY()});
      }
      points.add(new double[] {section.getEndX(), section.getEndY()});
    }
    Box label = null;
    if (!edge.getLabels().isEmpty()) {
      ElkLabel l = edge.getLabels().get(0);
      label = new Box(l.getX(), l.getY(), l.getWidth(), l.getHeight());
    }
    return new Route(points, label);
  }
}
