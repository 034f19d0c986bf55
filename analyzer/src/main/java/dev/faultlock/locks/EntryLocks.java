package dev.faultlock.locks;

import dev.faultlock.catalog.LockApi;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.ir.LoweringContext;
import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * What a method's own lock annotations say about its entry: the locks its callers hold
 * ({@code @Holding}, {@code @GuardedBy} on a method), and the annotations that cannot mean what
 * they say (a lock expression that names nothing, a {@code @SortedAcquire} without a class).
 *
 * @param held the locks held on entry, each with its trace step
 * @param misuses the annotation misuses, as {@code AnnotationMisuse} reports them
 */
public record EntryLocks(List<Held> held, List<MethodFacts.Misuse> misuses) {
  private static final List<String> HOLDING =
      List.of(LockApi.HOLDING, LockApi.CF_HOLDING, LockApi.EP_GUARDED_BY);
  private static final List<String> EFFECTS =
      List.of(LockApi.ACQUIRES, LockApi.TRY_ACQUIRES, LockApi.RELEASES, LockApi.EP_LOCK_METHOD,
          LockApi.EP_UNLOCK_METHOD, LockApi.CF_ENSURES_LOCK_HELD, LockApi.CF_ENSURES_LOCK_HELD_IF);

  /** The entry of {@code method}. */
  public static EntryLocks of(LoweringContext cx, MethodInfo method) {
    String file = method.owner().file().shown();
    List<Held> held = new ArrayList<>();
    List<MethodFacts.Misuse> misuses = new ArrayList<>();
    Location at = new Location(file, method.line(), 0);
    for (String holding : HOLDING) {
      for (String expr : method.annotations().values(holding)) {
        LockRef ref = annotationLock(cx, method, expr, holding, misuses);
        if (ref != null) {
          held.add(new Held(ref, Witness.of(new TraceStep(at,
              "holds " + ref.describe() + " on entry (@" + LockNames.simple(holding) + ")"))));
        }
      }
    }
    for (String a : EFFECTS) {
      for (String expr : method.annotations().values(a)) annotationLock(cx, method, expr, a, misuses);
    }
    if (method.annotations().has(LockApi.SORTED_ACQUIRE)
        && method.annotations().value(LockApi.SORTED_ACQUIRE).isEmpty()) {
      misuses.add(misuse(method, method.annotations().line(LockApi.SORTED_ACQUIRE), "SortedAcquire",
          "names no lock class: say which class it acquires in sorted order, such as"
              + " @SortedAcquire(\"inode\")"));
    }
    if (method.annotations().has(LockApi.LOCK_CLASS)
        && method.annotations().value(LockApi.LOCK_CLASS).isEmpty()) {
      misuses.add(misuse(method, method.annotations().line(LockApi.LOCK_CLASS), "LockClass",
          "names no lock class"));
    }
    return new EntryLocks(List.copyOf(held), List.copyOf(misuses));
  }

  /**
   * The lock an annotation's lock expression names in {@code method}: {@code this}, a parameter,
   * a field, {@code param.field}, {@code Type.class}. A name that resolves to nothing is an
   * {@code AnnotationMisuse}.
   */
  private static LockRef annotationLock(LoweringContext cx, MethodInfo method,
      String expr, String annotation, List<MethodFacts.Misuse> misuses) {
    LockRef ref = LockExpressions.resolve(expr, method, cx.index(), cx.names());
    if (ref == null) {
      misuses.add(misuse(method, method.annotations().line(annotation), LockNames.simple(annotation),
          "lock expression `" + expr + "` names no parameter or field of `" + method.display()
              + "`"));
    }
    return ref;
  }

  private static MethodFacts.Misuse misuse(MethodInfo method, int line, String annotation, String problem) {
    return new MethodFacts.Misuse(
        new Location(method.owner().file().shown(), line == 0 ? method.line() : line, 0),
        annotation, problem);
  }
}
