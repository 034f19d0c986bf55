package dev.faultlock.findings;

import java.util.Objects;

/**
 * One step of a witness trace: where it happens and what happens there, such as "acquires lock
 * `this` (class inode)", "calls `UserMemory.write`", "faults -> `PagedFile.fault`".
 *
 * <p>{@code confidence} is {@link Confidence#LOW} for a step the analysis is not sure of: a call
 * dispatched by class hierarchy, the acquisition of an object from outside the program (see
 * {@code analyzer.FindingConfidence}). It is what the step is known from, not what it is:
 * equality and hashing ignore it, so a step is the same step however it was reached, and
 * fingerprints (which read the description) do not change with it.
 */
public record TraceStep(Location location, String description, Confidence confidence) {
  public TraceStep {
    // An entry stored before steps had a confidence reads as sure, as it was shown.
    if (confidence == null) confidence = Confidence.HIGH;
  }

  /** A step the analysis is sure of. */
  public TraceStep(Location location, String description) {
    this(location, description, Confidence.HIGH);
  }

  /** This step, known with {@code c} at most. */
  public TraceStep atMost(Confidence c) {
    Confidence lower = confidence.min(c);
    return lower == confidence ? this : new TraceStep(location, description, lower);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceStep s && Objects.equals(location, s.location)
        && Objects.equals(description, s.description);
  }

  @Override
  public int hashCode() {
    return Objects.hash(location, description);
  }
}
