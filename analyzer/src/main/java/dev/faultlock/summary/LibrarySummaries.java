package dev.faultlock.summary;

import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.locks.LockRef;
import dev.faultlock.locks.Witness;
import dev.faultlock.summary.ProgramSummary.MethodSummary;
import dev.faultlock.summary.ProgramSummary.TypeSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summaries of library modules found on the classpath, answering for calls into library
 * code: what a library method acquires and whether it faults, which library methods are fault
 * handlers, and the lock classes and orders the libraries declare.
 */
public final class LibrarySummaries {
  /** A library fault handler. */
  public record Handler(String domain, String display, Location at, Effects effects) {}

  private static final Pattern STEP = Pattern.compile("^(.*):(\\d+): ?(.*)$");

  private final Map<String, TypeSummary> types = new HashMap<>();
  private final Map<String, List<TypeSummary>> implementors = new HashMap<>();
  private final Map<String, String> typeLockClasses = new HashMap<>();
  private final List<List<String>> lockOrders = new ArrayList<>();
  private final List<Handler> handlers = new ArrayList<>();
  private final ConcurrentHashMap<String, List<Effects>> effects = new ConcurrentHashMap<>();

  public LibrarySummaries(List<ProgramSummary> summaries) {
    for (ProgramSummary p : summaries) {
      lockOrders.addAll(p.lockOrders());
      for (TypeSummary t : p.types()) {
        types.putIfAbsent(t.name(), t);
        if (t.lockClass() != null) typeLockClasses.putIfAbsent(t.name(), t.lockClass());
        for (String s : t.supertypes()) implementors.computeIfAbsent(s, k -> new ArrayList<>()).add(t);
        for (MethodSummary m : t.methods()) {
          if (m.faultHandler() != null) {
            String display = simple(t.name()) + '.' + m.name();
            Effects e = convert(m);
            handlers.add(new Handler(m.faultHandler(), display, firstLocation(m, t), e));
          }
        }
      }
    }
  }

  public static LibrarySummaries none() {
    return new LibrarySummaries(List.of());
  }

  /** Lock classes that library types declare for their instances. */
  public Map<String, String> typeLockClasses() {
    return typeLockClasses;
  }

  public List<List<String>> lockOrders() {
    return lockOrders;
  }

  public List<Handler> handlers() {
    return handlers;
  }

  /** Whether a library type is described by a summary. */
  public boolean knows(String type) {
    return types.containsKey(type) || implementors.containsKey(type);
  }

  /** Supertypes a summary records for a library type, or {@code null}. */
  public List<String> supertypes(String type) {
    TypeSummary t = types.get(type);
    return t == null ? null : t.supertypes();
  }

  /**
   * The effects of a call of {@code name} with {@code argc} arguments on a receiver of library
   * type {@code type}: the method in that type and its overrides in summarised subtypes.
   */
  public List<Effects> effects(String type, String name, int argc) {
    if (types.isEmpty()) return List.of();
    return effects.computeIfAbsent(
        type + '#' + name + '/' + argc,
        k -> {
          List<Effects> out = new ArrayList<>();
          List<TypeSummary> candidates = new ArrayList<>();
          TypeSummary own = types.get(type);
          if (own != null) candidates.add(own);
          candidates.addAll(implementors.getOrDefault(type, List.of()));
          for (TypeSummary t : candidates) {
            for (MethodSummary m : t.methods()) {
              if (m.name().equals(name) && m.parameterTypes().size() == argc) out.add(convert(m));
            }
          }
          return List.copyOf(out);
        });
  }

  private static Effects convert(MethodSummary m) {
    Effects e = new Effects();
    for (ProgramSummary.Acquire a : m.acquires()) {
      if (!a.blocking()) continue;
      String identity = a.lock().equals("this") || a.lock().startsWith("this.") ? a.lock() : LockRef.UNKNOWN;
      e.addAcquire(new LockRef(a.lockClass(), a.lock(), identity, a.shared()), witness(a.witness()));
    }
    if (!m.faultsDisabled()) {
      for (ProgramSummary.Fault f : m.faults()) {
        e.addFault(f.domain(), witness(f.witness()), Set.of());
      }
    }
    return e;
  }

  private static Witness witness(List<String> steps) {
    Witness w = null;
    for (int i = steps.size() - 1; i >= 0; i--) w = Witness.cons(step(steps.get(i)), w);
    return w;
  }

  static TraceStep step(String s) {
    Matcher m = STEP.matcher(s);
    if (m.matches()) {
      return new TraceStep(new Location(m.group(1), Integer.parseInt(m.group(2)), 0), m.group(3));
    }
    return new TraceStep(new Location("", 0, 0), s);
  }

  private static Location firstLocation(MethodSummary m, TypeSummary t) {
    if (m.location() != null) return step(m.location() + ": ").location();
    return new Location(t.name(), 0, 0);
  }

  private static String simple(String fqn) {
    return fqn.substring(fqn.lastIndexOf('.') + 1);
  }
}
