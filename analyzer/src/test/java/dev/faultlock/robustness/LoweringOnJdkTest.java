package dev.faultlock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.ir.Front;
import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Lowering;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every method of real code no one here wrote lowers into a well-formed IR: jumps and handlers
 * name statements of the method (a handler its {@code Catch}), no path falls off the end, every
 * variable is the method's own. What the dataflow over it relies on.
 */
class LoweringOnJdkTest {
  @TempDir Path dir;

  @Test
  void everyMethodOfAJdkSampleLowersIntoAWellFormedIr() throws IOException {
    JdkSources.sample(dir, 150, "java.base/java/util/concurrent/ConcurrentHashMap.java");
    Front f = Front.lenient(AnalyzerOptions.builder().source(dir).jobs(1).build());
    List<String> problems = new ArrayList<>();
    int lowered = 0;
    for (MethodInfo m : f.index.methods()) {
      if (m.body() == null) continue;
      for (Lowering.Lowered l : f.lower(m)) {
        lowered++;
        problems.addAll(malformed(l.ir()));
      }
    }
    assertThat(lowered).isGreaterThan(2000);
    assertThat(problems).isEmpty();
  }

  private static List<String> malformed(IrMethod ir) {
    List<String> out = new ArrayList<>();
    List<Stmt> stmts = ir.stmts();
    int n = stmts.size();
    String where = ir.method().signature() + " L";
    for (int i = 0; i < n; i++) {
      Stmt s = stmts.get(i);
      List<Integer> targets = new ArrayList<>();
      if (s instanceof Stmt.Goto g) targets.add(g.target());
      if (s instanceof Stmt.If c) targets.add(c.target());
      if (s instanceof Stmt.Switch sw) {
        targets.addAll(sw.targets());
        targets.add(sw.otherwise());
      }
      for (int t : targets) if (t < 0 || t >= n) out.add(where + i + " jumps out to " + t);
      int h = ir.handler()[i];
      if (h >= 0 && (h >= n || !(stmts.get(h) instanceof Stmt.Catch))) out.add(where + i + " handler " + h);
      for (Var v : vars(s)) {
        if (v.index() >= ir.vars().size() || ir.vars().get(v.index()) != v) out.add(where + i + " foreign " + v);
      }
    }
    Stmt last = stmts.get(n - 1);
    if (!(last instanceof Stmt.Return || last instanceof Stmt.Throw || last instanceof Stmt.Goto
        || last instanceof Stmt.Switch)) {
      out.add(where + (n - 1) + " falls off the end");
    }
    ir.cfg();
    return out;
  }

  /** The variables a statement reads or writes. */
  private static List<Var> vars(Stmt s) {
    List<Var> out = new ArrayList<>();
    for (var c : s.getClass().getRecordComponents()) {
      try {
        Object v = c.getAccessor().invoke(s);
        if (v instanceof Var var) out.add(var);
        if (v instanceof List<?> list) for (Object o : list) if (o instanceof Var var) out.add(var);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }
}
