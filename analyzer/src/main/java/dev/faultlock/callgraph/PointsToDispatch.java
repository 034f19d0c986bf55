package dev.faultlock.callgraph;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Stmt;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.pta.PointsToResult;
import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Call targets from the points-to solution ({@code --points-to}): where the solver dispatched a
 * call by the program objects that flow to its receiver, the call's targets are the solver's
 * callees instead of every implementation the class hierarchy offers. This is what keeps an
 * interface call ({@code DataSource.getConnection()}, a collection's internal iterator) from
 * reaching implementations nothing wires to it.
 *
 * <p>A call keeps its class-hierarchy targets where the solver cannot do better: it {@linkplain
 * PointsToResult#fellBack fell back} (a symbolic receiver stands for any object of its type, or
 * none reached it), or its method is unreachable from the open world's entry points. Unreachable
 * is not dead: the IR does not lower static initializers, so code they alone run is unreachable
 * to the solver, and dropping its calls would silence what today's analysis finds there.
 *
 * <p>One call in the source may be several IR statements (the lowering copies {@code finally}
 * code onto each way out), as it is one {@link LockEvent.Call}: the event gets the union of their
 * callees, and keeps the class hierarchy's if any copy fell back.
 */
public final class PointsToDispatch {
  private record Key(int line, String callee, String name, int argc) {}

  private PointsToDispatch() {}

  /**
   * {@code facts} with every call the solver resolved from program objects retargeted, and
   * marked {@link LockEvent.Call#byObjects}.
   */
  public static List<MethodFacts> apply(
      List<MethodFacts> facts, Map<MethodInfo, IrMethod> irs, PointsToResult pta) {
    List<MethodFacts> out = new ArrayList<>(facts.size());
    for (MethodFacts f : facts) {
      IrMethod ir = irs.get(f.method());
      if (ir == null || !pta.isReachable(f.method())) {
        out.add(f);
        continue;
      }
      Map<Key, List<Integer>> calls = calls(ir);
      List<LockEvent> events = new ArrayList<>(f.events().size());
      for (LockEvent e : f.events()) {
        LockEvent.Call c = e instanceof LockEvent.Call call ? retarget(call, ir, calls, pta) : null;
        events.add(c != null ? c : e);
      }
      out.add(new MethodFacts(f.method(), List.copyOf(events), f.orderingGuard(), f.misuses(),
          f.unresolvedCalls(), f.heldOnReturn(), f.releasedUnheld()));
    }
    return out;
  }

  /** The IR's call statements by what their event records of them. */
  private static Map<Key, List<Integer>> calls(IrMethod ir) {
    Map<Key, List<Integer>> out = new HashMap<>();
    List<Stmt> stmts = ir.stmts();
    for (int i = 0; i < stmts.size(); i++) {
      if (!(stmts.get(i) instanceof Stmt.Invoke call)) continue;
      int line = call.line() > 0 ? call.line() : ir.method().line();
      Key k = new Key(line, call.site().callee(), call.site().name(), call.site().argc());
      out.computeIfAbsent(k, x -> new ArrayList<>(1)).add(i);
    }
    return out;
  }

  /** {@code c} with the solver's callees, or {@code null} where it keeps the class hierarchy's. */
  private static LockEvent.Call retarget(
      LockEvent.Call c, IrMethod ir, Map<Key, List<Integer>> calls, PointsToResult pta) {
    List<Integer> stmts = calls.get(new Key(c.at().line(), c.callee(), c.name(), c.argc()));
    if (stmts == null) return null;
    Set<MethodInfo> targets = new LinkedHashSet<>();
    for (int i : stmts) {
      if (pta.fellBack(ir, i)) return null;
      targets.addAll(pta.callees(ir, i));
    }
    // Mutable, as the front end's: the call graph adds nothing to it (resolved), others may.
    return new LockEvent.Call(c.at(), c.callee(), c.receiverType(), c.name(), c.argc(),
        new ArrayList<>(targets), c.libraryType(), c.context(), c.held(), c.covered(),
        c.supplied(), true);
  }
}
