package dev.faultlock.pta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Var;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copy cycles collapsed into one set: the same solution as without, filters kept. */
class CopyCyclesTest {
  @TempDir Path dir;

  /** Cycles through locals, a field, a call's parameter and result, and the objects' uses. */
  private static final String CYCLES = """
      package p;

      public class Main {
        Object f;

        static Object id(Object x) {
          return x;
        }

        public static void main(String[] args) {
          Object a = new Object();
          Object b = new Main();
          Object c = a;
          Main m = new Main();
          for (int i = 0; i < 3; i++) {
            Object t = c;
            c = b;
            b = t;
            m.f = c;
            Object d = m.f;
            c = id(d);
            if (c instanceof Main n) {
              n.f = new StringBuffer();
            }
          }
          Object e = m.f;
          Object g = ((Main) c).f;
        }
      }
      """;

  @Test
  void aCollapsedCycleHasTheSetsOfTheUncollapsedOne() {
    Pta never = Pta.of(CopyCycles.Policy.NEVER, dir.resolve("never"), "p/Main.java", CYCLES);
    Pta eager = Pta.of(CopyCycles.Policy.EAGER, dir.resolve("eager"), "p/Main.java", CYCLES);

    assertThat(eager.result.collapsed()).isPositive();
    assertThat(never.result.collapsed()).isZero();
    assertThat(sets(eager)).isEqualTo(sets(never));
    assertThat(eager.pointsTo("p.Main", "main", "t")).containsExactlyInAnyOrder(
        eager.site("p/Main.java", "Object", "new Object()"),
        eager.site("p/Main.java", "Main", "new Main()", 1));
    PointsToResult.Stats e = eager.result.stats();
    PointsToResult.Stats n = never.result.stats();
    assertThat(e.facts()).isEqualTo(n.facts());
    assertThat(e.callEdges()).isEqualTo(n.callEdges());
    assertThat(e.reachableMethods()).isEqualTo(n.reachableMethods());
    assertThat(e.flowEdges()).isEqualTo(n.flowEdges());
  }

  @Test
  void aFilteredEdgeIsNeverCollapsed() {
    // a -> b passes only Markers, b -> a everything: one filter on both, but not one set.
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Object a = new Object();
            for (int i = 0; i < 3; i++) {
              Object b = (Marker) a;
              a = b;
              a = new Impl();
            }
          }
        }

        interface Marker {}

        class Impl implements Marker {}
        """;
    Pta pta = Pta.of(CopyCycles.Policy.EAGER, dir, "p/Main.java", src);

    assertThat(pta.pointsTo("p.Main", "main", "b"))
        .containsExactly(pta.site("p/Main.java", "Impl", "new Impl()"));
    assertThat(pta.pointsTo("p.Main", "main", "a")).containsExactlyInAnyOrder(
        pta.site("p/Main.java", "Object", "new Object()"),
        pta.site("p/Main.java", "Impl", "new Impl()"));
  }

  /** Every variable's set by method and name, as allocation sites. */
  private static Map<String, Object> sets(Pta pta) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (IrMethod m : pta.program()) {
      for (Var v : m.vars()) {
        out.put(m.method() + " " + v.name() + " " + v,
            pta.result.describe(pta.result.pointsTo(m, v)));
      }
    }
    return out;
  }
}
