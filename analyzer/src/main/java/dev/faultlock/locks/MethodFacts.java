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
 * @param heldOnReturn the locks it takes and may still hold when it returns, each with the
 *     witness of its acquisition: to its callers it acquires them (an inferred {@code @Acquires},
 *     a lock guard's factory)
 * @param releasedUnheld the locks it gives back without having taken them: to its callers it
 *     releases them (an inferred {@code @Releases}, a lock guard's {@code close()})
 */
public record MethodFacts(
    MethodInfo method,
    List<LockEvent> events,
    boolean orderingGuard,
    List<Misuse> misuses,
    int unresolvedCalls,
    List<Held> heldOnReturn,
    List<LockRef> releasedUnheld) {

  /** Facts with no lock effect across the method's return (a method that could not be analysed). */
  public MethodFacts(
      MethodInfo method, List<LockEvent> events, boolean orderingGuard, List<Misuse> misuses,
      int unresolvedCalls) {
    this(method, events, orderingGuard, misuses, unresolvedCalls, List.of(), List.of());
  }

  /** An annotation that cannot mean what it says. */
  public record Misuse(Location at, String annotation, String problem) {}
}
