package dev.faultlock.ir;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import dev.faultlock.callgraph.CallResolver;
import dev.faultlock.ir.IrBuilder.Label;
import dev.faultlock.ir.Stmt.InvokeKind;
import dev.faultlock.locks.CallContext;
import dev.faultlock.locks.LockNames;
import dev.faultlock.locks.Targets;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers one method's calls into {@link Stmt.Invoke}s whose {@link CallSite} carries what the
 * front end resolved, once: the program targets (lambdas a library call runs added), the
 * library type, how the callee's frame maps to the caller's, what it does to locks and faults.
 * Also the calls the source hides (a concatenated operand's {@code toString()}, an enhanced
 * {@code for}'s iterator, a resource's {@code close()}), resolved like written ones, and the
 * function objects of lambdas and method references.
 *
 * <p>Lambda numbering follows the old structured walk exactly: a lambda passed to a call or
 * assigned to a typed variable is numbered where that walk numbered it (after the call's other
 * arguments), others after every such one ({@link dev.faultlock.callgraph.Functions#unbound}).
 */
final class CallLowering {
  private final MethodLowering m;
  private final ExpressionLowering ex;
  private final IrBuilder b;
  private final ProgramIndex index;
  private final CallResolver calls;
  private final Set<MethodCallExpr> unresolved = Collections.newSetFromMap(new IdentityHashMap<>());

  CallLowering(MethodLowering m, ExpressionLowering ex) {
    this.m = m;
    this.ex = ex;
    this.b = m.b;
    this.index = m.cx.index();
    this.calls = m.calls;
  }

  /** Calls this method makes that resolve to nothing, each counted once however often lowered. */
  int unresolvedCalls() {
    return unresolved.size();
  }

  private void emit(Stmt s) {
    b.emit(s, m.handler());
  }

  private Var temp(String type) {
    return b.temp(type);
  }

  /** The function object of a lambda or method reference; {@code bound} when already bound. */
  Var function(Expression e, String iface, boolean bound) {
    List<MethodInfo> body = bound || e instanceof MethodReferenceExpr
        ? m.functions.functions(e, null) : m.functions.unbound((LambdaExpr) e);
    return newFunction(e, iface, body);
  }

  private Var newFunction(Expression e, String iface, List<MethodInfo> body) {
    Var receiver = null;
    if (e instanceof MethodReferenceExpr ref) {
      Expression scope = m.functions.referenceScope(ref);
      if (scope instanceof SuperExpr) receiver = m.thisVar;
      else if (!ex.isType(scope)) receiver = ex.value(scope);
    }
    Var t = temp(iface);
    emit(new Stmt.NewFunction(t, iface, body, receiver, MethodLowering.line(e)));
    return t;
  }

  /** The arguments' values; lambdas and method references left {@code null}, made later. */
  private List<Var> arguments(List<Expression> args) {
    List<Var> out = new ArrayList<>(args.size());
    for (Expression a : args) {
      out.add(a instanceof LambdaExpr || a instanceof MethodReferenceExpr ? null : ex.value(a));
    }
    return out;
  }

  /**
   * Makes the function arguments of a call, once {@link dev.faultlock.callgraph.Functions#lambdaArguments}
   * bound (and numbered) them ({@code r} non-null), or as unbound ones.
   */
  private void functionArguments(
      List<Expression> args, List<Var> values, CallResolver.Resolved r, String element) {
    for (int i = 0; i < args.size(); i++) {
      Expression a = args.get(i);
      if (values.get(i) != null || !(a instanceof LambdaExpr || a instanceof MethodReferenceExpr)) continue;
      String iface = null;
      if (r != null && r.selected() != null && i < r.selected().arity()) {
        iface = r.selected().parameterTypes().get(i);
      } else if (r != null && !r.targets().isEmpty() && i < r.targets().get(0).arity()) {
        iface = r.targets().get(0).parameterTypes().get(i);
      }
      values.set(i, r == null ? function(a, iface, false) : newFunction(a, iface, m.functions.functions(a, element)));
    }
  }

  // ---------------------------------------------------------------------------------------
  // Calls.

  Var call(MethodCallExpr call, boolean wantResult) {
    CallResolver.Resolved r = calls.resolve(call);
    String name = call.getNameAsString();
    int line = MethodLowering.line(call);
    Expression scope = call.getScope().orElse(null);
    boolean isStatic = r.selected() != null && r.selected().isStatic();
    Var receiver = null;
    InvokeKind kind = InvokeKind.VIRTUAL;
    if (scope == null) {
      if (!isStatic) {
        receiver = r.receiverType() != null && !r.receiverType().equals(m.owner.fqn())
            ? ex.instance(index.type(r.receiverType()), line) : m.thisVar;
      }
    } else if (scope instanceof SuperExpr) {
      receiver = m.thisVar;
      kind = InvokeKind.SPECIAL;
    } else if (!ex.isType(scope)) {
      receiver = ex.value(scope);
    }
    if (receiver == null) kind = InvokeKind.STATIC;
    else if (kind == InvokeKind.VIRTUAL && isInterface(r.receiverType())) kind = InvokeKind.INTERFACE;
    List<Expression> args = call.getArguments();
    List<Var> values = arguments(args);
    Var result = wantResult && !"void".equals(r.returnType()) ? temp(r.returnType()) : null;
    if (scope != null && r.receiverType() != null) {
      List<dev.faultlock.ir.LockOp> ops = m.effects.jdkLockOps(scope, r.receiverType(), name);
      if (ops != null) {
        functionArguments(args, values, null, null);
        CallSite site = new CallSite(r.display(name), r.receiverType(), name, args.size(), List.of(),
            r.libraryType(), m.naming.context(scope, args, r), ops, null, true);
        emit(new Stmt.Invoke(result, kind, receiver, values, site, false, line));
        return result;
      }
    }
    List<MethodInfo> targets = new Targets(r.targets());
    String element = m.functions.elementOf(scope);
    Map<MethodInfo, String[]> bound = m.functions.lambdaArguments(args, r, name, targets, element);
    CallContext context = m.naming.context(scope, args, r).withBoundReceivers(bound);
    if (r.targets().isEmpty() && r.libraryType() == null && r.returnType() == null) unresolved.add(call);
    String callee = r.display(name);
    CallSite.FaultSite fault = m.effects.userBufferFault(scope, args, r, name, callee);
    if (fault == null) fault = m.effects.listedFault(r, name, callee);
    List<dev.faultlock.ir.LockOp> ops = m.effects.annotatedOps(r.named(), context, callee);
    functionArguments(args, values, r, element);
    CallSite site = new CallSite(callee, r.receiverType(), name, args.size(), targets, r.libraryType(),
        context, ops, fault, false);
    emit(new Stmt.Invoke(result, kind, receiver, values, site, false, line));
    return result;
  }

  private boolean isInterface(String type) {
    if (type == null) return false;
    TypeInfo t = index.type(type);
    return t != null ? t.isInterface() : index.library().isInterface(type);
  }

  /** {@code new T(..)}: the allocation, then the constructor run on it. */
  Var creation(ObjectCreationExpr o) {
    int line = MethodLowering.line(o);
    o.getScope().ifPresent(ex::value);
    String type = calls.typeOf(o);
    Var object = temp(type);
    emit(new Stmt.New(object, type, line));
    List<Expression> args = o.getArguments();
    List<Var> values = arguments(args);
    CallResolver.Resolved r = calls.constructor(o);
    CallSite site;
    if (r != null) {
      site = constructorSite(r, args, values, true);
    } else {
      // A library or anonymous class's constructor: nothing the program resolves runs.
      functionArguments(args, values, null, null);
      site = new CallSite("new " + (type == null ? o.getTypeAsString() : LockNames.simple(type)), type,
          "<init>", args.size(), List.of(), null, m.naming.context(null, args).onNewObject(),
          List.of(), null, false);
    }
    emit(new Stmt.Invoke(null, InvokeKind.SPECIAL, object, values, site, false, line));
    return object;
  }

  private CallSite constructorSite(
      CallResolver.Resolved r, List<Expression> args, List<Var> values, boolean newObject) {
    MethodInfo ctor = r.selected();
    List<MethodInfo> targets = new Targets(List.of(ctor));
    m.functions.lambdaArguments(args, r, "<init>", targets, null);
    CallContext context = m.naming.context(null, args);
    // `new T(..)` runs the constructor on an object the caller cannot name yet; `this(..)` and
    // `super(..)` run it on `this`.
    if (newObject) context = context.onNewObject();
    String callee = "new " + ctor.owner().name();
    List<dev.faultlock.ir.LockOp> ops = m.effects.annotatedOps(ctor, context, callee);
    functionArguments(args, values, r, null);
    return new CallSite(callee, r.receiverType(), "<init>", args.size(), targets, null, context, ops,
        null, false);
  }

  /** {@code this(..)} or {@code super(..)}: the constructor run on {@code this}. */
  void constructorInvocation(ExplicitConstructorInvocationStmt c) {
    int line = MethodLowering.line(c);
    c.getExpression().ifPresent(ex::value);
    List<Expression> args = c.getArguments();
    List<Var> values = arguments(args);
    CallResolver.Resolved r = calls.constructor(c);
    CallSite site;
    if (r != null) {
      site = constructorSite(r, args, values, false);
    } else {
      functionArguments(args, values, null, null);
      String type = c.isThis() ? m.owner.fqn() : calls.superclass(m.owner);
      site = new CallSite("new " + LockNames.simple(type), type, "<init>", args.size(), List.of(), null,
          m.naming.context(null, args), List.of(), null, false);
    }
    emit(new Stmt.Invoke(null, InvokeKind.SPECIAL, m.thisVar, values, site, false, line));
  }

  /** The {@code super()} a constructor that calls no other runs first, when the program has it. */
  void implicitSuper(int line) {
    CallResolver.Resolved r = calls.implicitSuper();
    if (r == null) return;
    CallSite site = constructorSite(r, List.of(), new ArrayList<>(), false);
    emit(new Stmt.Invoke(null, InvokeKind.SPECIAL, m.thisVar, List.of(), site, true, line));
  }

  /**
   * A resource's {@code close()} on the way out of try-with-resources. A resource made right
   * there is closed by what made it: a lambda or method reference ({@code Closeable c = () ->
   * ...}) runs only itself, and {@code new T(..)} runs {@code T}'s {@code close()}, not every
   * implementation of the declared interface (Lucene's {@code IndexWriter.commitInternal}).
   */
  void close(Expression named, Var resource, Expression made, int line) {
    if (made instanceof LambdaExpr || made instanceof MethodReferenceExpr) {
      List<MethodInfo> functions = m.functions.functions(made, null);
      String type = calls.typeOf(named);
      CallSite site = new CallSite(
          LockNames.simple(type == null ? "AutoCloseable" : type) + ".close", type, "close", 0,
          new Targets(functions), null, m.naming.context(named, List.of()), List.of(), null, false);
      emit(new Stmt.Invoke(null, InvokeKind.INTERFACE, resource, List.of(), site, true, line));
      return;
    }
    String type = made instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isEmpty()
        ? calls.typeOf(o) : calls.typeOf(named);
    implicitCall(null, named, resource, type, "close", false, line);
  }

  /**
   * A call without arguments the source does not spell, on {@code receiver} (the value of {@code
   * named}, when it has a source expression), resolved like a written one.
   */
  CallResolver.Resolved implicitCall(Var result, Expression named, Var receiver, String type,
      String name, boolean onJdkView, int line) {
    CallResolver.Resolved r = calls.implicit(type, name, onJdkView);
    CallContext context = named == null ? CallContext.NONE : m.naming.context(named, List.of(), r);
    String callee = r.display(name);
    List<MethodInfo> targets = new Targets(r.targets());
    CallSite.FaultSite fault = named == null ? null : m.effects.userBufferFault(named, List.of(), r, name, callee);
    CallSite site = new CallSite(callee, r.receiverType(), name, 0, targets, r.libraryType(), context,
        m.effects.annotatedOps(r.named(), context, callee), fault, false);
    InvokeKind kind = isInterface(type) ? InvokeKind.INTERFACE : InvokeKind.VIRTUAL;
    emit(new Stmt.Invoke(result, kind, receiver, List.of(), site, true, line));
    return r;
  }

  /** The calls an enhanced {@code for} makes: an iterator's, or an array's loads. */
  interface Iteration {
    /** Jumps to {@code body} when there is a next element, else to {@code end}. */
    void hasNext(Label body, Label end);

    /** Puts the next element into {@code element}. */
    void next(Var element);

    /** Moves past the element (arrays: the index). */
    void advance();
  }

  /** Starts iterating {@code iterable} (evaluated into {@code value}). */
  Iteration iteration(Expression iterable, Var value, int line) {
    String type = calls.typeOf(iterable);
    if (type != null && type.endsWith("[]")) {
      Var i = temp("int");
      b.emit(new Stmt.Literal(i, "0", line), null);
      return new Iteration() {
        @Override
        public void hasNext(Label body, Label end) {
          Var length = temp("int");
          b.emit(new Stmt.Op(length, "length", List.of(value), line), null);
          Var more = temp("boolean");
          b.emit(new Stmt.Op(more, "<", List.of(i, length), line), null);
          b.jumpIf(more, body, line);
          b.jump(end, line);
        }

        @Override
        public void next(Var element) {
          b.emit(new Stmt.ArrayLoad(element, value, i, line), null);
        }

        @Override
        public void advance() {
          Var one = temp("int");
          b.emit(new Stmt.Literal(one, "1", line), null);
          b.emit(new Stmt.Op(i, "+", List.of(i, one), line), null);
        }
      };
    }
    Var iterator = temp(null);
    CallResolver.Resolved it = implicitCall(iterator, iterable, value, type, "iterator", false, line);
    String iteratorType = it.returnType() != null ? it.returnType() : "java.util.Iterator";
    boolean jdkView = CallResolver.isJdkView(it);
    return new Iteration() {
      @Override
      public void hasNext(Label body, Label end) {
        Var more = temp("boolean");
        implicitCall(more, null, iterator, iteratorType, "hasNext", jdkView, line);
        b.jumpIf(more, body, line);
        b.jump(end, line);
      }

      @Override
      public void next(Var element) {
        implicitCall(element, null, iterator, iteratorType, "next", jdkView, line);
      }

      @Override
      public void advance() {}
    };
  }
}
