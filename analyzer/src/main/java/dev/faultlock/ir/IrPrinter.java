package dev.faultlock.ir;

import dev.faultlock.locks.LockRef;
import dev.faultlock.source.MethodInfo;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of an {@link IrMethod}, one statement a line, each labelled by its index ({@code L3:})
 * and jumps by label; a statement whose exception goes to a handler ends with {@code ! L9}. For
 * tests and for reading what the lowering made.
 */
public final class IrPrinter {
  private IrPrinter() {}

  public static String print(IrMethod m) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < m.stmts().size(); i++) {
      out.append('L').append(i).append(": ").append(text(m.stmts().get(i)));
      if (m.handler()[i] >= 0) out.append("  ! L").append(m.handler()[i]);
      out.append('\n');
    }
    return out.toString();
  }

  static String text(Stmt s) {
    if (s instanceof Stmt.New n) return n.lhs() + " = new " + n.type();
    if (s instanceof Stmt.NewFunction f) {
      return f.lhs() + " = function " + f.body().stream().map(MethodInfo::display).toList()
          + (f.bound() == null ? "" : " on " + f.bound());
    }
    if (s instanceof Stmt.Copy c) return c.lhs() + " = " + c.rhs();
    if (s instanceof Stmt.Cast c) return c.lhs() + " = (" + c.type() + ") " + c.rhs();
    if (s instanceof Stmt.Literal l) return l.lhs() + " = " + l.text();
    if (s instanceof Stmt.Op o) return o.lhs() + " = " + op(o.op(), o.operands());
    if (s instanceof Stmt.Load l) return l.lhs() + " = " + l.base() + '.' + l.field();
    if (s instanceof Stmt.Store st) return st.base() + "." + st.field() + " = " + st.rhs();
    if (s instanceof Stmt.StaticLoad l) return l.lhs() + " = " + l.owner() + '.' + l.field();
    if (s instanceof Stmt.StaticStore st) return st.owner() + "." + st.field() + " = " + st.rhs();
    if (s instanceof Stmt.ArrayLoad a) return a.lhs() + " = " + a.array() + '[' + a.index() + ']';
    if (s instanceof Stmt.ArrayStore a) return a.array() + "[" + a.index() + "] = " + a.rhs();
    if (s instanceof Stmt.Invoke i) return invoke(i);
    if (s instanceof Stmt.MonitorEnter e) return "monitorenter " + e.lock() + " (" + e.ref().identity() + ')';
    if (s instanceof Stmt.MonitorExit e) return "monitorexit " + e.lock() + " (" + e.ref().identity() + ')';
    if (s instanceof Stmt.If f) return "if " + f.cond() + " goto L" + f.target();
    if (s instanceof Stmt.Goto g) return "goto L" + g.target();
    if (s instanceof Stmt.Switch sw) {
      return "switch " + sw.selector() + " "
          + sw.targets().stream().map(t -> "L" + t).collect(Collectors.joining(", ", "[", "]"))
          + " else L" + sw.otherwise();
    }
    if (s instanceof Stmt.Return r) return r.value() == null ? "return" : "return " + r.value();
    if (s instanceof Stmt.Throw t) return "throw " + t.value();
    if (s instanceof Stmt.Catch c) return c.exception() + " = catch";
    return "nop";
  }

  private static String op(String op, List<Var> operands) {
    if (operands.size() == 2 && !Character.isLetter(op.charAt(0))) {
      return operands.get(0) + " " + op + " " + operands.get(1);
    }
    return op + operands.stream().map(Var::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String invoke(Stmt.Invoke i) {
    CallSite site = i.site();
    StringBuilder b = new StringBuilder();
    if (i.result() != null) b.append(i.result()).append(" = ");
    b.append("invoke ").append(i.kind().name().toLowerCase()).append(' ');
    if (i.implicit()) b.append("implicit ");
    if (i.receiver() != null) b.append(i.receiver()).append('.');
    else if (site.receiverType() != null) b.append(site.receiverType()).append('.');
    b.append(site.name());
    b.append(i.args().stream().map(Var::toString).collect(Collectors.joining(", ", "(", ")")));
    if (!site.targets().isEmpty()) {
      b.append(" -> ").append(site.targets().stream().map(MethodInfo::display).collect(Collectors.joining(", ")));
    }
    if (site.libraryType() != null) b.append(" lib ").append(site.libraryType());
    if (site.lockApi()) b.append(" lockapi");
    for (LockOp op : site.ops()) {
      if (op instanceof LockOp.Acquire a) b.append(a.blocking() ? " acquire " : " try ").append(lock(a.lock()));
      else if (op instanceof LockOp.Release r) b.append(" release ").append(lock(r.lock()));
      else if (op instanceof LockOp.SortedAcquire so) b.append(" sorted ").append(so.lockClass());
    }
    if (site.fault() != null) b.append(" fault");
    return b.toString();
  }

  private static String lock(LockRef ref) {
    return ref.identity() + (ref.shared() ? " shared" : "");
  }
}
