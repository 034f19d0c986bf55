package dev.faultlock.ir;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
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
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.faultlock.callgraph.CallResolver;
import dev.faultlock.callgraph.Functions;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.ir.IrBuilder.Label;
import dev.faultlock.locks.CallEffects;
import dev.faultlock.locks.LockNaming;
import dev.faultlock.locks.LockRef;
import dev.faultlock.locks.Locals;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers the statements of one method, constructor or lambda body into its {@link IrMethod}:
 * every jump explicit, and the code that runs on the way out of a block — a {@code finally}
 * block, a monitor exit, a resource's {@code close()} — copied onto each way out (normal, {@code
 * break}, {@code continue}, {@code return}, {@code yield}) and onto a catch-all handler that runs
 * it and rethrows, as javac compiles them. Expressions are {@link ExpressionLowering}'s.
 *
 * <p>Names are resolved against {@link Locals} kept exactly as the old structured walk kept them
 * (the same scopes, declarations and lock aliases, in source order), so calls and locks get the
 * names they always had; the IR's own variables live beside them.
 *
 * <p>One piece, past the usual size, because the statement walk and the stack of what encloses
 * it ({@link Frame}) are one state: every jump, {@code return} and handler reads the stack, and
 * {@code try}, {@code synchronized}, loops and switches push onto it and lower their exits from
 * it.
 */
final class MethodLowering {
  final LoweringContext cx;
  final MethodInfo method;
  final TypeInfo owner;
  final Locals locals;
  final CallResolver calls;
  final LockNaming naming;
  final CallEffects effects;
  final Functions functions;
  final IrBuilder b = new IrBuilder();
  private final CheckedExceptions exceptions;
  final Var thisVar;
  private final Lowering.Job job;
  private final ExpressionLowering ex;
  private final Deque<Map<String, Var>> names = new ArrayDeque<>();
  private List<Frame> frames = new ArrayList<>();
  private final List<Var> params = new ArrayList<>();

  /** What encloses the code being lowered, innermost last: jump targets and code to run on exit. */
  private sealed interface Frame {}

  /**
   * A {@code break}/{@code continue} target: a loop (both labels), a switch (no {@code
   * continueTo}), a labelled statement; {@code yieldTo} is a switch expression's result.
   */
  private record Target(String label, Label breakTo, Label continueTo, boolean breakable, Var yieldTo)
      implements Frame {}

  /**
   * A {@code try} body with {@code catch} clauses: its exceptions go to {@code handler}, but when
   * every clause catches checked exceptions only, only those of statements that may throw one.
   */
  private record Catches(Label handler, boolean checkedOnly) implements Frame {}

  /** A region whose exit runs {@link #exit}; its exceptions go to {@code handler}, which does too. */
  private abstract static sealed class Cleanup implements Frame permits Finally, Monitor, Resource {
    final Label handler = new Label();
  }

  /** A {@code try} with {@code finally}: each way out gets a hole its copy is lowered into. */
  private static final class Finally extends Cleanup {
    final BlockStmt block;
    final List<IrBuilder.Code> holes = new ArrayList<>();
    final List<List<Frame>> outside = new ArrayList<>();

    Finally(BlockStmt block) {
      this.block = block;
    }
  }

  /** A {@code synchronized} block or method. */
  private static final class Monitor extends Cleanup {
    final Var lock;
    final LockRef ref;

    Monitor(Var lock, LockRef ref) {
      this.lock = lock;
      this.ref = ref;
    }
  }

  /** A try-with-resources resource, closed on the way out. */
  private static final class Resource extends Cleanup {
    final Expression named;
    final Var value;
    final Expression made;
    final int line;

    /** {@code made}: the declared resource's initializer, or {@code null} for a named one. */
    Resource(Expression named, Var value, Expression made, int line) {
      this.named = named;
      this.value = value;
      this.made = made;
      this.line = line;
    }
  }

