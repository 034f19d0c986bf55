package dev.faultlock.locks;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
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
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.faultlock.callgraph.Dispatch;
import dev.faultlock.callgraph.FunctionBindings;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.catalog.UserBufferCopies;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import dev.faultlock.summary.LibrarySummaries;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
  private final ProgramIndex index;
  private final MethodInfo method;
  private final TypeInfo owner;
  private final String file;
  private final List<LockEvent> events = new ArrayList<>();
  private final List<MethodFacts.Misuse> misuses = new ArrayList<>();
  private final List<MethodFacts> lambdaFacts = new ArrayList<>();
  private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
  private final Deque<List<State>> breakTargets = new ArrayDeque<>();
  private final Map<Expression, Resolved> resolvedCalls = new IdentityHashMap<>();
  private final int[] lambdaCounter;
  private int unresolved;

  /**
   * A local variable or parameter.
   *
   * @param jdkView it holds an iterator or view a JDK collection made ({@link #isJdkView})
   */
  private record Local(
      String type, int parameter, LockRef alias, boolean userBuffer, String element, boolean jdkView) {
    Local(String type, int parameter, LockRef alias, boolean userBuffer) {
      this(type, parameter, alias, userBuffer, null, false);
    }

    Local(String type, int parameter, LockRef alias, boolean userBuffer, String element) {
      this(type, parameter, alias, userBuffer, element, false);
    }
  }

  /** A resolved call: the program methods it may run and, for library methods, their type. */
  private record Resolved(
      String receiverType, MethodInfo selected, List<MethodInfo> targets, String libraryType,
      String returnType) {}

  private LockFactExtractor(Context cx, MethodInfo method, int[] lambdaCounter) {
    this.cx = cx;
    this.index = cx.index();
    this.method = method;
    this.owner = method.owner();
    this.file = owner.file().shown();
    this.lambdaCounter = lambdaCounter;
  }

  /** The facts of {@code method} followed by those of the lambdas written in it. */
  public static List<MethodFacts> extract(Context cx, MethodInfo method) {
    LockFactExtractor x = new LockFactExtractor(cx, method, new int[1]);
    x.scopes.push(new HashMap<>());
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
        scopes.peek().put(p.getNameAsString(),
            new Local(method.parameterTypes().get(i), i, null, userBuffer, element(p.getType())));
      }
    } else {
      for (int i = 0; i < method.arity(); i++) {
        scopes.peek().put(method.parameterNames().get(i),
            new Local(method.parameterTypes().get(i), i, null, false));
      }
    }
  }

  private State entryState() {
    State s = new State();
    Location at = new Location(file, method.line(), 0);
    for (String holding : holdingAnnotations()) {
      for (String expr : method.annotations().values(holding)) {
        LockRef ref = annotationLock(expr, holding);
        if (ref != null) {
          s.held.put(ref.identity(), new Held(ref, Witness.of(new TraceStep(at,
              "holds " + ref.describe() + " on entry (@" + simple(holding) + ")"))));
        }
      }
    }
    for (String a : List.of(LockApi.ACQUIRES, LockApi.TRY_ACQUIRES, LockApi.RELEASES,
        LockApi.EP_LOCK_METHOD, LockApi.EP_UNLOCK_METHOD, LockApi.CF_ENSURES_LOCK_HELD,
        LockApi.CF_ENSURES_LOCK_HELD_IF)) {
      for (String expr : method.annotations().values(a)) annotationLock(expr, a);
    }
    if (method.annotations().has(LockApi.SORTED_ACQUIRE)
        && method.annotations().value(LockApi.SORTED_ACQUIRE).isEmpty()) {
      misuse(method.annotations().line(LockApi.SORTED_ACQUIRE), "SortedAcquire",
          "names no lock class: say which class it acquires in sorted order, such as"
              + " @SortedAcquire(\"inode\")");
    }
    if (method.annotations().has(LockApi.LOCK_CLASS)
        && method.annotations().value(LockApi.LOCK_CLASS).isEmpty()) {
      misuse(method.annotations().line(LockApi.LOCK_CLASS), "LockClass", "names no lock class");
    }
    if (method.isSynchronized()) {
      LockRef ref = method.isStatic()
          ? new LockRef(cx.names().ofType(owner.fqn()), owner.name() + ".class",
              "class:" + owner.fqn(), false)
          : new LockRef(cx.names().ofType(owner.fqn()), "this", "this", false);
      acquire(s, ref, true, at, "acquires " + ref.describe() + " (synchronized method)");
    }
    return s;
  }

  private static List<String> holdingAnnotations() {
    return List.of(LockApi.HOLDING, LockApi.CF_HOLDING, LockApi.EP_GUARDED_BY);
  }

  private void misuse(int line, String annotation, String problem) {
    misuses.add(new MethodFacts.Misuse(new Location(file, line == 0 ? method.line() : line, 0),
        annotation, problem));
  }

  /**
   * The lock an annotation's lock expression names in this method: {@code this}, a parameter,
   * a field, {@code param.field}, {@code Type.class}. A name that resolves to nothing is an
   * {@code AnnotationMisuse}.
   */
  private LockRef annotationLock(String expr, String annotation) {
    LockRef ref = LockExpressions.resolve(expr, method, index, cx.names());
    if (ref == null) {
      misuse(method.annotations().line(annotation), simple(annotation),
          "lock expression `" + expr + "` names no parameter or field of `" + method.display()
              + "`");
    }
    return ref;
  }

  // ---------------------------------------------------------------------------------------
  // Statements.

  private State statement(Statement st, State in) {
    if (in.dead) return in;
    final State s = in;
    if (st instanceof BlockStmt b) {
      scopes.push(new HashMap<>());
      State cur = s;
      for (Statement x : b.getStatements()) cur = statement(x, cur);
      scopes.pop();
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
      scopes.push(new HashMap<>());
      for (Expression e : f.getInitialization()) expression(e, s);
      f.getCompare().ifPresent(c -> expression(c, s));
      State body = s.copy();
      State exit = loop(f.getBody(), body);
      for (Expression e : f.getUpdate()) expression(e, exit);
      scopes.pop();
      return exit;
    }
    if (st instanceof ForEachStmt f) {
      expression(f.getIterable(), s);
      scopes.push(new HashMap<>());
      VariableDeclarator v = f.getVariable().getVariable(0);
      declareLocal(v.getNameAsString(), type(v.getType()), null);
      State exit = loop(f.getBody(), s);
      scopes.pop();
      return exit;
    }
    if (st instanceof SynchronizedStmt sy) {
      expression(sy.getExpression(), s);
      LockRef ref = lockOf(sy.getExpression());
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
    scopes.push(new HashMap<>());
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
    scopes.pop();
    result = result.merge(fallthrough);
    for (State b : breakTargets.pop()) result = result.merge(b);
    return hasDefault ? result : result.merge(s);
  }

  private State tryStatement(TryStmt t, State s) {
    scopes.push(new HashMap<>());
    for (Expression r : t.getResources()) expression(r, s);
    State entry = s.copy();
    State body = statement(t.getTryBlock(), s.copy());
    State abrupt = entry.merge(body.dead ? entry : body);
    State normal = body;
    for (CatchClause c : t.getCatchClauses()) {
      scopes.push(new HashMap<>());
      declareLocal(c.getParameter().getNameAsString(), type(c.getParameter().getType()), null);
      normal = normal.merge(statement(c.getBody(), abrupt.copy()));
      scopes.pop();
    }
    scopes.pop();
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
        String declared = type(d.getType());
        LockRef alias = null;
        Expression init = d.getInitializer().orElse(null);
        if (init != null) {
          if (declared == null) declared = typeOf(init);
          if (declared != null && cx.names().isLockType(declared) || isLockAccessor(init)) {
            alias = lockOf(init);
          }
          bindFunction(init, declared);
        }
        scopes.peek().put(d.getNameAsString(), new Local(declared, -1, alias, false,
            element(d.getType()), init != null && isJdkView(init)));
      }
    } else if (e instanceof AssignExpr a) {
      expression(a.getValue(), s);
      if (!(a.getTarget() instanceof NameExpr)) expression(a.getTarget(), s);
      if (a.getTarget() instanceof NameExpr n) {
        Local l = local(n.getNameAsString());
        if (l != null && l.parameter < 0) {
          LockRef alias = (l.type != null && cx.names().isLockType(l.type)) || isLockAccessor(a.getValue())
              ? lockOf(a.getValue()) : null;
          replaceLocal(n.getNameAsString(), new Local(l.type, -1, alias, false));
        }
        bindFunction(a.getValue(), l != null ? l.type : fieldType(n.getNameAsString()));
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
    Resolved r = resolve(call);
    String name = call.getNameAsString();
    Location at = at(call);
    Expression scope = call.getScope().orElse(null);
    // JDK lock APIs.
    if (scope != null && r.receiverType != null && jdkLockCall(call, scope, r.receiverType, name, s, at)) {
      return;
    }
    List<Held> heldBefore = s.snapshot();
    Set<String> coveredBefore = Set.copyOf(s.covered);
    List<MethodInfo> targets = new Targets(r.targets);
    Map<MethodInfo, String[]> bound =
        lambdaArguments(call.getArguments(), r, name, targets, elementOf(scope));
    CallContext context = context(scope, call.getArguments(), r).withBoundReceivers(bound);
    if (r.targets.isEmpty() && r.libraryType == null && r.returnType == null) unresolved++;
    String callee = display(r, name);
    events.add(new LockEvent.Call(at, callee, r.receiverType, name, call.getArguments().size(),
        targets, r.libraryType, context, heldBefore, coveredBefore));
    if (!allFaultsDisabled(r.targets) && UserBufferCopies.isCopy(r.receiverType, name)) {
      userBufferFault(scope, call.getArguments(), callee, at, s);
    }
    annotatedEffects(r.selected != null ? r.selected : first(r.targets), context, callee, at, s);
  }

  private void constructorCall(Node node, State s) {
    List<Expression> args;
    String type;
    if (node instanceof ObjectCreationExpr o) {
      args = o.getArguments();
      type = typeOf(o);
      if (o.getAnonymousClassBody().isPresent()) return;
    } else {
      ExplicitConstructorInvocationStmt c = (ExplicitConstructorInvocationStmt) node;
      args = c.getArguments();
      type = c.isThis() ? owner.fqn() : superclass(owner);
    }
    TypeInfo t = index.type(type);
    if (t == null) return;
    MethodInfo ctor = index.findMethod(t, "<init>", args.size(), argTypes(args));
    if (ctor == null || ctor.owner() != t) return;
    List<MethodInfo> targets = new Targets(List.of(ctor));
    Resolved r = new Resolved(type, ctor, List.of(ctor), null, type);
    lambdaArguments(args, r, "<init>", targets, null);
    Location at = at(node);
    CallContext context = context(null, args);
    // `new T(..)` runs the constructor on an object the caller cannot name yet; `this(..)` and
    // `super(..)` run it on `this`.
    if (node instanceof ObjectCreationExpr) context = context.onNewObject();
    String callee = "new " + t.name();
    events.add(new LockEvent.Call(at, callee, type, "<init>", args.size(), targets, null, context,
        s.snapshot(), Set.copyOf(s.covered)));
    annotatedEffects(ctor, context, callee, at, s);
  }

  /**
   * {@code Lock.lock()}, {@code tryLock()}, {@code unlock()} and the {@code StampedLock} family:
   * acquisitions and releases of the receiver. True when the call was one.
   */
  private boolean jdkLockCall(
      MethodCallExpr call, Expression scope, String type, String name, State s, Location at) {
    boolean lock = cx.names().isA(type, LockApi.LOCK);
    boolean stamped = cx.names().isA(type, LockApi.STAMPED_LOCK);
    if (!lock && !stamped) return false;
    if (lock && LockApi.LOCK_BLOCKING.contains(name)) {
      LockRef ref = lockOf(scope);
      acquire(s, ref, true, at, "acquires " + ref.describe());
    } else if (lock && LockApi.LOCK_TRY.contains(name)) {
      LockRef ref = lockOf(scope);
      acquire(s, ref, false, at, "tries " + ref.describe());
    } else if (lock && LockApi.LOCK_RELEASE.contains(name)) {
      s.release(lockOf(scope));
    } else if (stamped && LockApi.STAMPED_BLOCKING_EXCLUSIVE.contains(name)) {
      LockRef ref = lockOf(scope);
      acquire(s, ref, true, at, "acquires " + ref.describe());
    } else if (stamped && LockApi.STAMPED_BLOCKING_SHARED.contains(name)) {
      LockRef ref = shared(lockOf(scope));
      acquire(s, ref, true, at, "acquires " + ref.describe());
    } else if (stamped && LockApi.STAMPED_TRY.contains(name)) {
      if (!name.equals("tryOptimisticRead") && !name.startsWith("tryConvertToOptimistic")) {
        LockRef ref = lockOf(scope);
        acquire(s, ref, false, at, "tries " + ref.describe());
      }
    } else if (stamped && LockApi.STAMPED_RELEASE.contains(name)) {
      s.release(lockOf(scope));
    } else {
      return false;
    }
    return true;
  }

  /** What {@code @Acquires}, {@code @Releases}, {@code @SortedAcquire} and friends on the callee do to the caller. */
  private void annotatedEffects(MethodInfo m, CallContext context, String callee, Location at, State s) {
    if (m == null) return;
    var a = m.annotations();
    for (LockRef mine :
        declaredLocks(m, context, LockApi.ACQUIRES, LockApi.EP_LOCK_METHOD, LockApi.CF_ENSURES_LOCK_HELD)) {
      acquire(s, mine, true, at, "acquires " + mine.describe() + " (calls `" + callee + "`)");
    }
    for (LockRef mine :
        declaredLocks(m, context, LockApi.TRY_ACQUIRES, LockApi.CF_ENSURES_LOCK_HELD_IF)) {
      acquire(s, mine, false, at, "tries " + mine.describe() + " (calls `" + callee + "`)");
    }
    for (LockRef mine : declaredLocks(m, context, LockApi.RELEASES, LockApi.EP_UNLOCK_METHOD)) {
      s.release(mine);
    }
    String sorted = a.value(LockApi.SORTED_ACQUIRE);
    if (sorted != null && !sorted.isEmpty()) {
      s.covered.add(sorted);
      LockRef all = new LockRef(sorted, "all " + sorted + " locks, sorted", "sorted:" + sorted, false);
      s.held.putIfAbsent(all.identity(), new Held(all, Witness.of(new TraceStep(at,
          "acquires " + all.lockClass() + " locks in sorted order (calls `" + callee + "`)"))));
    }
  }

  /** The locks named by {@code annotations} on {@code m}, as the caller at {@code context} sees them. */
  private List<LockRef> declaredLocks(MethodInfo m, CallContext context, String... annotations) {
    List<LockRef> out = new ArrayList<>();
    for (String ann : annotations) {
      for (String expr : m.annotations().values(ann)) {
        LockRef ref = LockExpressions.resolve(expr, m, index, cx.names());
        if (ref != null) out.add(ref.asSeenBy(context));
      }
    }
    return out;
  }

  private void acquire(State s, LockRef ref, boolean blocking, Location at, String what) {
    if (ref.sameObjectAsAny(s.held.values())) return;
    Witness step = Witness.of(new TraceStep(at, what));
    events.add(new LockEvent.Acquire(at, ref, blocking, step, s.snapshot(), Set.copyOf(s.covered)));
    String key = ref.identity().equals(LockRef.UNKNOWN) ? "?" + at + ref.text() : ref.identity();
    s.held.put(key, new Held(ref, step));
  }

  /** A callee that copies with faults disabled may be handed the user's buffer safely. */
  private static boolean allFaultsDisabled(List<MethodInfo> targets) {
    if (targets.isEmpty()) return false;
    for (MethodInfo t : targets) if (!t.annotations().has(LockApi.FAULTS_DISABLED)) return false;
    return true;
  }

  /** A call whose receiver or argument is a {@code @UserBuffer} parameter may fault. */
  private void userBufferFault(Expression scope, List<Expression> args, String callee, Location at, State s) {
    String buffer = null;
    if (scope instanceof NameExpr n && isUserBuffer(n.getNameAsString())) buffer = n.getNameAsString();
    for (Expression a : args) {
      if (buffer == null && a instanceof NameExpr n && isUserBuffer(n.getNameAsString())) {
        buffer = n.getNameAsString();
      }
    }
    if (buffer != null) {
      events.add(new LockEvent.Fault(at, "", callee, "`" + callee + "` touches @UserBuffer `" + buffer + "`",
          s.snapshot(), Set.copyOf(s.covered)));
    }
  }

  private boolean isUserBuffer(String name) {
    Local l = local(name);
    return l != null && l.userBuffer;
  }

  // ---------------------------------------------------------------------------------------
  // Lambdas and method references.

  /** Binds lambda and method-reference arguments, or calls them where a library runs them. */
  private String elementOf(Expression scope) {
    if (scope instanceof NameExpr n) {
      Local l = local(n.getNameAsString());
      return l == null ? null : l.element;
    }
    return null;
  }

  /**
   * Binds lambda and method-reference arguments to the program method's parameter types, or adds
   * them to {@code targets} where a library method runs them. Returns the receivers the method
   * references among those targets are bound to ({@code this::add} runs on {@code this}).
   */
  private Map<MethodInfo, String[]> lambdaArguments(
      List<Expression> args, Resolved r, String name, List<MethodInfo> targets, String element) {
    Map<MethodInfo, String[]> bound = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      Expression a = args.get(i);
      if (!(a instanceof LambdaExpr) && !(a instanceof MethodReferenceExpr)) continue;
      String paramType = null;
      if (r.selected != null && i < r.selected.arity()) paramType = r.selected.parameterTypes().get(i);
      else if (!r.targets.isEmpty() && i < r.targets.get(0).arity()) {
        paramType = r.targets.get(0).parameterTypes().get(i);
      }
      List<MethodInfo> functions = functions(a, element);
      if (!r.targets.isEmpty() && paramType != null) {
        for (MethodInfo f : functions) cx.bindings().bind(paramType, f);
      } else if (!runsOnAnotherThread(r, name)) {
        // A library method (forEach, computeIfAbsent, ...) runs the function while the caller
        // still holds its locks.
        targets.addAll(functions);
        String[] receiver = a instanceof MethodReferenceExpr ref ? boundReceiver(ref) : null;
        if (receiver != null) for (MethodInfo f : functions) bound.put(f, receiver);
      }
    }
    return bound;
  }

  /**
   * Whether a library call hands its functions to another thread and returns ({@code
   * executor.submit(task)}, {@code execute}, {@code schedule}, {@code CompletableFuture.runAsync},
   * {@code Timer.schedule}): they do not run under the caller's locks.
   */
  private boolean runsOnAnotherThread(Resolved r, String name) {
    if (r.libraryType == null || r.receiverType == null) return false;
    if (cx.names().isA(r.receiverType, "java.util.concurrent.Executor")) {
      return name.equals("execute") || name.equals("submit") || name.startsWith("schedule");
    }
    if (cx.names().isA(r.receiverType, "java.util.concurrent.CompletableFuture")) {
      return name.endsWith("Async");
    }
    return cx.names().isA(r.receiverType, "java.util.Timer") && name.startsWith("schedule");
  }

  /**
   * The object a method reference is bound to ({@code this::m}, {@code super::m}, {@code
   * field::m}), as {@code {identity, text}}, or {@code null} (a type's method, an unknown value).
   */
  private String[] boundReceiver(MethodReferenceExpr ref) {
    Expression scope = referenceScope(ref);
    if (scope instanceof SuperExpr) return new String[] {"this", "this"};
    if (scope instanceof TypeExpr) return null;
    if (scope instanceof NameExpr n && local(n.getNameAsString()) == null
        && field(n.getNameAsString()) == null) {
      return null;
    }
    String id = identity(scope);
    return id == null ? null : new String[] {id, scope.toString()};
  }

  private void bindFunction(Expression value, String type) {
    if (type == null) return;
    if (value instanceof LambdaExpr || value instanceof MethodReferenceExpr) {
      for (MethodInfo f : functions(value, null)) cx.bindings().bind(type, f);
    }
  }

  /**
   * A method reference's scope. The parser reads a bare name before {@code ::} as a type ({@code
   * other::add} could name a class {@code other}); a local or field of that name is the variable.
   */
  private Expression referenceScope(MethodReferenceExpr ref) {
    if (ref.getScope() instanceof TypeExpr t && t.getType() instanceof ClassOrInterfaceType c
        && c.getScope().isEmpty() && c.getTypeArguments().isEmpty()
        && (local(c.getNameAsString()) != null || field(c.getNameAsString()) != null)) {
      return new NameExpr(c.getNameAsString());
    }
    return ref.getScope();
  }

  private final Map<Expression, List<MethodInfo>> functionsOf = new IdentityHashMap<>();

  /**
   * The methods a lambda or method reference stands for; a lambda body is extracted now. {@code
   * element} types a single untyped lambda parameter (the element of the collection it is
   * applied to), when known.
   */
  private List<MethodInfo> functions(Expression e, String element) {
    List<MethodInfo> known = functionsOf.get(e);
    if (known != null) return known;
    List<MethodInfo> out = new ArrayList<>();
    if (e instanceof LambdaExpr l) {
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (Parameter p : l.getParameters()) {
        names.add(p.getNameAsString());
        String declared = type(p.getType());
        types.add(declared == null && l.getParameters().size() == 1 ? element : declared);
      }
      Node body = l.getBody() instanceof BlockStmt b ? b : null;
      MethodInfo lambda =
          MethodInfo.lambda(method, ++lambdaCounter[0], names, types, l, body, line(l));
      out.add(lambda);
      LockFactExtractor inner = new LockFactExtractor(cx, lambda, lambdaCounter);
      // A lambda sees the enclosing method's locals (effectively final captures), as the very
      // objects the enclosing method names: when it runs the lambda, they are its own.
      Map<String, Local> captured = new HashMap<>();
      for (var it = scopes.descendingIterator(); it.hasNext(); ) {
        for (Map.Entry<String, Local> c : it.next().entrySet()) {
          Local v = c.getValue();
          LockRef same = (v.alias != null ? v.alias : lockOf(new NameExpr(c.getKey()))).captured();
          captured.put(c.getKey(), new Local(v.type, -1, same, v.userBuffer));
        }
      }
      for (int i = 0; i < names.size(); i++) captured.put(names.get(i), new Local(types.get(i), i, null, false));
      inner.scopes.push(captured);
      lambdaFacts.addAll(inner.run(new State()));
    } else if (e instanceof MethodReferenceExpr m) {
      String name = m.getIdentifier();
      Expression scope = referenceScope(m);
      String type = scope instanceof TypeExpr t ? type(t.getType())
          : scope instanceof ThisExpr ? owner.fqn()
          : scope instanceof SuperExpr ? superclass(owner)
          : scope instanceof NameExpr n && local(n.getNameAsString()) == null
              && field(n.getNameAsString()) == null ? index.resolveName(n.getNameAsString(), owner)
          : typeOf(scope);
      TypeInfo t = index.type(type);
      if (t != null) {
        for (MethodInfo c : t.methods()) {
          if (c.name().equals(name.equals("new") ? "<init>" : name)) out.add(c);
        }
        if (out.isEmpty()) {
          for (String a : t.ancestors()) {
            TypeInfo p = index.type(a);
            if (p == null) continue;
            for (MethodInfo c : p.methods()) if (c.name().equals(name)) out.add(c);
            if (!out.isEmpty()) break;
          }
        }
      }
    }
    functionsOf.put(e, out);
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // Call resolution and expression types (our own, fast; the symbol solver only for library
  // types, through the index).

  private Resolved resolve(MethodCallExpr call) {
    Resolved r = resolvedCalls.get(call);
    if (r == null) {
      r = doResolve(call);
      resolvedCalls.put(call, r);
    }
    return r;
  }

  private static final Resolved UNRESOLVED = new Resolved(null, null, List.of(), null, null);

  private Resolved doResolve(MethodCallExpr call) {
    String name = call.getNameAsString();
    int argc = call.getArguments().size();
    Expression scope = call.getScope().orElse(null);
    if (scope == null) {
      for (TypeInfo t = owner; t != null; t = t.outer()) {
        Resolved r = inType(t.fqn(), name, argc, call, true);
        if (r != null) return r;
      }
      String staticOwner = owner.file().staticImportOwner(name);
      if (staticOwner != null) {
        Resolved r = inType(index.resolveName(staticOwner, owner), name, argc, call, false);
        if (r != null) return r;
      }
      for (String w : owner.file().staticWildcards()) {
        String t = index.resolveName(w, owner);
        if (index.type(t) != null) {
          Resolved r = inType(t, name, argc, call, false);
          if (r != null && r.selected != null) return r;
        }
      }
      return UNRESOLVED;
    }
    if (scope instanceof SuperExpr sup) {
      String type = sup.getTypeName().isPresent()
          ? index.resolveName(sup.getTypeName().get().asString(), owner) : superclass(owner);
      Resolved r = inType(type, name, argc, call, false);
      return r == null ? UNRESOLVED : r;
    }
    String type = typeOfScope(scope);
    if (type == null) return UNRESOLVED;
    Resolved r = inType(type, name, argc, call, true);
    if (r == null) return UNRESOLVED;
    if (type.equals("java.lang.Object") && r.selected == null && !(scope instanceof ThisExpr)) {
      List<MethodInfo> own = cx.dispatch().objectMethod(method, name, argc);
      if (!own.isEmpty()) return new Resolved(type, null, own, r.libraryType, r.returnType);
    }
    if (r.libraryType != null && r.selected == null && isJdkView(scope)) {
      // The JDK's own iterator or view: none of the program's implementations runs.
      return new Resolved(r.receiverType, null, List.of(), r.libraryType, r.returnType);
    }
    if (isOwnField(scope)) {
      List<MethodInfo> targets = cx.dispatch().delegated(r.targets, type, method, name, argc);
      if (targets != r.targets) {
        return new Resolved(r.receiverType, r.selected, targets, r.libraryType, r.returnType);
      }
    }
    return r;
  }

  /** Whether {@code e} reads a field of this object or an enclosing one ({@code inner}, {@code this.inner}). */
  private boolean isOwnField(Expression e) {
    if (e instanceof NameExpr n) return local(n.getNameAsString()) == null && field(n.getNameAsString()) != null;
    return e instanceof FieldAccessExpr fa && fa.getScope() instanceof ThisExpr
        && field(fa.getNameAsString()) != null;
  }

  /**
   * Whether {@code e} is a view or iterator made by a JDK collection ({@code map.entrySet()},
   * {@code list.iterator()}, a local holding one): the result of a {@code java.util} method
   * that runs no program code, of a {@code java.util} type.
   */
  private boolean isJdkView(Expression e) {
    while (e instanceof EnclosedExpr en) e = en.getInner();
    if (e instanceof NameExpr n) {
      Local l = local(n.getNameAsString());
      return l != null && l.jdkView;
    }
    if (!(e instanceof MethodCallExpr call) || call.getScope().isEmpty()) return false;
    Resolved r = resolve(call);
    return r.libraryType != null && r.selected == null && r.targets.isEmpty()
        && r.libraryType.startsWith("java.util.") && r.returnType != null
        && r.returnType.startsWith("java.util.");
  }

  /** Resolves a call of {@code name} on a receiver of static type {@code type}, or {@code null}. */
  private Resolved inType(String type, String name, int argc, MethodCallExpr call, boolean virtual) {
    if (type == null) return null;
    TypeInfo t = index.type(type);
    if (t != null) {
      MethodInfo selected = index.findMethod(t, name, argc, argTypes(call.getArguments()));
      if (selected != null) {
        List<MethodInfo> targets = cx.dispatch().targets(type, selected, name, argc, virtual);
        return new Resolved(type, selected, targets, null, selected.returnType());
      }
      if (argc == 0 && t.isRecord()) {
        FieldInfo component = t.fields().get(name);
        if (component != null) return new Resolved(type, null, List.of(), null, component.type());
      }
      for (String a : t.ancestors()) {
        if (index.type(a) != null) continue;
        String ret = index.library().returnType(a, name, argc);
        if (ret != null) {
          List<MethodInfo> targets = cx.dispatch().targets(type, null, name, argc, virtual);
          return new Resolved(type, null, targets, a, ret);
        }
      }
      return null;
    }
    if (type.endsWith("[]")) {
      // Arrays: clone() and the methods of Object.
      return new Resolved(type, null, List.of(), null, name.equals("clone") ? type : null);
    }
    String ret = index.library().returnType(type, name, argc);
    // A library type known from its module's summary resolves even without its jar.
    if (ret == null && !index.library().exists(type) && !cx.library().knows(type)) return null;
    List<MethodInfo> targets = virtual ? cx.dispatch().targets(type, null, name, argc, true) : List.of();
    return new Resolved(type, null, targets, type, ret);
  }

  private List<String> argTypes(List<Expression> args) {
    List<String> out = new ArrayList<>(args.size());
    for (Expression a : args) out.add(a instanceof LambdaExpr || a instanceof MethodReferenceExpr ? null : typeOf(a));
    return out;
  }

  /** The type a call's scope denotes: a value's static type, or a type for a static call. */
  private String typeOfScope(Expression scope) {
    if (scope instanceof NameExpr n) {
      String name = n.getNameAsString();
      Local l = local(name);
      if (l != null) return l.type;
      String f = fieldType(name);
      if (f != null) return f;
      return index.resolveName(name, owner);
    }
    if (scope instanceof FieldAccessExpr fa) {
      String t = typeOf(fa);
      if (t != null) return t;
      return index.resolveName(fa.toString(), owner);
    }
    if (scope instanceof TypeExpr te) return type(te.getType());
    return typeOf(scope);
  }

  /** The static type of an expression, erased and fully qualified, or {@code null}. */
  private String typeOf(Expression e) {
    if (e instanceof NameExpr n) {
      Local l = local(n.getNameAsString());
      return l != null ? l.type : fieldType(n.getNameAsString());
    }
    if (e instanceof ThisExpr t) {
      return t.getTypeName().isPresent() ? index.resolveName(t.getTypeName().get().asString(), owner)
          : owner.fqn();
    }
    if (e instanceof FieldAccessExpr fa) {
      String scopeType = fa.getScope() instanceof NameExpr n && local(n.getNameAsString()) == null
          && fieldType(n.getNameAsString()) == null
          ? index.resolveName(n.getNameAsString(), owner) : typeOf(fa.getScope());
      if (scopeType == null) return null;
      if (fa.getNameAsString().equals("length") && scopeType.endsWith("[]")) return "int";
      TypeInfo t = index.type(scopeType);
      if (t == null) return index.library().fieldType(scopeType, fa.getNameAsString());
      FieldInfo f = index.field(t, fa.getNameAsString());
      return f == null ? null : f.type();
    }
    if (e instanceof MethodCallExpr call) return resolve(call).returnType;
    if (e instanceof ObjectCreationExpr o) {
      if (o.getAnonymousClassBody().isPresent()) {
        for (TypeInfo t : index.subtypes(type(o.getType()))) {
          if (t.node() == o) return t.fqn();
        }
      }
      return type(o.getType());
    }
    if (e instanceof CastExpr c) return type(c.getType());
    if (e instanceof EnclosedExpr en) return typeOf(en.getInner());
    if (e instanceof ConditionalExpr c) {
      String t = typeOf(c.getThenExpr());
      return t != null ? t : typeOf(c.getElseExpr());
    }
    if (e instanceof ArrayAccessExpr a) {
      String t = typeOf(a.getName());
      return t != null && t.endsWith("[]") ? t.substring(0, t.length() - 2) : null;
    }
    if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) return "java.lang.String";
    if (e instanceof IntegerLiteralExpr) return "int";
    if (e instanceof LongLiteralExpr) return "long";
    if (e instanceof BooleanLiteralExpr) return "boolean";
    if (e instanceof CharLiteralExpr) return "char";
    if (e instanceof DoubleLiteralExpr d) {
      return d.getValue().endsWith("f") || d.getValue().endsWith("F") ? "float" : "double";
    }
    if (e instanceof AssignExpr a) return typeOf(a.getTarget());
    if (e instanceof ClassExpr) return "java.lang.Class";
    return null;
  }

  private String fieldType(String name) {
    FieldInfo f = field(name);
    return f == null ? null : f.type();
  }

  /** A field visible by simple name: in the owner, its supertypes, or an enclosing type. */
  private FieldInfo field(String name) {
    TypeInfo holder = fieldHolder(name);
    return holder == null ? null : index.field(holder, name);
  }

  /** The innermost type, this one or an enclosing one, in which {@code name} is a field. */
  private TypeInfo fieldHolder(String name) {
    for (TypeInfo t = owner; t != null; t = t.outer()) {
      if (index.field(t, name) != null) return t;
    }
    return null;
  }

  private String type(Type t) {
    return index.resolveType(t, owner, method.typeParameters());
  }

  private String superclass(TypeInfo t) {
    if (!t.isInterface() && !t.supertypes().isEmpty()) {
      String first = t.supertypes().get(0);
      TypeInfo p = index.type(first);
      if (p == null || !p.isInterface()) return first;
    }
    return "java.lang.Object";
  }

  // ---------------------------------------------------------------------------------------
  // Locks named by expressions.

  /** The lock an expression evaluates to ({@code synchronized (e)}, {@code e.lock()}). */
  private LockRef lockOf(Expression e) {
    if (e instanceof EnclosedExpr en) return lockOf(en.getInner());
    if (e instanceof CastExpr c) return lockOf(c.getExpression());
    if (e instanceof ThisExpr t) {
      String type = typeOf(t);
      return new LockRef(cx.names().ofType(type), e.toString(), thisIdentity(t), false);
    }
    if (e instanceof NameExpr n) {
      String name = n.getNameAsString();
      Local l = local(name);
      if (l != null) {
        if (l.alias != null) return l.alias;
        if (l.parameter >= 0) {
          return new LockRef(cx.names().ofParameter(method, l.parameter), name, "p" + l.parameter, false);
        }
        return new LockRef(cx.names().ofType(l.type), name, "local:" + name, false);
      }
      FieldInfo f = field(name);
      if (f != null) return fieldLock(f, name, f.isStatic() ? null : outer(fieldHolder(name).fqn()));
    }
    if (e instanceof FieldAccessExpr fa) {
      String scopeType = typeOfScope(fa.getScope());
      TypeInfo t = index.type(scopeType);
      FieldInfo f = t == null ? null : index.field(t, fa.getNameAsString());
      if (f != null) return fieldLock(f, e.toString(), f.isStatic() ? null : identity(fa.getScope()));
    }
    if (e instanceof ClassExpr c) {
      String type = type(c.getType());
      return new LockRef(cx.names().ofType(type), e.toString(), "class:" + type, false);
    }
    if (e instanceof MethodCallExpr call) {
      LockRef accessor = accessorLock(call);
      if (accessor != null) return accessor;
      String id = callIdentity(call);
      if (id != null) return new LockRef(cx.names().ofType(typeOf(e)), e.toString(), id, false);
    }
    String type = typeOf(e);
    return new LockRef(cx.names().ofType(type), e.toString(), LockRef.UNKNOWN, false);
  }

  private LockRef fieldLock(FieldInfo f, String text, String scopeIdentity) {
    String id = f.isStatic() ? "static:" + f.owner().fqn() + '.' + f.name()
        : scopeIdentity == null ? LockRef.UNKNOWN : scopeIdentity + '.' + f.name();
    return new LockRef(cx.names().ofField(f), text, id, false);
  }

  /**
   * {@code rw.readLock()}, {@code rw.writeLock()} and program accessors that return a lock
   * ({@code file.readLock()} returning {@code lock.readLock()}): the underlying lock, in the
   * accessor's mode.
   */
  private LockRef accessorLock(MethodCallExpr call) {
    String name = call.getNameAsString();
    Expression scope = call.getScope().orElse(null);
    if (scope != null && call.getArguments().isEmpty()
        && (name.equals(LockApi.RW_READ) || name.equals(LockApi.RW_WRITE))
        && cx.names().isA(typeOfScope(scope), LockApi.READ_WRITE_LOCK)) {
      LockRef base = lockOf(scope);
      return new LockRef(base.lockClass(), call.toString(), base.identity(), name.equals(LockApi.RW_READ));
    }
    Resolved r = resolve(call);
    MethodInfo m = r.selected;
    if (m == null || m.isAbstract()) {
      if (m != null && LockNames.ofReturn(m) != null) {
        String id = scope == null ? "this" : identity(scope);
        return new LockRef(LockNames.ofReturn(m), call.toString(),
            id == null ? LockRef.UNKNOWN : id + '.' + name + "()", false);
      }
      return null;
    }
    LockRef inside = LockExpressions.returned(m, index, cx.names());
    if (inside == null) return null;
    String declared = LockNames.ofReturn(m);
    LockRef mapped = inside.asSeenBy(context(scope, call.getArguments()));
    return new LockRef(declared != null ? declared : mapped.lockClass(), call.toString(),
        mapped.identity(), mapped.shared());
  }

  /**
   * The identity of a lock a call returns when the same call can be recognised again: an
   * instance method's result for the same receiver and the same arguments, each an unmodified
   * variable or a literal ({@code getLock(ledgerId)} twice in a method, or in a callee given the
   * same {@code ledgerId}), or a {@code getX()} of the same receiver. Such lookups (striped locks,
   * a lock per key, an owner's lock) return the same object for the same key, so re-taking one
   * is reentrant. {@code null} for anything else (an unknown lock).
   */
  private String callIdentity(MethodCallExpr call) {
    String name = call.getNameAsString();
    if (call.getArguments().isEmpty() && !(name.startsWith("get") && name.length() > 3)) return null;
    Resolved r = resolve(call);
    if (r.selected != null && r.selected.isStatic()) return null;
    Expression scope = call.getScope().orElse(null);
    String receiver = scope == null ? context(null, List.of(), r).receiverIdentity()
        : scope instanceof SuperExpr ? "this" : identity(scope);
    if (receiver == null || receiver.contains(":") && !receiver.startsWith("local:")
        && !receiver.startsWith("outer:")) {
      // Static fields and class literals are not mapped between methods: no arguments after them.
      return call.getArguments().isEmpty() && receiver != null ? receiver + '.' + name + "()" : null;
    }
    StringBuilder id = new StringBuilder(receiver).append('.').append(name).append('(');
    for (int i = 0; i < call.getArguments().size(); i++) {
      String arg = stableArgument(call.getArgument(i));
      if (arg == null) return null;
      id.append(i == 0 ? "" : ",").append(arg);
    }
    return id.append(')').toString();
  }

  /** An argument that names the same value wherever it is read in this method, as an identity. */
  private String stableArgument(Expression a) {
    while (a instanceof EnclosedExpr en) a = en.getInner();
    if (a instanceof IntegerLiteralExpr || a instanceof LongLiteralExpr || a instanceof CharLiteralExpr
        || a instanceof BooleanLiteralExpr || a instanceof StringLiteralExpr) {
      String v = a.toString();
      return v.matches("[\\w'\"-]+") ? Identities.LITERAL + v : null;
    }
    if (a instanceof ThisExpr t) return thisIdentity(t);
    if (a instanceof NameExpr n && local(n.getNameAsString()) != null
        && !modified().contains(n.getNameAsString())) {
      return identity(n);
    }
    return null;
  }

  private static final Set<UnaryExpr.Operator> INCREMENTS =
      Set.of(UnaryExpr.Operator.PREFIX_INCREMENT, UnaryExpr.Operator.PREFIX_DECREMENT,
          UnaryExpr.Operator.POSTFIX_INCREMENT, UnaryExpr.Operator.POSTFIX_DECREMENT);

  private Set<String> modified;

  /** Names this method assigns to or increments anywhere (not effectively final). */
  private Set<String> modified() {
    if (modified == null) {
      modified = new HashSet<>();
      Node code = method.node() != null ? method.node() : method.body();
      if (code != null) {
        for (AssignExpr a : code.findAll(AssignExpr.class)) {
          if (a.getTarget() instanceof NameExpr n) modified.add(n.getNameAsString());
        }
        for (UnaryExpr u : code.findAll(UnaryExpr.class)) {
          if (u.getExpression() instanceof NameExpr n && INCREMENTS.contains(u.getOperator())) {
            modified.add(n.getNameAsString());
          }
        }
      }
    }
    return modified;
  }

  private boolean isLockAccessor(Expression e) {
    return e instanceof MethodCallExpr call && accessorLock(call) != null;
  }

  /** The identity of a plain lock path ({@code this}, a parameter, {@code a.b}), or {@code null}. */
  private String identity(Expression e) {
    if (e instanceof ThisExpr t) return thisIdentity(t);
    // `super.m()` runs on this very object.
    if (e instanceof SuperExpr) return "this";
    if (e instanceof EnclosedExpr en) return identity(en.getInner());
    if (e instanceof NameExpr n) {
      Local l = local(n.getNameAsString());
      if (l != null) {
        if (l.alias != null) return l.alias.identity();
        return l.parameter >= 0 ? "p" + l.parameter : "local:" + n.getNameAsString();
      }
      String name = n.getNameAsString();
      FieldInfo f = field(name);
      if (f == null) return null;
      if (f.isStatic()) return "static:" + f.owner().fqn() + '.' + f.name();
      // A field of an enclosing class, read by its simple name in an inner class, is the
      // enclosing instance's (a sublist's `lock` is its list's `lock`).
      return outer(fieldHolder(name).fqn()) + '.' + f.name();
    }
    if (e instanceof FieldAccessExpr fa) {
      String scopeType = typeOfScope(fa.getScope());
      TypeInfo t = index.type(scopeType);
      FieldInfo f = t == null ? null : index.field(t, fa.getNameAsString());
      if (f != null && f.isStatic()) return "static:" + f.owner().fqn() + '.' + f.name();
      String base = identity(fa.getScope());
      return base == null ? null : base + '.' + fa.getNameAsString();
    }
    if (e instanceof MethodCallExpr call && call.getArguments().isEmpty()) {
      LockRef accessor = accessorLock(call);
      if (accessor != null && !accessor.identity().equals(LockRef.UNKNOWN)) return accessor.identity();
      String base = call.getScope().map(this::identity).orElse("this");
      return base == null ? null : base + '.' + call.getNameAsString() + "()";
    }
    return null;
  }

  /**
   * {@code this} or {@code Outer.this}: {@code Outer.this} written in {@code Outer} itself (or in
   * a lambda there) is {@code this}; in an inner class it is the enclosing instance.
   */
  private String thisIdentity(ThisExpr t) {
    if (t.getTypeName().isEmpty()) return "this";
    String type = typeOf(t);
    return type == null ? "outer:?" + t.getTypeName().get() : outer(type);
  }

  /** The identity of the enclosing instance of type {@code type} (no dots: see {@link Identities}). */
  private String outer(String type) {
    return type.equals(owner.fqn()) ? "this" : "outer:" + type.replace('.', '/');
  }

  private CallContext context(Expression scope, List<Expression> args) {
    return context(scope, args, null);
  }

  /**
   * The receiver and arguments of a call. An unqualified call of an instance method that {@code
   * r} found in an enclosing class runs on the enclosing instance, not on {@code this}.
   */
  private CallContext context(Expression scope, List<Expression> args, Resolved r) {
    String recvId;
    String recvText;
    if (scope == null && r != null && r.selected != null && !r.selected.isStatic()
        && r.receiverType != null && !r.receiverType.equals(owner.fqn())) {
      recvId = outer(r.receiverType);
      recvText = LockNames.simple(r.receiverType) + ".this";
    } else if (scope instanceof SuperExpr) {
      recvId = "this";
      recvText = "this";
    } else {
      recvId = scope == null ? "this" : identity(scope);
      recvText = scope == null ? "this" : recvId == null ? null : scope.toString();
    }
    List<String> ids = new ArrayList<>(args.size());
    List<String> texts = new ArrayList<>(args.size());
    for (Expression a : args) {
      String id = identity(a);
      ids.add(id);
      // Text is only read where the identity maps a callee's lock to this argument.
      texts.add(id == null ? null : a.toString());
    }
    return new CallContext(recvId, recvText, ids, texts);
  }

  // ---------------------------------------------------------------------------------------
  // Helpers.

  private Local local(String name) {
    for (Map<String, Local> scope : scopes) {
      Local l = scope.get(name);
      if (l != null) return l;
    }
    return null;
  }

  /** The one type argument of a declared type ({@code List<Memory>}: {@code Memory}), or {@code null}. */
  private String element(Type t) {
    if (t instanceof ClassOrInterfaceType c && c.getTypeArguments().isPresent()
        && c.getTypeArguments().get().size() == 1) {
      return type(c.getTypeArguments().get().get(0));
    }
    return null;
  }

  private void declareLocal(String name, String type, LockRef alias) {
    scopes.peek().put(name, new Local(type, -1, alias, false));
  }

  private void replaceLocal(String name, Local l) {
    for (Map<String, Local> scope : scopes) {
      if (scope.containsKey(name)) {
        scope.put(name, l);
        return;
      }
    }
  }

  private static LockRef shared(LockRef r) {
    return new LockRef(r.lockClass(), r.text(), r.identity(), true);
  }

  private String display(Resolved r, String name) {
    MethodInfo m = r.selected != null ? r.selected : first(r.targets);
    if (m != null) return m.display();
    if (r.receiverType != null) return LockNames.simple(r.receiverType) + '.' + name;
    return name;
  }

  private static MethodInfo first(List<MethodInfo> list) {
    return list.isEmpty() ? null : list.get(0);
  }

  private Location at(Node n) {
    return new Location(file, line(n), n.getBegin().map(p -> p.column).orElse(0));
  }

  private static int line(Node n) {
    return n.getBegin().map(p -> p.line).orElse(0);
  }

  static String simple(String fqn) {
    return fqn.substring(fqn.lastIndexOf('.') + 1);
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
