package dev.faultlock.locks;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import dev.faultlock.callgraph.CallResolver;
import dev.faultlock.callgraph.Dispatch;
import dev.faultlock.callgraph.FunctionBindings;
import dev.faultlock.callgraph.Functions;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.ir.CallSite;
import dev.faultlock.ir.LockOp;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import dev.faultlock.summary.LibrarySummaries;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extracts the lock and fault facts of one method body, flow-sensitively over the structured
 * control flow of the syntax tree: the locks held at each point are a may-set (branches merge by
 * union, {@code return} and {@code throw} end a path, {@code finally} runs on every path), the
 * lock classes covered by a {@code @SortedAcquire} a must-set (merged by intersection). Calls are
 * resolved here, once, against the program index; lambda bodies become methods of their own.
 */
public final class LockFactExtractor {
  /** What every extraction shares: the index, dispatch, lock names and lambda bindings. */
  public record Context(
      ProgramIndex index,
      Dispatch dispatch,
      LockNames names,
      FunctionBindings bindings,
      LibrarySummaries library) {}

  private final Context cx;
  private final MethodInfo method;
  private final TypeInfo owner;
  private final String file;
  private final List<LockEvent> events = new ArrayList<>();
  private final List<MethodFacts.Misuse> misuses = new ArrayList<>();
  private final List<MethodFacts> lambdaFacts = new ArrayList<>();
  private final Deque<List<State>> breakTargets = new ArrayDeque<>();
  private final Locals locals;
  private final CallResolver calls;
  private final LockNaming naming;
  private final CallEffects effects;
  private final Functions functions;
  private int unresolved;

  private LockFactExtractor(
      Context cx, MethodInfo method, Locals locals, Functions.Numbering numbering) {
    this.cx = cx;
    this.method = method;
    this.owner = method.owner();
    this.file = owner.file().shown();
    this.locals = locals;
    this.calls = new CallResolver(cx, method, locals);
    this.naming = new LockNaming(cx, method, locals, calls);
    this.effects = new CallEffects(cx, locals, naming);
    this.functions = new Functions(cx, method, locals, calls, naming, numbering,
        (lambda, captured, outer) -> lambdaFacts.addAll(
            new LockFactExtractor(cx, lambda, captured, outer.numbering()).run(new State())));
  }

  /** The facts of {@code method} followed by those of the lambdas written in it. */
  public static List<MethodFacts> extract(Context cx, MethodInfo method) {
    LockFactExtractor x = new LockFactExtractor(cx, method, new Locals(), new Functions.Numbering());
    x.declareParameters();
    return x.run(x.entryState());
  }