  MethodLowering(Lowering.Job job, MethodInfo method, Locals locals, Functions.Numbering numbering) {
    this.job = job;
    this.cx = job.cx();
    this.method = method;
    this.owner = method.owner();
    this.locals = locals;
    this.calls = new CallResolver(cx, method, locals);
    this.exceptions = new CheckedExceptions(cx.index());
    this.naming = new LockNaming(cx, method, locals, calls);
    this.effects = new CallEffects(cx, locals, naming);
    this.functions = new Functions(cx, method, locals, calls, naming, numbering,
        (lambda, captured, outer) -> job.lambda(lambda, captured, outer.numbering()));
    this.ex = new ExpressionLowering(this);
    names.push(new HashMap<>());
    thisVar = method.isStatic() ? null : b.var("this", owner.fqn());
  }

  /** Lowers the method: parameters, the monitor of a synchronized method, the body. */
  IrMethod lower() {
    declareParameters();
    Monitor monitor = null;
    int line = method.line();
    if (method.isSynchronized()) {
      Var lock = thisVar;
      if (lock == null) {
        lock = b.temp("java.lang.Class");
        b.emit(new Stmt.Literal(lock, owner.name() + ".class", line), null);
      }
      monitor = new Monitor(lock, LockNaming.monitorOf(method, cx.names()));
      b.emit(new Stmt.MonitorEnter(lock, monitor.ref, line), null);
      frames.add(monitor);
    }
    if (method.isConstructor() && method.body() instanceof BlockStmt body) {
      push();
      int from = constructorPrologue(body);
      for (int i = from; i < body.getStatements().size(); i++) statement(body.getStatement(i));
      pop();
    } else if (method.body() != null) {
      statement((Statement) method.body());
    } else if (method.node() instanceof LambdaExpr l && l.getBody() instanceof ExpressionStmt e) {
      // A call that returns nothing (or nothing known) is the whole body of a void lambda.
      Expression body = e.getExpression();
      boolean noValue = body instanceof MethodCallExpr call && calls.resolve(call).returnType() == null;
      Var value = noValue ? null : ex.value(body);
      if (noValue) ex.effect(body);
      b.emit(new Stmt.Return(value, line(e)), handler());
    }
    if (b.live()) {
      exitTo(0, endLine(method.body()));
      b.emit(new Stmt.Return(null, endLine(method.body())), handler());
    }
    if (monitor != null) {
      frames.clear();
      catchAll(monitor, 0);
    }
    return b.build(method, thisVar, params);
  }

  private void declareParameters() {
    if (method.node() instanceof CallableDeclaration<?> c) {
      for (int i = 0; i < c.getParameters().size(); i++) {
        Parameter p = c.getParameter(i);
        boolean userBuffer = method.parameterAnnotations().get(i).has(LockApi.USER_BUFFER);
        Locals.Local l = new Locals.Local(
            method.parameterTypes().get(i), i, null, userBuffer, calls.element(p.getType()), false);
        params.add(declare(p.getNameAsString(), l));
      }
    } else if (method.isLambda()) {
      // The captured scope already declares the lambda's parameters.
      for (int i = 0; i < method.arity(); i++) {
        String name = method.parameterNames().get(i);
        Var v = b.var(name, method.parameterTypes().get(i));
        names.peek().put(name, v);
        params.add(v);
      }
    } else {
      for (int i = 0; i < method.arity(); i++) {
        params.add(declare(method.parameterNames().get(i),
            new Locals.Local(method.parameterTypes().get(i), i, null, false)));
      }
    }
  }

  /**
   * A constructor starts with {@code this(..)}, or with {@code super(..)} (written or implied)
   * followed by the field initializers and instance initializer blocks, as javac compiles it.
   * Returns how many of the body's statements that was.
   */
  private int constructorPrologue(BlockStmt body) {
    if (!body.getStatements().isEmpty()
        && body.getStatement(0) instanceof ExplicitConstructorInvocationStmt c) {
      ex.invoke().constructorInvocation(c);
      if (!c.isThis()) initializers();
      return 1;
    }
    ex.invoke().implicitSuper(method.line());
    initializers();
    return 0;
  }

