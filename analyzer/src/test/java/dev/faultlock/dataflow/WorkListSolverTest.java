package dev.faultlock.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.ir.CallSite;
import dev.faultlock.ir.Cfg;
import dev.faultlock.ir.HandBuiltIr;
import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import dev.faultlock.locks.CallContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WorkListSolverTest {
  /** Reaching definitions, as {@code x@3}: a may-analysis (union at joins). */
  private static class ReachingDefinitions implements DataflowAnalysis<Set<String>> {
    int visits;

    @Override
    public Set<String> boundaryFact(Cfg cfg) {
      return Set.of();
    }

    @Override
    public Set<String> meet(Set<String> a, Set<String> b) {
      Set<String> m = new TreeSet<>(a);
      m.addAll(b);
      return m;
    }

    @Override
    public Set<String> transferNode(int i, Stmt stmt, Set<String> in) {
      visits++;
      Var lhs = defined(stmt);
      if (lhs == null) return in;
      Set<String> out = new TreeSet<>(in);
      out.removeIf(d -> d.startsWith(lhs.name() + "@"));
      out.add(lhs.name() + "@" + i);
      return out;
    }
  }

  /** Definitely assigned variables: a must-analysis (intersection at joins). */
  private static final class Assigned implements DataflowAnalysis<Set<String>> {
    @Override
    public Set<String> boundaryFact(Cfg cfg) {
      return Set.of();
    }

    @Override
    public Set<String> meet(Set<String> a, Set<String> b) {
      Set<String> m = new TreeSet<>(a);
      m.retainAll(b);
      return m;
    }

    @Override
    public Set<String> transferNode(int i, Stmt stmt, Set<String> in) {
      Var lhs = defined(stmt);
      if (lhs == null) return in;
      Set<String> out = new TreeSet<>(in);
      out.add(lhs.name());
      return out;
    }
  }

  private static Var defined(Stmt stmt) {
    if (stmt instanceof Stmt.Literal l) return l.lhs();
    if (stmt instanceof Stmt.Op o) return o.lhs();
    if (stmt instanceof Stmt.Invoke c) return c.result();
    return null;
  }

  @Test
  void definitionsFromBothBranchesReachTheJoin() {
    HandBuiltIr b = new HandBuiltIr(null);
    Var x = b.var("x");
    Var c = b.var("c");
    IrMethod m = b.literal(x, "1").literal(c, "true")   // 0, 1
        .ifTrue(c, "else")                               // 2
        .literal(x, "2")                                 // 3
        .jump("end")                                     // 4
        .label("else")                                   // 5
        .literal(x, "3")                                 // 6
        .label("end")                                    // 7
        .ret()                                           // 8
        .build();

    DataflowResult<Set<String>> r = WorkListSolver.solve(m.cfg(), new ReachingDefinitions());

    assertThat(r.inFact(7)).containsExactly("c@1", "x@3", "x@6");
    assertThat(r.inFact(3)).containsExactly("c@1", "x@0");
    assertThat(r.outFact(6)).containsExactly("c@1", "x@6");
  }

  @Test
  void aLoopReachesItsFixpointAndTheHeadSeesTheBackEdge() {
    HandBuiltIr b = new HandBuiltIr(null);
    Var i = b.var("i");
    Var c = b.var("c");
    IrMethod m = b.literal(i, "0")                        // 0
        .label("head")                                   // 1
        .literal(c, "?")                                 // 2
        .ifTrue(c, "end")                                // 3
        .not(i, i)                                       // 4: i = op(i)
        .jump("head")                                    // 5
        .label("end")                                    // 6
        .ret()                                           // 7
        .build();

    ReachingDefinitions rd = new ReachingDefinitions();
    DataflowResult<Set<String>> r = WorkListSolver.solve(m.cfg(), rd);

    assertThat(r.inFact(1)).containsExactly("c@2", "i@0", "i@4");
    assertThat(r.inFact(7)).containsExactly("c@2", "i@0", "i@4");
    // Lowest statement first: 0-5 once, then the head to the assignment again (i@4 reached
    // the head; the assignment's own out-fact is unchanged, so the jump back is not revisited),
    // and the exit only after the loop is stable.
    assertThat(rd.visits).isEqualTo(6 + 4 + 2);
  }

  @Test
  void aStatementNoPathReachesHasNoFactAndDoesNotWeakenAMustJoin() {
    HandBuiltIr b = new HandBuiltIr(null);
    Var x = b.var("x");
    Var y = b.var("y");
    IrMethod m = b.literal(x, "1")                        // 0
        .jump("join")                                    // 1
        .literal(y, "2")                                 // 2: unreachable
        .label("join")                                   // 3: preds 1 and 2
        .ret()                                           // 4
        .ret()                                           // 5: unreachable
        .build();

    DataflowResult<Set<String>> r = WorkListSolver.solve(m.cfg(), new Assigned());

    assertThat(r.isReached(2)).isFalse();
    assertThat(r.inFact(2)).isNull();
    assertThat(r.isReached(5)).isFalse();
    assertThat(r.inFact(3)).containsExactly("x");
  }

  @Test
  void theEdgeTransferTellsTheBranchesAndTheExceptionalEdgeApart() {
    CallSite call = new CallSite("A.run", "A", "run", 0, List.of(), null, CallContext.NONE,
        List.of(), null, false);
    HandBuiltIr b = new HandBuiltIr(null);
    Var c = b.var("c");
    Var r = b.var("r");
    Var e = b.var("e");
    IrMethod m = b.literal(c, "?")                        // 0
        .ifTrue(c, "yes")                                // 1
        .jump("out")                                     // 2: the false branch
        .label("yes")                                    // 3
        .beginTry("h").call(r, null, call).endTry()      // 4
        .jump("out")                                     // 5
        .handler("h", e)                                 // 6
        .label("out")                                    // 7
        .ret()                                           // 8
        .build();

    DataflowAnalysis<Set<String>> marks = new ReachingDefinitions() {
      @Override
      public Set<String> transferEdge(Cfg cfg, int from, int to, Set<String> in, Set<String> out) {
        Set<String> s = new HashSet<>(cfg.isExceptional(from, to) ? in : out);
        if (cfg.isExceptional(from, to)) s.add("threw@" + from);
        else if (cfg.stmt(from) instanceof Stmt.If) s.add(cfg.isTrueBranch(from, to) ? "T" : "F");
        return s;
      }
    };
    DataflowResult<Set<String>> res = WorkListSolver.solve(m.cfg(), marks);

    assertThat(res.inFact(2)).containsExactlyInAnyOrder("c@0", "F");
    assertThat(res.inFact(3)).containsExactlyInAnyOrder("c@0", "T");
    // The handler sees the state before the call: its result was never assigned.
    assertThat(res.inFact(6)).containsExactlyInAnyOrder("c@0", "T", "threw@4");
    assertThat(res.inFact(5)).containsExactlyInAnyOrder("c@0", "T", "r@4");
  }
}
