package dev.faultlock.faults;

import dev.faultlock.catalog.LockApi;
import dev.faultlock.findings.Location;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.summary.Effects;
import dev.faultlock.summary.LibrarySummaries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every {@code @FaultHandler} of the program and its libraries, by domain: what runs inside a
 * faulting copy. A copy of domain {@code ""} runs every handler; a handler of domain {@code ""}
 * runs on every fault.
 */
public final class FaultHandlers {
  /** A handler and what it may acquire, transitively. */
  public record Handler(String domain, String display, Location at, Effects effects) {}

  private final List<Handler> handlers = new ArrayList<>();

  public FaultHandlers(
      List<MethodInfo> methods, Map<MethodInfo, Effects> effects, LibrarySummaries library) {
    for (MethodInfo m : methods) {
      String domain = m.annotations().value(LockApi.FAULT_HANDLER);
      if (domain == null) continue;
      Effects e = effects.getOrDefault(m, new Effects());
      handlers.add(
          new Handler(domain, m.display(), new Location(m.owner().file().shown(), m.line(), 0), e));
    }
    for (LibrarySummaries.Handler h : library.handlers()) {
      handlers.add(new Handler(h.domain(), h.display(), h.at(), h.effects()));
    }
  }

  /** The handlers a fault of {@code domain} may run. */
  public List<Handler> matching(String domain) {
    List<Handler> out = new ArrayList<>();
    for (Handler h : handlers) {
      if (domain.isEmpty() || h.domain().isEmpty() || h.domain().equals(domain)) out.add(h);
    }
    return out;
  }

  public boolean isEmpty() {
    return handlers.isEmpty();
  }
}