  /** The instance field initializers and initializer blocks of the owner, in order. */
  private void initializers() {
    NodeList<BodyDeclaration<?>> members = owner.node() instanceof TypeDeclaration<?> t ? t.getMembers()
        : owner.node() instanceof ObjectCreationExpr o ? o.getAnonymousClassBody().orElse(null) : null;
    if (members == null) return;
    // The constructor's parameters are not in scope there.
    locals.isolate();
    names.push(new HashMap<>());
    for (BodyDeclaration<?> m : members) {
      if (m instanceof FieldDeclaration f && !f.isStatic()) {
        for (VariableDeclarator v : f.getVariables()) {
          if (v.getInitializer().isEmpty()) continue;
          Var value = ex.value(v.getInitializer().get());
          b.emit(new Stmt.Store(thisVar, owner.fqn(), v.getNameAsString(), value, line(v)), handler());
        }
      } else if (m instanceof InitializerDeclaration i && !i.isStatic()) {
        statement(i.getBody());
      }
    }
    names.pop();
    locals.pop();
  }

  // ---------------------------------------------------------------------------------------
  // Scopes: the front end's locals and the IR's variables side by side.

  void push() {
    locals.push();
    names.push(new HashMap<>());
  }

  void pop() {
    locals.pop();
    names.pop();
  }

  /** Declares a source local: in the front end's scope and as an IR variable. */
  Var declare(String name, Locals.Local l) {
    locals.declare(name, l);
    return declareVar(name, l.type());
  }

  /** An IR variable only (a pattern binding, which the front end never named). */
  Var declareVar(String name, String type) {
    Var v = b.var(name, type);
    names.peek().put(name, v);
    return v;
  }

  /**
   * The IR variable of a source local or parameter in scope, or {@code null}. A lambda's captured
   * locals become variables of its own on first use: their values come from the enclosing method.
   */
  Var local(String name) {
    for (Map<String, Var> scope : names) {
      Var v = scope.get(name);
      if (v != null) return v;
    }
    Locals.Local l = locals.get(name);
    if (l == null) return null;
    Var v = b.var(name, l.type());
    names.getLast().put(name, v);
    return v;
  }

  int unresolvedCalls() {
    return ex.invoke().unresolvedCalls();
  }

  /** Where an exception thrown here goes: the innermost handler, or {@code null} (out). */
  Label handler() {
    return handler(true);
  }

  /**
   * Where an exception of a statement goes that may ({@code checked}) or cannot throw a checked
   * exception ({@link CheckedExceptions}): the innermost handler that can catch it.
   */
  Label handler(boolean checked) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      Frame f = frames.get(i);
      if (f instanceof Catches c && (checked || !c.checkedOnly)) return c.handler;
      if (f instanceof Cleanup c) return c.handler;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Statements, in the order (and with the scopes) of the source.

  void statement(Statement st) {
    if (st instanceof BlockStmt block) {
      push();
      for (Statement x : block.getStatements()) statement(x);
      pop();
    } else if (st instanceof ExpressionStmt e) {
      ex.effect(e.getExpression());
    } else if (st instanceof IfStmt i) {
      Label then = new Label();
      Label other = new Label();
      Label end = new Label();
      ex.condition(i.getCondition(), then, other);
      b.place(then);
      statement(i.getThenStmt());
      b.jump(end, line(i));
      b.place(other);
      i.getElseStmt().ifPresent(this::statement);
      b.place(end);
    } else if (st instanceof WhileStmt || st instanceof DoStmt || st instanceof ForStmt
        || st instanceof ForEachStmt) {
      loop(st, null);
    } else if (st instanceof LabeledStmt l) {
      labeled(l);
    } else if (st instanceof SynchronizedStmt sy) {
      synchronizedBlock(sy);
    } else if (st instanceof TryStmt t) {
      tryStatement(t);
    } else if (st instanceof ReturnStmt r) {
      Var value = r.getExpression().map(ex::value).orElse(null);
      if (value != null && hasCleanup(0)) {
        // A finally block may assign the returned local: the value is the one before it.
        Var saved = b.temp(value.type());
        b.emit(new Stmt.Copy(saved, value, line(r)), null);
        value = saved;
      }
      exitTo(0, line(r));
      b.emit(new Stmt.Return(value, line(r)), handler());
    } else if (st instanceof ThrowStmt t) {
      Var value = ex.value(t.getExpression());
      b.emit(new Stmt.Throw(value, line(t)), handler());
    } else if (st instanceof BreakStmt br) {
      int at = br.getLabel().isPresent() ? labelled(br.getLabel().get().asString()) : innermost(false);
      jumpOut(at, ((Target) frames.get(at)).breakTo, line(br));
    } else if (st instanceof ContinueStmt c) {
      int at = c.getLabel().isPresent() ? labelled(c.getLabel().get().asString()) : innermost(true);
      jumpOut(at, ((Target) frames.get(at)).continueTo, line(c));
    } else if (st instanceof YieldStmt y) {
      Var value = ex.value(y.getExpression());
      int at = frames.size() - 1;
      while (!(frames.get(at) instanceof Target t && t.yieldTo != null)) at--;
      b.emit(new Stmt.Copy(t.yieldTo, value, line(y)), null);
      jumpOut(at, t.breakTo, line(y));
    } else if (st instanceof SwitchStmt sw) {
      Var selector = ex.value(sw.getSelector());
      switchEntries(selector, sw.getEntries(), null, line(sw));
    } else if (st instanceof ExplicitConstructorInvocationStmt c) {
      ex.invoke().constructorInvocation(c);
    } else if (!(st instanceof LocalClassDeclarationStmt) && !(st instanceof LocalRecordDeclarationStmt)) {
      // assert, empty and the rest: evaluate what they contain.
      for (Node child : st.getChildNodes()) {
        if (child instanceof Expression e) ex.effect(e);
        else if (child instanceof Statement x) statement(x);
      }
    }
  }

