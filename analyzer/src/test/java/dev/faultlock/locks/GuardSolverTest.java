package dev.faultlock.locks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order and the widening of {@link GuardSolver}, with solve functions written by hand: a
 * method is solved after its callees, and guard facts that never settle inside a recursive
 * component are dropped after {@link GuardSolver#CHANGES} changes instead of looping.
 */
class GuardSolverTest {
  private static final LockRef LOCK = new LockRef("Store.lock", "lock", "this.lock", false);

  @TempDir static Path dir;
  private static MethodInfo a;
  private static MethodInfo b;
  private static MethodInfo c;

  @BeforeAll
  static void program() throws IOException {
    Files.writeString(dir.resolve("Store.java"), """
        package p;
        class Store {
          void a() {}
          void b() {}
          void c() {}
        }
        """);
    ProgramIndex index = IndexedProgram.index(dir);
    a = IndexedProgram.method(index, "p.Store", "a");
    b = IndexedProgram.method(index, "p.Store", "b");
    c = IndexedProgram.method(index, "p.Store", "c");
  }

  /** Facts of {@code m}: returning holding the lock when {@code guard}, else nothing. */
  private static MethodFacts facts(MethodInfo m, boolean guard) {
    List<Held> held = guard
        ? List.of(new Held(LOCK, Witness.of(new TraceStep(new Location("Store.java", 3, 0), "acquires"))))
        : List.of();
    return new MethodFacts(m, List.of(), false, List.of(), 0, held, List.of());
  }

  private static boolean isGuard(Guards known, MethodInfo m) {
    return known.describe().stream().anyMatch(line -> line.startsWith(m.signature() + "|"));
  }

  private static List<List<MethodFacts>> solve(
      List<Set<MethodInfo>> callees, BiFunction<Integer, Guards, List<MethodFacts>> solve) {
    List<Set<MethodInfo>> methods = List.of(Set.of(a), Set.of(b), Set.of(c));
    return GuardSolver.solve(methods, callees, List.of(), solve, 2);
  }

  /** c calls b calls a; a is a guard, b is one because a is, c because b is: all seen in one solve each. */
  @Test
  void calleesAreSolvedFirstAndEachMethodOnce() {
    AtomicInteger solves = new AtomicInteger();
    List<MethodInfo> units = List.of(a, b, c);
    List<List<MethodFacts>> out = solve(List.of(Set.of(), Set.of(a), Set.of(b)), (i, known) -> {
      solves.incrementAndGet();
      MethodInfo m = units.get(i);
      boolean guard = m == a || isGuard(known, m == b ? a : b);
      return List.of(facts(m, guard));
    });
    assertThat(out).allSatisfy(f -> assertThat(Guards.isGuard(f.get(0))).isTrue());
    assertThat(solves).hasValue(3);
  }

  /**
   * a is a guard exactly when b is not, b exactly when a is (a cycle through a negation, as a
   * helper that releases makes its caller balanced): no fixpoint. The solve ends, and a fact that
   * kept changing is widened to no guard.
   */
  @Test
  void aGuardFactThatNeverSettlesIsWidenedToNoGuard() {
    AtomicInteger solves = new AtomicInteger();
    List<List<MethodFacts>> out = solve(List.of(Set.of(b), Set.of(a), Set.of()), (i, known) -> {
      solves.incrementAndGet();
      return switch (i) {
        case 0 -> List.of(facts(a, !isGuard(known, b)));
        case 1 -> List.of(facts(b, isGuard(known, a)));
        default -> List.of(facts(c, false));
      };
    });
    List<MethodFacts> all = out.stream().flatMap(List::stream).toList();
    // Widened: at least one of the two keeps no guard, and a caller would see a settled table.
    assertThat(all.stream().filter(f -> f.method() != c && !Guards.isGuard(f))).isNotEmpty();
    assertThat(solves.get()).isLessThanOrEqualTo(3 + 2 * (GuardSolver.CHANGES + 2));
  }
}