  private List<MethodFacts> run(State entry) {
    State s = entry;
    if (method.body() != null) s = statement((Statement) method.body(), s);
    else if (method.node() instanceof LambdaExpr l && l.getBody() instanceof ExpressionStmt e) {
      expression(e.getExpression(), s);
    }
    boolean guard = method.body() != null && OrderingGuards.present(method.body());
    List<MethodFacts> out = new ArrayList<>();
    out.add(new MethodFacts(method, List.copyOf(events), guard, List.copyOf(misuses), unresolved));
    out.addAll(lambdaFacts);
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // Entry: parameters, @Holding preconditions, synchronized methods, annotation checks.

  private void declareParameters() {
    if (method.node() instanceof CallableDeclaration<?> c) {
      for (int i = 0; i < c.getParameters().size(); i++) {
        Parameter p = c.getParameter(i);
        boolean userBuffer = method.parameterAnnotations().get(i).has(LockApi.USER_BUFFER);
        locals.declare(p.getNameAsString(), new Locals.Local(
            method.parameterTypes().get(i), i, null, userBuffer, calls.element(p.getType()), false));
      }
    } else {
      for (int i = 0; i < method.arity(); i++) {
        locals.declare(method.parameterNames().get(i),
            new Locals.Local(method.parameterTypes().get(i), i, null, false));
      }
    }
  }

  private State entryState() {
    State s = new State();
    EntryLocks entry = EntryLocks.of(cx, method);
    for (Held h : entry.held()) s.held.put(h.lock().identity(), h);
    misuses.addAll(entry.misuses());
    if (method.isSynchronized()) {
      LockRef ref = LockNaming.monitorOf(method, cx.names());
      acquire(s, ref, true, new Location(file, method.line(), 0),
          "acquires " + ref.describe() + ", synchronized method");
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------
  // Statements.

  private State statement(Statement st, State in) {
    if (in.dead) return in;
    final State s = in;
    if (st instanceof BlockStmt b) {
      locals.push();
      State cur = s;
      for (Statement x : b.getStatements()) cur = statement(x, cur);
      locals.pop();
      return cur;
    }
    if (st instanceof ExpressionStmt e) {
      expression(e.getExpression(), s);
      return s;
    }
    if (st instanceof IfStmt i) {
      expression(i.getCondition(), s);
      State then = statement(i.getThenStmt(), s.copy());
      State other = i.getElseStmt().isPresent() ? statement(i.getElseStmt().get(), s.copy()) : s;
      return then.merge(other);
    }
    if (st instanceof WhileStmt w) {
      expression(w.getCondition(), s);
      return loop(w.getBody(), s);
    }
    if (st instanceof DoStmt d) {
      State exit = loop(d.getBody(), s);
      expression(d.getCondition(), exit);
      return exit;
    }
    if (st instanceof ForStmt f) {
      locals.push();
      for (Expression e : f.getInitialization()) expression(e, s);
      f.getCompare().ifPresent(c -> expression(c, s));
      State body = s.copy();
      State exit = loop(f.getBody(), body);
      for (Expression e : f.getUpdate()) expression(e, exit);
      locals.pop();
      return exit;
    }
    if (st instanceof ForEachStmt f) {
      expression(f.getIterable(), s);
      locals.push();
      VariableDeclarator v = f.getVariable().getVariable(0);
      declareLocal(v.getNameAsString(), calls.type(v.getType()));
      State exit = loop(f.getBody(), s);
      locals.pop();
      return exit;
    }
    if (st instanceof SynchronizedStmt sy) {
      expression(sy.getExpression(), s);
      LockRef ref = naming.lockOf(sy.getExpression());
      Location at = at(sy);
      boolean wasHeld = s.held.containsKey(ref.identity()) && !ref.identity().equals(LockRef.UNKNOWN);
      acquire(s, ref, true, at, "acquires " + ref.describe());
      State out = statement(sy.getBody(), s);
      if (!wasHeld) out.release(ref);
      return out;
    }
    if (st instanceof TryStmt t) return tryStatement(t, s);
    if (st instanceof ReturnStmt r) {
      r.getExpression().ifPresent(e -> expression(e, s));
      return State.deadState();
    }
    if (st instanceof ThrowStmt t) {
      expression(t.getExpression(), s);
      return State.deadState();
    }
    if (st instanceof BreakStmt) {
      if (!breakTargets.isEmpty()) breakTargets.peek().add(s.copy());
      return State.deadState();
    }
    if (st instanceof ContinueStmt) return State.deadState();
    if (st instanceof YieldStmt y) {
      expression(y.getExpression(), s);
      if (!breakTargets.isEmpty()) breakTargets.peek().add(s.copy());
      return State.deadState();
    }
    if (st instanceof SwitchStmt sw) {
      expression(sw.getSelector(), s);
      return switchEntries(sw.getEntries(), s);
    }
    if (st instanceof LabeledStmt l) return statement(l.getStatement(), s);
    if (st instanceof ExplicitConstructorInvocationStmt c) {
      for (Expression a : c.getArguments()) expression(a, s);
      constructorCall(c, s);
      return s;
    }
    if (st instanceof LocalClassDeclarationStmt || st instanceof LocalRecordDeclarationStmt) {
      return s;
    }
    // assert, empty and the rest: evaluate what they contain.
    State cur = s;
    for (Node child : st.getChildNodes()) {
      if (child instanceof Expression e) expression(e, cur);
      else if (child instanceof Statement x) cur = statement(x, cur);
    }
    return cur;
  }

  private State loop(Statement body, State entry) {
    breakTargets.push(new ArrayList<>());
    State end = statement(body, entry.copy());
    List<State> breaks = breakTargets.pop();
    State exit = entry.merge(end);
    for (State b : breaks) exit = exit.merge(b);
    return exit;
  }

  private State switchEntries(List<SwitchEntry> entries, State s) {
    breakTargets.push(new ArrayList<>());
    locals.push();
    State result = State.deadState();
    State fallthrough = State.deadState();
    boolean hasDefault = false;
    for (SwitchEntry e : entries) {
      if (e.getLabels().isEmpty()) hasDefault = true;
      State in = s.copy().merge(fallthrough);
      for (Statement x : e.getStatements()) in = statement(x, in);
      if (e.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
        fallthrough = in;
      } else {
        result = result.merge(in);
      }
    }
    locals.pop();
    result = result.merge(fallthrough);
    for (State b : breakTargets.pop()) result = result.merge(b);
    return hasDefault ? result : result.merge(s);
  }

  private State tryStatement(TryStmt t, State s) {
    locals.push();
    for (Expression r : t.getResources()) expression(r, s);
    State entry = s.copy();
    State body = statement(t.getTryBlock(), s.copy());
    State abrupt = entry.merge(body.dead ? entry : body);
    State normal = body;
    for (CatchClause c : t.getCatchClauses()) {
      locals.push();
      declareLocal(c.getParameter().getNameAsString(), calls.type(c.getParameter().getType()));
      normal = normal.merge(statement(c.getBody(), abrupt.copy()));
      locals.pop();
    }
    locals.pop();
    if (t.getFinallyBlock().isEmpty()) return normal;
    // The finally block runs on every path; its effects (an unlock) apply to the normal exit.
    State fin = statement(t.getFinallyBlock().get(), normal.dead ? abrupt.copy() : normal.merge(abrupt));
    if (normal.dead) return State.deadState();
    return fin;
  }

  // ---------------------------------------------------------------------------------------
  // Expressions, in evaluation order.

  private void expression(Expression e, State s) {
    if (s.dead || e == null) return;
    if (e instanceof MethodCallExpr call) {
      call.getScope().ifPresent(x -> expression(x, s));
      for (Expression a : call.getArguments()) expression(a, s);
      methodCall(call, s);
    } else if (e instanceof ObjectCreationExpr o) {
      o.getScope().ifPresent(x -> expression(x, s));
      for (Expression a : o.getArguments()) expression(a, s);
      constructorCall(o, s);
    } else if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) {
      // Bound where it is passed or assigned; its body is a method of its own.
    } else if (e instanceof VariableDeclarationExpr v) {
      for (VariableDeclarator d : v.getVariables()) {
        d.getInitializer().ifPresent(init -> expression(init, s));
        String declared = calls.type(d.getType());
        LockRef alias = null;
        Expression init = d.getInitializer().orElse(null);
        if (init != null) {
          if (declared == null) declared = calls.typeOf(init);
          if (declared != null && cx.names().isLockType(declared) || naming.isLockAccessor(init)) {
            alias = naming.lockOf(init);
          }
          functions.bindFunction(init, declared);
        }
        locals.declare(d.getNameAsString(), new Locals.Local(declared, -1, alias, false,
            calls.element(d.getType()), init != null && calls.isJdkView(init)));
      }
    } else if (e instanceof AssignExpr a) {
      expression(a.getValue(), s);
      if (!(a.getTarget() instanceof NameExpr)) expression(a.getTarget(), s);
      if (a.getTarget() instanceof NameExpr n) {
        Locals.Local l = locals.get(n.getNameAsString());
        if (l != null && l.parameter() < 0) {
          LockRef alias = (l.type() != null && cx.names().isLockType(l.type()))
              || naming.isLockAccessor(a.getValue()) ? naming.lockOf(a.getValue()) : null;
          locals.replace(n.getNameAsString(), new Locals.Local(l.type(), -1, alias, false));
        }
        functions.bindFunction(a.getValue(), l != null ? l.type() : calls.fieldType(n.getNameAsString()));
      }
    } else if (e instanceof ConditionalExpr c) {
      expression(c.getCondition(), s);
      State then = s.copy();
      expression(c.getThenExpr(), then);
      State other = s.copy();
      expression(c.getElseExpr(), other);
      s.assign(then.merge(other));
    } else if (e instanceof BinaryExpr b
        && (b.getOperator() == BinaryExpr.Operator.AND || b.getOperator() == BinaryExpr.Operator.OR)) {
      expression(b.getLeft(), s);
      State right = s.copy();
      expression(b.getRight(), right);
      s.assign(s.merge(right));
    } else if (e instanceof SwitchExpr sw) {
      expression(sw.getSelector(), s);
      s.assign(switchEntries(sw.getEntries(), s.copy()));
    } else {
      for (Node child : e.getChildNodes()) {
        if (child instanceof Expression x) expression(x, s);
        else if (child instanceof Statement st) s.assign(statement(st, s.copy()));
      }
    }
  }

  private void methodCall(MethodCallExpr call, State s) {
    CallResolver.Resolved r = calls.resolve(call);
    String name = call.getNameAsString();
    Location at = at(call);
    Expression scope = call.getScope().orElse(null);
    // JDK lock APIs.
    if (scope != null && r.receiverType() != null) {
      List<LockOp> ops = effects.jdkLockOps(scope, r.receiverType(), name);
      if (ops != null) {
        apply(ops, at, s);
        return;
      }
    }
    List<Held> heldBefore = s.snapshot();
    Set<String> coveredBefore = Set.copyOf(s.covered);
    List<MethodInfo> targets = new Targets(r.targets());
    Map<MethodInfo, String[]> bound = functions.lambdaArguments(
        call.getArguments(), r, name, targets, functions.elementOf(scope));
    CallContext context = naming.context(scope, call.getArguments(), r).withBoundReceivers(bound);
    if (r.targets().isEmpty() && r.libraryType() == null && r.returnType() == null) unresolved++;
    String callee = r.display(name);
    events.add(new LockEvent.Call(at, callee, r.receiverType(), name, call.getArguments().size(),
        targets, r.libraryType(), context, heldBefore, coveredBefore));
    CallSite.FaultSite fault = effects.userBufferFault(scope, call.getArguments(), r, name, callee);
    if (fault != null) {
      events.add(new LockEvent.Fault(at, fault.domain(), callee, fault.what(), s.snapshot(),
          Set.copyOf(s.covered)));
    }
    apply(effects.annotatedOps(r.named(), context, callee), at, s);
  }

  private void constructorCall(Node node, State s) {
    CallResolver.Resolved r = calls.constructor(node);
    if (r == null) return;
    MethodInfo ctor = r.selected();
    List<Expression> args = node instanceof ObjectCreationExpr o ? o.getArguments()
        : ((ExplicitConstructorInvocationStmt) node).getArguments();
    List<MethodInfo> targets = new Targets(List.of(ctor));
    functions.lambdaArguments(args, r, "<init>", targets, null);
    Location at = at(node);
    CallContext context = naming.context(null, args);
    // `new T(..)` runs the constructor on an object the caller cannot name yet; `this(..)` and
    // `super(..)` run it on `this`.
    if (node instanceof ObjectCreationExpr) context = context.onNewObject();
    String callee = "new " + ctor.owner().name();
    events.add(new LockEvent.Call(at, callee, r.receiverType(), "<init>", args.size(), targets, null,
        context, s.snapshot(), Set.copyOf(s.covered)));
    apply(effects.annotatedOps(ctor, context, callee), at, s);
  }

  /** Applies what a call does to the caller's locks. */
  private void apply(List<LockOp> ops, Location at, State s) {
    for (LockOp op : ops) {
      if (op instanceof LockOp.Acquire a) {
        acquire(s, a.lock(), a.blocking(), at, a.what());
      } else if (op instanceof LockOp.Release rel) {
        s.release(rel.lock());
      } else if (op instanceof LockOp.SortedAcquire sorted) {
        s.covered.add(sorted.lockClass());
        LockRef all = new LockRef(sorted.lockClass(), "all " + sorted.lockClass() + " locks, sorted",
            "sorted:" + sorted.lockClass(), false);
        s.held.putIfAbsent(all.identity(), new Held(all, Witness.of(new TraceStep(at, sorted.what()))));
      }
    }
  }

  private void acquire(State s, LockRef ref, boolean blocking, Location at, String what) {
    if (ref.sameObjectAsAny(s.held.values())) return;
    Witness step = Witness.of(new TraceStep(at, what));
    events.add(new LockEvent.Acquire(at, ref, blocking, step, s.snapshot(), Set.copyOf(s.covered)));
    String key = ref.identity().equals(LockRef.UNKNOWN) ? "?" + at + ref.text() : ref.identity();
    s.held.put(key, new Held(ref, step));
  }

  // ---------------------------------------------------------------------------------------
  // Helpers.

  private void declareLocal(String name, String type) {
    locals.declare(name, new Locals.Local(type, -1, null, false));
  }

  private Location at(Node n) {
    return new Location(file, line(n), n.getBegin().map(p -> p.column).orElse(0));
  }

  private static int line(Node n) {
    return n.getBegin().map(p -> p.line).orElse(0);
  }

  /** Held locks (may) and covered lock classes (must) at one program point. */
  private static final class State {
    LinkedHashMap<String, Held> held = new LinkedHashMap<>();
    Set<String> covered = new HashSet<>();
    boolean dead;

    static State deadState() {
      State s = new State();
      s.dead = true;
      return s;
    }

    State copy() {
      State c = new State();
      c.held = new LinkedHashMap<>(held);
      c.covered = new HashSet<>(covered);
      c.dead = dead;
      return c;
    }

    /** The merge of two paths: held is the union, covered the intersection; a dead path adds nothing. */
    State merge(State o) {
      if (dead) return o.copy();
      if (o.dead) return copy();
      State m = copy();
      for (Map.Entry<String, Held> e : o.held.entrySet()) m.held.putIfAbsent(e.getKey(), e.getValue());
      m.covered.retainAll(o.covered);
      return m;
    }

    void assign(State o) {
      held = o.held;
      covered = o.covered;
      dead = o.dead;
    }

    void release(LockRef ref) {
      if (held.remove(ref.identity()) != null) return;
      // An unknown lock object: release the latest one named alike.
      String victim = null;
      for (Map.Entry<String, Held> e : held.entrySet()) {
        if (e.getValue().lock().text().equals(ref.text())) victim = e.getKey();
      }
      if (victim != null) held.remove(victim);
    }

    List<Held> snapshot() {
      return held.isEmpty() ? List.of() : List.copyOf(held.values());
    }
  }
}