  private void labeled(LabeledStmt l) {
    Statement inner = l.getStatement();
    String label = l.getLabel().asString();
    if (inner instanceof WhileStmt || inner instanceof DoStmt || inner instanceof ForStmt
        || inner instanceof ForEachStmt) {
      loop(inner, label);
      return;
    }
    Label end = new Label();
    frames.add(new Target(label, end, null, false, null));
    statement(inner);
    frames.remove(frames.size() - 1);
    b.place(end);
  }

  /** A loop: the condition as jumps, the body, the update; {@code continue} goes to the update. */
  private void loop(Statement st, String label) {
    Label top = new Label();
    Label next = new Label();
    Label body = new Label();
    Label end = new Label();
    int line = line(st);
    if (st instanceof WhileStmt w) {
      b.place(top);
      b.place(next);
      ex.condition(w.getCondition(), body, end);
      b.place(body);
      loopBody(w.getBody(), label, end, next);
      b.jump(top, line);
    } else if (st instanceof DoStmt d) {
      b.place(top);
      loopBody(d.getBody(), label, end, next);
      b.place(next);
      ex.condition(d.getCondition(), top, end);
    } else if (st instanceof ForStmt f) {
      push();
      for (Expression e : f.getInitialization()) ex.effect(e);
      b.place(top);
      if (f.getCompare().isPresent()) ex.condition(f.getCompare().get(), body, end);
      b.place(body);
      loopBody(f.getBody(), label, end, next);
      b.place(next);
      for (Expression e : f.getUpdate()) ex.effect(e);
      b.jump(top, line);
      pop();
    } else {
      ForEachStmt f = (ForEachStmt) st;
      Var iterable = ex.value(f.getIterable());
      push();
      VariableDeclarator v = f.getVariable().getVariable(0);
      String type = calls.type(v.getType());
      Var element = declare(v.getNameAsString(), new Locals.Local(type, -1, null, false));
      CallLowering.Iteration it = ex.invoke().iteration(f.getIterable(), iterable, line);
      b.place(top);
      b.place(next);
      it.hasNext(body, end);
      b.place(body);
      it.next(element);
      loopBody(f.getBody(), label, end, next);
      it.advance();
      b.jump(top, line);
      pop();
    }
    b.place(end);
  }

  private void loopBody(Statement body, String label, Label end, Label next) {
    frames.add(new Target(label, end, next, true, null));
    statement(body);
    frames.remove(frames.size() - 1);
  }

