package dev.faultlock.findings;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of a finding's trace under a heading: a cycle's trace is one section per edge ("edge 1
 * of 2: inode -> journal"), so that a reader sees where one edge's witness ends and the next
 * begins.
 *
 * @param title the heading; empty for the one untitled section of a plain trace
 */
public record TraceSection(String title, List<TraceStep> steps) {
  public TraceSection {
    steps = List.copyOf(steps);
  }

  /** The steps of {@code sections}, one section after the other. */
  public static List<TraceStep> allSteps(List<TraceSection> sections) {
    List<TraceStep> out = new ArrayList<>();
    for (TraceSection s : sections) out.addAll(s.steps());
    return out;
  }

  /** Whether the section is shown under a heading. */
  public boolean titled() {
    return !title.isEmpty();
  }
}
