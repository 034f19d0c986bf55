package dev.faultlock.locks;

import dev.faultlock.findings.Location;
import dev.faultlock.source.MethodInfo;
import java.util.List;

/**
 * The lock and fault facts of one method body.
 *
 * @param orderingGuard the method compares lock owners ({@code a.id() < b.id()}, {@code
 *     compareTo}, {@code System.identityHashCode}), so its same-class acquisitions are ordered
 * @param misuses annotations on the method that cannot mean what they say
 */
public record MethodFacts(
    MethodInfo method,
    List<LockEvent> events,
    boolean orderingGuard,
    List<Misuse> misuses,
    int unresolvedCalls) {

  /** An annotation that cannot mean what it says. */
  public record Misuse(Location at, String annotation, String problem) {}
}
