package dev.faultlock.ir;

import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one method's statements as the lowering emits them and lays them out as an {@link
 * IrMethod}. Jumps name {@link Label}s, placed later; code can be emitted into a {@link Code}
 * hole filled afterwards (a {@code finally} copy is lowered once the {@code catch} clauses are,
 * as the source orders them), so the layout is done at the end, in one pass over the tree of
 * holes. Code after a jump, a return or a throw that no label makes reachable is dropped.
 */
final class IrBuilder {
  /**
   * A jump target; its position is known once the code is laid out. {@code used} once a jump or
   * a statement's handler names it: only then does placing it make the code after it reachable.
   */
  static final class Label {
    private int pos = -1;
    private boolean used;
  }

  /** A sequence of emitted items, possibly holding other sequences (holes filled later). */
  static final class Code {
    private final List<Object> items = new ArrayList<>();
  }

  private record Plain(Stmt stmt, Label handler) {}

  private record Jump(Var cond, Label target, int line) {}

  private record MultiJump(Var selector, List<Label> targets, Label otherwise, int line) {}

  private record Mark(Label label) {}

  private final List<Var> vars = new ArrayList<>();
  private final Code root = new Code();
  private Code cur = root;
  private boolean live = true;
  private int temps;

  Var var(String name, String type) {
    Var v = new Var(vars.size(), name, type);
    vars.add(v);
    return v;
  }

  Var temp(String type) {
    return var("$t" + temps++, type);
  }

  /** Whether the code emitted next can be reached. */
  boolean live() {
    return live;
  }

  /** Emits {@code s}; if it may throw, its exception goes to {@code handler} (null: out). */
  void emit(Stmt s, Label handler) {
    if (!live) return;
    // A value the front end could not lower (a call of no known type) assigned to a variable:
    // the variable now holds something unknown, which is what an operation of no operands says.
    if (s instanceof Stmt.Copy c && c.rhs() == null) s = new Stmt.Op(c.lhs(), "?", List.of(), c.line());
    Label h = Cfg.mayThrow(s) ? handler : null;
    if (h != null) h.used = true;
    cur.items.add(new Plain(s, h));
    if (s instanceof Stmt.Return || s instanceof Stmt.Throw) live = false;
  }

  /** {@code if (cond) goto target}. */
  void jumpIf(Var cond, Label target, int line) {
    if (!live) return;
    target.used = true;
    cur.items.add(new Jump(cond, target, line));
  }

  void jump(Label target, int line) {
    if (!live) return;
    target.used = true;
    cur.items.add(new Jump(null, target, line));
    live = false;
  }

  void multiJump(Var selector, List<Label> targets, Label otherwise, int line) {
    if (!live) return;
    for (Label l : targets) l.used = true;
    otherwise.used = true;
    cur.items.add(new MultiJump(selector, List.copyOf(targets), otherwise, line));
    live = false;
  }

  /**
   * Places {@code label} before the code emitted next. A label no jump or handler names yet
   * leaves unreachable code unreachable: what jumps back to it (a loop's head) is reached only
   * through it.
   */
  void place(Label label) {
    cur.items.add(new Mark(label));
    live |= label.used;
  }

  /** A hole here, filled later by {@link #into}; detached when this point is unreachable. */
  Code hole() {
    Code c = new Code();
    if (live) cur.items.add(c);
    return c;
  }

  /** Where emission was before {@link #into}. */
  record Resume(Code code, boolean live) {}

  /** Emits into {@code code} until {@link #back}. */
  Resume into(Code code) {
    Resume saved = new Resume(cur, live);
    cur = code;
    live = true;
    return saved;
  }

  void back(Resume saved) {
    cur = saved.code;
    live = saved.live;
  }

  /** Lays the code out: labels get positions, jumps to the very next statement disappear. */
  IrMethod build(MethodInfo method, Var thisVar, List<Var> params) {
    List<Object> flat = new ArrayList<>();
    flatten(root, flat);
    flat = withoutJumpsToNext(flat);
    int n = 0;
    boolean endReached = live;
    for (Object o : flat) {
      if (o instanceof Mark m) m.label.pos = n;
      else n++;
    }
    for (Object o : flat) if (o instanceof Mark m && m.label.pos == n && m.label.used) endReached = true;
    List<Stmt> stmts = new ArrayList<>(n + 1);
    List<Integer> handlers = new ArrayList<>(n + 1);
    for (Object o : flat) {
      if (o instanceof Plain p) {
        stmts.add(p.stmt);
        handlers.add(p.handler == null ? -1 : p.handler.pos);
      } else if (o instanceof Jump j) {
        stmts.add(j.cond == null ? new Stmt.Goto(j.target.pos, j.line)
            : new Stmt.If(j.cond, j.target.pos, j.line));
        handlers.add(-1);
      } else if (o instanceof MultiJump s) {
        stmts.add(new Stmt.Switch(s.selector, s.targets.stream().map(l -> l.pos).toList(),
            s.otherwise.pos, s.line));
        handlers.add(-1);
      }
    }
    if (endReached || stmts.isEmpty()) {
      // Falling off the end of a void body (or of a lambda's expression) returns.
      stmts.add(new Stmt.Return(null, 0));
      handlers.add(-1);
    }
    return new IrMethod(method, thisVar, List.copyOf(params), List.copyOf(vars), List.copyOf(stmts),
        handlers.stream().mapToInt(Integer::intValue).toArray());
  }

  private static void flatten(Code code, List<Object> out) {
    for (Object o : code.items) {
      if (o instanceof Code c) flatten(c, out);
      else out.add(o);
    }
  }

  private static List<Object> withoutJumpsToNext(List<Object> flat) {
    List<Object> out = new ArrayList<>(flat.size());
    for (int i = 0; i < flat.size(); i++) {
      if (flat.get(i) instanceof Jump j && j.cond == null && marksBeforeNext(flat, i + 1, j.target)) {
        continue;
      }
      out.add(flat.get(i));
    }
    return out;
  }

  /** Whether {@code label} is among the marks from {@code from} up to the next statement. */
  private static boolean marksBeforeNext(List<Object> flat, int from, Label label) {
    for (int i = from; i < flat.size() && flat.get(i) instanceof Mark m; i++) {
      if (m.label == label) return true;
    }
    return false;
  }
}
