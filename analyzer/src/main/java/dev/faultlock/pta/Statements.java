package dev.faultlock.pta;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * What each statement of a method that just became reachable adds (Tai-e's {@code
 * StmtProcessor}): objects for allocations, function objects and literals, edges for copies,
 * casts, static fields and returns, and the uses a variable's objects are applied to later
 * (field and array accesses, calls). A method's variables may already have objects (its
 * parameters, bound before it was processed): those are applied once its uses are known.
 */
final class Statements {
  private final Solver solver;

  Statements(Solver solver) {
    this.solver = solver;
  }

  void process(MethodState s) {
    List<Stmt> stmts = s.ir.stmts();
    MethodInfo m = s.ir.method();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt st = stmts.get(i);
      if (st instanceof Stmt.New n) {
        if (!Solver.concerned(n.lhs())) continue;
        Obj o = solver.heap.allocation(m, i, n.type(), n.line());
        solver.addObject(s.pointer(n.lhs()), o);
        Var outer = OpenWorld.enclosingInstance(solver.index, n.type(), s.ir);
        if (outer != null) {
          int f = solver.pointers.field(n.type(), OpenWorld.OUTER);
          solver.addEdge(s.pointer(outer), solver.pointers.instanceField(o.id(), f));
        }
      } else if (st instanceof Stmt.NewFunction f) {
        function(s, i, f);
      } else if (st instanceof Stmt.Copy c) {
        if (Solver.concerned(c.lhs()) && c.rhs() != null) solver.addEdge(s.pointer(c.rhs()), s.pointer(c.lhs()));
      } else if (st instanceof Stmt.Cast c) {
        if (!Solver.concerned(c.lhs()) || c.rhs() == null) continue;
        if (c.type() == null) solver.addEdge(s.pointer(c.rhs()), s.pointer(c.lhs()));
        else solver.addFilteredEdge(s.pointer(c.rhs()), s.pointer(c.lhs()), solver.types.id(c.type()));
      } else if (st instanceof Stmt.Literal l) {
        literal(s, l);
      } else if (st instanceof Stmt.Load l) {
        if (!Solver.concerned(l.lhs())) continue;
        s.useAsBase(l.base(), i, solver.field(l.owner(), l.field()));
        if (!solver.world.assigned(l.owner(), l.field()) && l.lhs().type() != null) {
          solver.addObject(s.pointer(l.lhs()), solver.symbolic(l.lhs().type(), field(l.owner(), l.field())));
        }
      } else if (st instanceof Stmt.Store w) {
        if (Solver.concerned(w.rhs()) && !solver.constructorStores.boundPerCall(s, i)) {
          s.useAsBase(w.base(), i, solver.field(w.owner(), w.field()));
        }
      } else if (st instanceof Stmt.StaticLoad l) {
        if (!Solver.concerned(l.lhs())) continue;
        int f = solver.pointers.staticField(solver.field(l.owner(), l.field()));
        if (!solver.world.assigned(l.owner(), l.field()) && l.lhs().type() != null) {
          solver.addObject(f, solver.symbolic(l.lhs().type(), field(l.owner(), l.field())));
        }
        solver.addEdge(f, s.pointer(l.lhs()));
      } else if (st instanceof Stmt.StaticStore w) {
        if (!Solver.concerned(w.rhs())) continue;
        solver.addEdge(s.pointer(w.rhs()), solver.pointers.staticField(solver.field(w.owner(), w.field())));
      } else if (st instanceof Stmt.ArrayLoad l) {
        if (Solver.concerned(l.lhs())) s.useAsBase(l.array(), i);
      } else if (st instanceof Stmt.ArrayStore w) {
        if (Solver.concerned(w.rhs())) s.useAsBase(w.array(), i);
      } else if (st instanceof Stmt.Invoke call) {
        solver.calls.invoke(s, i, call);
      } else if (st instanceof Stmt.Return r) {
        if (Solver.concerned(r.value()) && !s.returnsReceiver(r)) solver.addEdge(s.pointer(r.value()), s.returnPointer());
      }
    }
    // Objects that arrived before the uses were known.
    for (Var v : s.ir.vars()) {
      int p = s.pointer(v);
      RoaringBitmap pts = solver.pointers.pointsTo(p);
      if (!pts.isEmpty()) solver.newObjects(s, p, pts.clone());
    }
  }

  private static String field(String owner, String field) {
    return dev.faultlock.locks.LockNames.simple(owner) + '.' + field;
  }

  private void literal(MethodState s, Stmt.Literal l) {
    if (!Solver.concerned(l.lhs())) return;
    String text = l.text();
    if (text.startsWith("\"")) solver.addObject(s.pointer(l.lhs()), solver.heap.string());
    else if (text.endsWith(".class")) solver.addObject(s.pointer(l.lhs()), solver.heap.classLiteral(text));
  }

  /**
   * A lambda or method reference: its object, the receiver it is bound to, and for a lambda
   * the locals it captures (its variables named like the enclosing method's, and {@code this}).
   */
  private void function(MethodState s, int i, Stmt.NewFunction f) {
    Obj o = solver.heap.function(s.ir.method(), i, f.type(), f.line(), f.body());
    solver.addObject(s.pointer(f.lhs()), o);
    if (f.bound() != null) {
      solver.bound.set(o.id());
      solver.addEdge(s.pointer(f.bound()), solver.pointers.instanceField(o.id(), solver.boundField));
    }
    for (MethodInfo body : f.body()) {
      if (!body.isLambda()) continue;
      MethodState lambda = solver.state(body);
      if (lambda != null) capture(s, lambda);
    }
  }

  private void capture(MethodState outer, MethodState lambda) {
    IrMethod in = lambda.ir;
    for (Var v : in.vars()) {
      if (v.name().startsWith("$t") || in.params().contains(v) || !Solver.concerned(v)) continue;
      if (v == in.thisVar()) {
        if (outer.ir.thisVar() != null) solver.addEdge(outer.pointer(outer.ir.thisVar()), lambda.pointer(v));
        continue;
      }
      for (MethodState from = outer; from != null; from = enclosing(from)) {
        if (captureFrom(from, v, lambda)) break;
      }
    }
  }

  /** Binds {@code v} of {@code lambda} to the variables of {@code from} of its name, if any. */
  private boolean captureFrom(MethodState from, Var v, MethodState lambda) {
    boolean found = false;
    for (Var w : from.ir.vars()) {
      if (w.name().equals(v.name())) {
        solver.addEdge(from.pointer(w), lambda.pointer(v));
        found = true;
      }
    }
    return found;
  }

  private MethodState enclosing(MethodState s) {
    MethodInfo e = s.ir.method().enclosing();
    return e == null ? null : solver.state(e);
  }
}
