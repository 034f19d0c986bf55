package dev.faultlock.summary;

import dev.faultlock.catalog.LockApi;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.locks.LockNames;
import dev.faultlock.locks.Witness;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import dev.faultlock.summary.ProgramSummary.Acquire;
import dev.faultlock.summary.ProgramSummary.Fault;
import dev.faultlock.summary.ProgramSummary.MethodSummary;
import dev.faultlock.summary.ProgramSummary.TypeSummary;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds the {@link ProgramSummary} of an analysed program from its method effects. */
public final class ProgramSummaries {
  /** Witnesses in a summary are cut to this many steps: enough to point at the cause. */
  private static final int WITNESS_STEPS = 8;

  /**
   * Each trace step's text, made once: witnesses share their tails (a step is in the chains of
   * every caller above it), and a summary of a large module would otherwise hold one copy of a
   * step's text per chain.
   */
  private final Map<TraceStep, String> lines = new IdentityHashMap<>();

  private ProgramSummaries() {}

  public static ProgramSummary build(
      ProgramIndex index, Map<MethodInfo, Effects> effects, LockNames names, List<List<String>> lockOrders) {
    ProgramSummaries summaries = new ProgramSummaries();
    List<TypeSummary> types = new ArrayList<>();
    for (TypeInfo t : index.types()) {
      List<MethodSummary> methods = new ArrayList<>();
      for (MethodInfo m : t.methods()) {
        if (m.isPublicApi()) methods.add(summaries.method(m, effects.getOrDefault(m, new Effects())));
      }
      Map<String, String> fieldClasses = new TreeMap<>();
      for (FieldInfo f : t.fields().values()) {
        if (f.annotations().has(LockApi.LOCK_CLASS) || (f.type() != null && names.isLockType(f.type()))) {
          fieldClasses.put(f.name(), names.ofField(f));
        }
      }
      String lockClass = t.annotations().value(LockApi.LOCK_CLASS);
      if (methods.isEmpty() && fieldClasses.isEmpty() && lockClass == null) continue;
      types.add(new TypeSummary(t.fqn(), List.copyOf(new TreeSet<>(t.ancestors())),
          lockClass == null || lockClass.isEmpty() ? null : lockClass, fieldClasses, methods));
    }
    return new ProgramSummary(ProgramSummary.FORMAT, types, lockOrders);
  }

  private MethodSummary method(MethodInfo m, Effects e) {
    List<Acquire> acquires = new ArrayList<>();
    for (Effects.Acquire a : e.acquires()) {
      acquires.add(new Acquire(a.lock().lockClass(), a.lock().text(), a.lock().shared(), true,
          witness(a.witness())));
    }
    List<Fault> faults = new ArrayList<>();
    for (Effects.Fault f : e.faults()) {
      if (f.covered().isEmpty()) faults.add(new Fault(f.domain(), witness(f.witness())));
    }
    String sorted = m.annotations().value(LockApi.SORTED_ACQUIRE);
    return new MethodSummary(
        m.name(),
        m.writtenParameterTypes(),
        acquires,
        faults,
        m.annotations().value(LockApi.FAULT_HANDLER),
        sorted == null || sorted.isEmpty() ? null : sorted,
        m.annotations().has(LockApi.FAULTS_DISABLED),
        m.owner().file().shown() + ':' + m.line());
  }

  private List<String> witness(Witness w) {
    List<String> out = new ArrayList<>(Math.min(Witness.length(w), WITNESS_STEPS));
    for (Witness c = w; c != null && out.size() < WITNESS_STEPS; c = c.next()) {
      out.add(lines.computeIfAbsent(
          c.step(), s -> s.location().file() + ':' + s.location().line() + ": " + s.description()));
    }
    return out;
  }
}