  /**
   * The entries of a switch statement or expression ({@code result} non-null): a {@link
   * Stmt.Switch} to one label per case, statement groups falling through to the next, arrows
   * leaving at their end.
   */
  void switchEntries(Var selector, List<SwitchEntry> entries, Var result, int line) {
    Label end = new Label();
    List<Label> starts = new ArrayList<>();
    List<Label> targets = new ArrayList<>();
    Label otherwise = end;
    for (SwitchEntry e : entries) {
      Label start = new Label();
      starts.add(start);
      for (int i = 0; i < e.getLabels().size(); i++) targets.add(start);
      if (e.getLabels().isEmpty() || e.isDefault()) otherwise = start;
    }
    b.multiJump(selector, targets, otherwise, line);
    frames.add(new Target(null, end, null, result == null, result));
    locals.push();
    names.push(new HashMap<>());
    for (int i = 0; i < entries.size(); i++) {
      SwitchEntry e = entries.get(i);
      b.place(starts.get(i));
      if (result != null && e.getType() == SwitchEntry.Type.EXPRESSION
          && e.getStatements().size() == 1 && e.getStatement(0) instanceof ExpressionStmt value) {
        b.emit(new Stmt.Copy(result, ex.value(value.getExpression()), line(value)), null);
      } else {
        for (Statement x : e.getStatements()) statement(x);
      }
      if (e.getType() != SwitchEntry.Type.STATEMENT_GROUP) b.jump(end, line(e));
    }
    pop();
    frames.remove(frames.size() - 1);
    b.place(end);
  }

  private void synchronizedBlock(SynchronizedStmt sy) {
    Var lock = ex.value(sy.getExpression());
    Monitor m = new Monitor(lock, naming.lockOf(sy.getExpression()));
    b.emit(new Stmt.MonitorEnter(lock, m.ref, line(sy)), handler(false));
    int base = frames.size();
    frames.add(m);
    statement(sy.getBody());
    Label end = new Label();
    if (b.live()) {
      exitTo(base, endLine(sy));
      b.jump(end, endLine(sy));
    }
    frames.remove(base);
    catchAll(m, base);
    b.place(end);
  }

  /**
   * {@code try}: resources (each a region closing it), the body, the {@code catch} clauses behind
   * a handler that tests the exception's type, and the {@code finally} block copied onto every
   * way out of them, once they are lowered (the order the source gives them).
   */
  private void tryStatement(TryStmt t) {
    int base = frames.size();
    Finally fin = t.getFinallyBlock().map(Finally::new).orElse(null);
    if (fin != null) frames.add(fin);
    int catchDepth = frames.size();
    Catches catches = t.getCatchClauses().isEmpty() ? null
        : new Catches(new Label(), exceptions.onlyChecked(caughtTypes(t)));
    if (catches != null) frames.add(catches);
    int resources = frames.size();
    Label end = new Label();
    push();
    for (Expression r : t.getResources()) frames.add(resource(r));
    statement(t.getTryBlock());
    if (b.live()) {
      exitTo(base, endLine(t.getTryBlock()));
      b.jump(end, endLine(t.getTryBlock()));
    }
    for (int i = frames.size() - 1; i >= resources; i--) {
      Cleanup c = (Cleanup) frames.remove(i);
      catchAll(c, i);
    }
    if (catches != null) {
      frames.remove(catchDepth);
      b.place(catches.handler);
      Var thrown = b.temp("java.lang.Throwable");
      b.emit(new Stmt.Catch(thrown, line(t)), null);
      List<Label> clauses = new ArrayList<>();
      for (CatchClause c : t.getCatchClauses()) {
        Label clause = new Label();
        clauses.add(clause);
        for (Type alternative : alternatives(c.getParameter().getType())) {
          String type = calls.type(alternative);
          Var is = b.temp("boolean");
          b.emit(new Stmt.Op(is, "instanceof " + (type == null ? alternative.asString() : type),
              List.of(thrown), line(c)), null);
          b.jumpIf(is, clause, line(c));
        }
      }
      b.emit(new Stmt.Throw(thrown, 0), handler());
      for (int i = 0; i < clauses.size(); i++) {
        CatchClause c = t.getCatchClauses().get(i);
        b.place(clauses.get(i));
        push();
        Var caught = declare(c.getParameter().getNameAsString(),
            new Locals.Local(calls.type(c.getParameter().getType()), -1, null, false));
        b.emit(new Stmt.Copy(caught, thrown, line(c)), null);
        statement(c.getBody());
        pop();
        if (b.live()) {
          exitTo(base, endLine(c.getBody()));
          b.jump(end, endLine(c.getBody()));
        }
      }
    }
    pop();
    if (fin != null) {
      frames.remove(base);
      catchAll(fin, base);
      fillFinally(fin);
    }
    b.place(end);
  }

