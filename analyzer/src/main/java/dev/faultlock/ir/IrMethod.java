package dev.faultlock.ir;

import dev.faultlock.source.MethodInfo;
import java.util.List;

/**
 * The IR of one method, constructor, initializer or lambda body: its variables, its statements in
 * order, and for each statement the handler its exceptions go to. Statement 0 is the entry.
 *
 * @param thisVar the receiver, or {@code null} for static code
 * @param params the parameters, in order
 * @param handler for each statement, the index of the {@link Stmt.Catch} an exception it throws
 *     goes to, or {@code -1} when it leaves the method
 */
public record IrMethod(
    MethodInfo method,
    Var thisVar,
    List<Var> params,
    List<Var> vars,
    List<Stmt> stmts,
    int[] handler) {

  /** The control-flow graph over {@link #stmts}. */
  public Cfg cfg() {
    return new Cfg(this);
  }
}