  /** The types the {@code catch} clauses of {@code t} name, a multi-catch's each; null if unresolved. */
  private List<String> caughtTypes(TryStmt t) {
    List<String> out = new ArrayList<>();
    for (CatchClause c : t.getCatchClauses()) {
      for (Type alternative : alternatives(c.getParameter().getType())) out.add(calls.type(alternative));
    }
    return out;
  }

  /** The alternatives of a multi-catch type ({@code IOException | InterruptedException}). */
  private static List<? extends Type> alternatives(Type caught) {
    return caught instanceof UnionType u ? u.getElements() : List.of(caught);
  }

  /** A resource: declared (or named) and evaluated, closed on the way out of what follows. */
  private Resource resource(Expression r) {
    int line = line(r);
    if (r instanceof VariableDeclarationExpr v) {
      ex.effect(v);
      String name = v.getVariable(0).getNameAsString();
      return new Resource(new NameExpr(name), local(name),
          v.getVariable(0).getInitializer().orElse(null), line);
    }
    return new Resource(r, ex.value(r), null, line);
  }

  /** Lowers each copy of a {@code finally} block into its hole, outside its own region. */
  private void fillFinally(Finally fin) {
    List<Frame> saved = frames;
    for (int i = 0; i < fin.holes.size(); i++) {
      IrBuilder.Resume resume = b.into(fin.holes.get(i));
      frames = new ArrayList<>(fin.outside.get(i));
      statement(fin.block);
      b.back(resume);
    }
    frames = saved;
  }

  /**
   * The handler of region {@code c} (at depth {@code depth}, already left): catches whatever
   * escaped it, runs its exit code, and throws it on.
   */
  private void catchAll(Cleanup c, int depth) {
    List<Frame> saved = frames;
    frames = new ArrayList<>(saved.subList(0, Math.min(depth, saved.size())));
    b.place(c.handler);
    Var thrown = b.temp("java.lang.Throwable");
    b.emit(new Stmt.Catch(thrown, 0), null);
    exit(c, 0);
    b.emit(new Stmt.Throw(thrown, 0), handler());
    frames = saved;
  }

  /** {@code break}, {@code continue}, {@code yield}: out of every region inside frame {@code at}. */
  private void jumpOut(int at, Label to, int line) {
    exitTo(at + 1, line);
    b.jump(to, line);
  }

  /** Runs the exit code of every region above depth {@code depth}, innermost first. */
  private void exitTo(int depth, int line) {
    List<Frame> saved = frames;
    for (int i = saved.size() - 1; i >= depth; i--) {
      if (!(saved.get(i) instanceof Cleanup c)) continue;
      frames = new ArrayList<>(saved.subList(0, i));
      exit(c, line);
    }
    frames = saved;
  }

  private boolean hasCleanup(int depth) {
    for (int i = depth; i < frames.size(); i++) if (frames.get(i) instanceof Cleanup) return true;
    return false;
  }

  /** The exit code of {@code c}, with {@link #frames} what is outside it. */
  private void exit(Cleanup c, int line) {
    if (c instanceof Monitor m) {
      b.emit(new Stmt.MonitorExit(m.lock, m.ref, line), null);
    } else if (c instanceof Resource r) {
      ex.invoke().close(r.named, r.value, r.made, r.line);
    } else if (c instanceof Finally f) {
      f.holes.add(b.hole());
      f.outside.add(List.copyOf(frames));
    }
  }

  private int labelled(String label) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (frames.get(i) instanceof Target t && label.equals(t.label)) return i;
    }
    throw new IllegalStateException("no statement labelled " + label);
  }

  private int innermost(boolean loop) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (frames.get(i) instanceof Target t && t.breakable && (!loop || t.continueTo != null)) return i;
    }
    throw new IllegalStateException("break or continue outside a loop or switch");
  }

  static int line(Node n) {
    return n == null ? 0 : n.getBegin().map(p -> p.line).orElse(0);
  }

  private int endLine(Node n) {
    return n == null ? method.line() : n.getEnd().map(p -> p.line).orElse(0);
  }
}
