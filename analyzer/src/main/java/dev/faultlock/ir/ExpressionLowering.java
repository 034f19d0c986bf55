package dev.faultlock.ir;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import dev.faultlock.callgraph.CallResolver;
import dev.faultlock.ir.IrBuilder.Label;
import dev.faultlock.ir.Stmt.InvokeKind;
import dev.faultlock.locks.CallContext;
import dev.faultlock.locks.LockNames;
import dev.faultlock.locks.LockRef;
import dev.faultlock.locks.Locals;
import dev.faultlock.locks.Targets;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers the expressions of one method into three-address statements, in evaluation order:
 * nested expressions into temporaries, conditions into jumps ({@code &&}, {@code ||}, {@code !}
 * and {@code ?:} short-circuit), calls into {@link Stmt.Invoke}s whose {@link CallSite} the
 * front end resolved, and the calls the source hides (string concatenation's {@code
 * toString()}, an enhanced {@code for}'s iterator, a resource's {@code close()}) made explicit.
 *
 * <p>Lambda numbering and lock aliases follow the old structured walk exactly: a lambda passed
 * to a call or assigned to a typed variable is numbered where that walk numbered it (after the
 * call's other arguments), others after every such one ({@link
 * dev.faultlock.callgraph.Functions#unbound}).
 */
final class ExpressionLowering {
  private final MethodLowering m;
  private final IrBuilder b;
  private final ProgramIndex index;
  private final CallResolver calls;
  private final Set<MethodCallExpr> unresolved = Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  ExpressionLowering(MethodLowering m) {
    this.m = m;
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

  /** Evaluates {@code e} for its effects only. */
  void effect(Expression e) {
    if (e instanceof MethodCallExpr call) call(call, false);
    else value(e);
  }

  /** Evaluates {@code e}; the variable holding its value ({@code null} for a declaration). */
  Var value(Expression e) {
    int line = MethodLowering.line(e);
    if (e instanceof EnclosedExpr en) return value(en.getInner());
    if (e instanceof NameExpr n) return name(n);
    if (e instanceof ThisExpr t) return thisOf(t);
    if (e instanceof SuperExpr) return m.thisVar;
    if (e instanceof LiteralExpr || e instanceof ClassExpr) {
      Var t = temp(e instanceof NullLiteralExpr ? null : calls.typeOf(e));
      emit(new Stmt.Literal(t, e.toString(), line));
      return t;
    }
    if (e instanceof FieldAccessExpr fa) return fieldAccess(fa);
    if (e instanceof ArrayAccessExpr a) {
      Var array = value(a.getName());
      Var i = value(a.getIndex());
      Var t = temp(calls.typeOf(a));
      emit(new Stmt.ArrayLoad(t, array, i, line));
      return t;
    }
    if (e instanceof MethodCallExpr call) return call(call, true);
    if (e instanceof ObjectCreationExpr o) return creation(o);
    if (e instanceof ArrayCreationExpr a) {
      for (var level : a.getLevels()) level.getDimension().ifPresent(this::value);
      String type = calls.type(a.createdType());
      Var t = temp(type);
      emit(new Stmt.New(t, type, line));
      a.getInitializer().ifPresent(init -> elements(t, init));
      return t;
    }
    if (e instanceof ArrayInitializerExpr a) return array(a, null);
    if (e instanceof CastExpr c) {
      Var v = value(c.getExpression());
      String type = calls.type(c.getType());
      Var t = temp(type);
      emit(new Stmt.Cast(t, v, type, line));
      return t;
    }
    if (e instanceof InstanceOfExpr i) return instanceOf(i);
    if (e instanceof UnaryExpr u) return unary(u);
    if (e instanceof BinaryExpr bin) return binary(bin);
    if (e instanceof AssignExpr a) return assign(a);
    if (e instanceof ConditionalExpr c) {
      Var t = temp(calls.typeOf(c));
      Label then = new Label();
      Label other = new Label();
      Label end = new Label();
      condition(c.getCondition(), then, other);
      b.place(then);
      b.emit(new Stmt.Copy(t, value(c.getThenExpr()), line), null);
      b.jump(end, line);
      b.place(other);
      b.emit(new Stmt.Copy(t, value(c.getElseExpr()), line), null);
      b.place(end);
      return t;
    }
    if (e instanceof SwitchExpr sw) {
      Var selector = value(sw.getSelector());
      Var t = temp(null);
      m.switchEntries(selector, sw.getEntries(), t, line);
      return t;
    }
    if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) return function(e, null, false);
    if (e instanceof VariableDeclarationExpr v) {
      declarations(v);
      return null;
    }
    // Anything else (a pattern, an annotation): its operands, then an opaque value.
    List<Var> operands = new ArrayList<>();
    for (Node child : e.getChildNodes()) {
      if (child instanceof Expression x) {
        Var v = value(x);
        if (v != null) operands.add(v);
      }
    }
    Var t = temp(null);
    emit(new Stmt.Op(t, e.getClass().getSimpleName(), operands, line));
    return t;
  }

  // ---------------------------------------------------------------------------------------
  // Names, fields, arrays.

  private Var name(NameExpr n) {
    String name = n.getNameAsString();
    Var v = m.local(name);
    if (v != null) return v;
    FieldInfo f = calls.field(name);
    int line = MethodLowering.line(n);
    Var t = temp(f == null ? null : f.type());
    if (f == null) {
      emit(new Stmt.Op(t, "unknown " + name, List.of(), line));
    } else if (f.isStatic()) {
      emit(new Stmt.StaticLoad(t, f.owner().fqn(), name, line));
    } else {
      emit(new Stmt.Load(t, instance(calls.fieldHolder(name), line), f.owner().fqn(), name, line));
    }
    return t;
  }

  /**
   * The instance of {@code holder}, this class or an enclosing one, that code here reaches: {@code
   * this}, or the chain of enclosing instances ({@code this$0}) out to it.
   */
  private Var instance(TypeInfo holder, int line) {
    Var v = m.thisVar;
    for (TypeInfo t = m.owner; v != null && t != holder && t.outer() != null; t = t.outer()) {
      Var outer = temp(t.outer().fqn());
      emit(new Stmt.Load(outer, v, t.fqn(), "this$0", line));
      v = outer;
    }
    if (v == null) {
      v = temp(holder == null ? null : holder.fqn());
      emit(new Stmt.Op(v, "unknown this", List.of(), line));
    }
    return v;
  }

  private Var thisOf(ThisExpr t) {
    if (t.getTypeName().isEmpty()) return m.thisVar;
    TypeInfo holder = index.type(calls.typeOf(t));
    return holder == null || holder == m.owner ? m.thisVar : instance(holder, MethodLowering.line(t));
  }

  /** Whether {@code scope} names a type (a static member's qualifier), not a value. */
  private boolean isType(Expression scope) {
    if (scope instanceof TypeExpr) return true;
    if (scope instanceof NameExpr n) {
      return m.locals.get(n.getNameAsString()) == null && calls.field(n.getNameAsString()) == null;
    }
    return scope instanceof FieldAccessExpr fa && calls.typeOf(fa) == null
        && index.resolveName(fa.toString(), m.owner) != null;
  }

  private Var fieldAccess(FieldAccessExpr fa) {
    String name = fa.getNameAsString();
    int line = MethodLowering.line(fa);
    Expression scope = fa.getScope();
    String scopeType = calls.typeOfScope(scope);
    TypeInfo t = index.type(scopeType);
    FieldInfo f = t == null ? null : index.field(t, name);
    Var v = temp(calls.typeOf(fa));
    if (f != null && f.isStatic() || isType(scope)) {
      emit(new Stmt.StaticLoad(v, f != null ? f.owner().fqn() : scopeType, name, line));
      return v;
    }
    Var base = value(scope);
    if (name.equals("length") && scopeType != null && scopeType.endsWith("[]")) {
      emit(new Stmt.Op(v, "length", List.of(base), line));
    } else {
      emit(new Stmt.Load(v, base, f != null ? f.owner().fqn() : scopeType, name, line));
    }
    return v;
  }

  private Var array(ArrayInitializerExpr a, String type) {
    Var t = temp(type);
    emit(new Stmt.New(t, type, MethodLowering.line(a)));
    elements(t, a);
    return t;
  }

  private void elements(Var array, ArrayInitializerExpr init) {
    String element = array.type() != null && array.type().endsWith("[]")
        ? array.type().substring(0, array.type().length() - 2) : null;
    for (int i = 0; i < init.getValues().size(); i++) {
      Expression x = init.getValues().get(i);
      int line = MethodLowering.line(x);
      Var v = x instanceof ArrayInitializerExpr inner ? array(inner, element) : value(x);
      Var at = temp("int");
      b.emit(new Stmt.Literal(at, Integer.toString(i), line), null);
      b.emit(new Stmt.ArrayStore(array, at, v, line), null);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Operators and conditions.

  /** Lowers a condition into jumps: to {@code onTrue} when it holds, else to {@code onFalse}. */
  void condition(Expression e, Label onTrue, Label onFalse) {
    int line = MethodLowering.line(e);
    if (e instanceof EnclosedExpr en) {
      condition(en.getInner(), onTrue, onFalse);
    } else if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      condition(u.getExpression(), onFalse, onTrue);
    } else if (e instanceof BinaryExpr bin && bin.getOperator() == BinaryExpr.Operator.AND) {
      Label right = new Label();
      condition(bin.getLeft(), right, onFalse);
      b.place(right);
      condition(bin.getRight(), onTrue, onFalse);
    } else if (e instanceof BinaryExpr bin && bin.getOperator() == BinaryExpr.Operator.OR) {
      Label right = new Label();
      condition(bin.getLeft(), onTrue, right);
      b.place(right);
      condition(bin.getRight(), onTrue, onFalse);
    } else if (e instanceof BooleanLiteralExpr bool) {
      b.jump(bool.getValue() ? onTrue : onFalse, line);
    } else {
      Var v = value(e);
      b.jumpIf(v, onTrue, line);
      b.jump(onFalse, line);
    }
  }

  /** A boolean operator's value: its condition's jumps, joined into a variable. */
  private Var booleanValue(Expression e) {
    int line = MethodLowering.line(e);
    Var t = temp("boolean");
    Label yes = new Label();
    Label no = new Label();
    Label end = new Label();
    condition(e, yes, no);
    b.place(yes);
    b.emit(new Stmt.Literal(t, "true", line), null);
    b.jump(end, line);
    b.place(no);
    b.emit(new Stmt.Literal(t, "false", line), null);
    b.place(end);
    return t;
  }

  private Var instanceOf(InstanceOfExpr i) {
    int line = MethodLowering.line(i);
    Var v = value(i.getExpression());
    String type = calls.type(i.getType());
    Var t = temp("boolean");
    emit(new Stmt.Op(t, "instanceof " + (type == null ? i.getType().asString() : type), List.of(v), line));
    if (i.getPattern().isPresent() && i.getPattern().get() instanceof TypePatternExpr p) {
      Var bound = m.declareVar(p.getNameAsString(), type);
      b.emit(new Stmt.Cast(bound, v, type, line), null);
    }
    return t;
  }

  private Var unary(UnaryExpr u) {
    int line = MethodLowering.line(u);
    UnaryExpr.Operator op = u.getOperator();
    if (op == UnaryExpr.Operator.LOGICAL_COMPLEMENT) return booleanValue(u);
    Var v = value(u.getExpression());
    boolean increment = op == UnaryExpr.Operator.PREFIX_INCREMENT || op == UnaryExpr.Operator.POSTFIX_INCREMENT;
    boolean decrement = op == UnaryExpr.Operator.PREFIX_DECREMENT || op == UnaryExpr.Operator.POSTFIX_DECREMENT;
    if (!increment && !decrement) {
      Var t = temp(v == null ? null : v.type());
      emit(new Stmt.Op(t, op.asString(), v == null ? List.of() : List.of(v), line));
      return t;
    }
    Var old = v;
    if (u.isPostfix()) {
      old = temp(v.type());
      b.emit(new Stmt.Copy(old, v, line), null);
    }
    Var one = temp("int");
    b.emit(new Stmt.Literal(one, "1", line), null);
    Var next = temp(v.type());
    b.emit(new Stmt.Op(next, increment ? "+" : "-", List.of(v, one), line), null);
    store(u.getExpression(), next, line);
    return u.isPostfix() ? old : next;
  }

  private Var binary(BinaryExpr e) {
    BinaryExpr.Operator op = e.getOperator();
    if (op == BinaryExpr.Operator.AND || op == BinaryExpr.Operator.OR) return booleanValue(e);
    int line = MethodLowering.line(e);
    Var left = value(e.getLeft());
    Var right = value(e.getRight());
    if (isConcatenation(e)) {
      left = string(e.getLeft(), left);
      right = string(e.getRight(), right);
    }
    Var t = temp(typeOfValue(e));
    emit(new Stmt.Op(t, op.asString(), List.of(left, right), line));
    return t;
  }

  private boolean isConcatenation(BinaryExpr e) {
    return e.getOperator() == BinaryExpr.Operator.PLUS
        && (isString(e.getLeft()) || isString(e.getRight()));
  }

  private boolean isString(Expression e) {
    return "java.lang.String".equals(typeOfValue(e));
  }

  /** The static type of a value, operators included (which the front end does not type). */
  private String typeOfValue(Expression e) {
    while (e instanceof EnclosedExpr en) e = en.getInner();
    if (e instanceof BinaryExpr bin) {
      switch (bin.getOperator()) {
        case PLUS:
          if (isConcatenation(bin)) return "java.lang.String";
          return typeOfValue(bin.getLeft());
        case MINUS, MULTIPLY, DIVIDE, REMAINDER, BINARY_AND, BINARY_OR, XOR, LEFT_SHIFT,
            SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT:
          return typeOfValue(bin.getLeft());
        default:
          return "boolean";
      }
    }
    if (e instanceof UnaryExpr u) {
      return u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT ? "boolean"
          : typeOfValue(u.getExpression());
    }
    if (e instanceof InstanceOfExpr) return "boolean";
    return calls.typeOf(e);
  }

  /**
   * The string a concatenation appends for operand {@code e} held in {@code v}: an object's
   * {@code toString()}, an implicit call resolved against its static type (a program's {@code
   * synchronized toString()} takes that monitor).
   */
  private Var string(Expression e, Var v) {
    String type = typeOfValue(e);
    if (type == null || type.equals("java.lang.String") || isPrimitive(type) || type.endsWith("[]")
        || e instanceof NullLiteralExpr) {
      return v;
    }
    Var s = temp("java.lang.String");
    implicitCall(s, e, v, type, "toString", false, MethodLowering.line(e));
    return s;
  }

  private static boolean isPrimitive(String type) {
    return type.indexOf('.') < 0 && Character.isLowerCase(type.charAt(0));
  }

  // ---------------------------------------------------------------------------------------
  // Assignments and declarations, updating the front end's locals as the old walk did.

  private Var assign(AssignExpr a) {
    int line = MethodLowering.line(a);
    Expression target = a.getTarget();
    Expression value = a.getValue();
    boolean function = value instanceof LambdaExpr || value instanceof MethodReferenceExpr;
    Var v = function ? null : value(value);
    if (a.getOperator() != AssignExpr.Operator.ASSIGN) {
      Var current = value(target);
      boolean concatenation = a.getOperator() == AssignExpr.Operator.PLUS && isString(target);
      if (concatenation) v = string(value, v);
      Var t = temp(current == null ? null : current.type());
      b.emit(new Stmt.Op(t, a.getOperator().asString().replace("=", ""), List.of(current, v), line), null);
      v = t;
    }
    String type = null;
    if (target instanceof NameExpr n) {
      Locals.Local l = m.locals.get(n.getNameAsString());
      if (l != null && l.parameter() < 0) {
        LockRef alias = (l.type() != null && m.cx.names().isLockType(l.type()))
            || m.naming.isLockAccessor(value) ? m.naming.lockOf(value) : null;
        m.locals.replace(n.getNameAsString(), new Locals.Local(l.type(), -1, alias, false));
      }
      type = l != null ? l.type() : calls.fieldType(n.getNameAsString());
      m.functions.bindFunction(value, type);
    }
    if (function) v = function(value, type, type != null);
    store(target, v, line);
    return v;
  }

  /** Stores {@code v} into the variable, field or array element {@code target} names. */
  private void store(Expression target, Var v, int line) {
    while (target instanceof EnclosedExpr en) target = en.getInner();
    if (target instanceof NameExpr n) {
      Var local = m.local(n.getNameAsString());
      FieldInfo f = local == null ? calls.field(n.getNameAsString()) : null;
      if (local != null) {
        b.emit(new Stmt.Copy(local, v, line), null);
      } else if (f != null && f.isStatic()) {
        b.emit(new Stmt.StaticStore(f.owner().fqn(), f.name(), v, line), null);
      } else if (f != null) {
        Var base = instance(calls.fieldHolder(f.name()), line);
        b.emit(new Stmt.Store(base, f.owner().fqn(), f.name(), v, line), null);
      }
    } else if (target instanceof FieldAccessExpr fa) {
      String scopeType = calls.typeOfScope(fa.getScope());
      TypeInfo t = index.type(scopeType);
      FieldInfo f = t == null ? null : index.field(t, fa.getNameAsString());
      String declaring = f != null ? f.owner().fqn() : scopeType;
      if (f != null && f.isStatic() || isType(fa.getScope())) {
        b.emit(new Stmt.StaticStore(declaring, fa.getNameAsString(), v, line), null);
      } else {
        b.emit(new Stmt.Store(value(fa.getScope()), declaring, fa.getNameAsString(), v, line), null);
      }
    } else if (target instanceof ArrayAccessExpr aa) {
      Var array = value(aa.getName());
      Var i = value(aa.getIndex());
      b.emit(new Stmt.ArrayStore(array, i, v, line), null);
    }
  }

  private void declarations(VariableDeclarationExpr decl) {
    for (VariableDeclarator d : decl.getVariables()) {
      int line = MethodLowering.line(d);
      Expression init = d.getInitializer().orElse(null);
      boolean function = init instanceof LambdaExpr || init instanceof MethodReferenceExpr;
      String declared = calls.type(d.getType());
      Var v = null;
      if (init instanceof ArrayInitializerExpr a) v = array(a, declared);
      else if (init != null && !function) v = value(init);
      LockRef alias = null;
      if (init != null) {
        if (declared == null) declared = calls.typeOf(init);
        if (declared != null && m.cx.names().isLockType(declared) || m.naming.isLockAccessor(init)) {
          alias = m.naming.lockOf(init);
        }
        m.functions.bindFunction(init, declared);
      }
      if (function) v = function(init, declared, declared != null);
      Var local = m.declare(d.getNameAsString(), new Locals.Local(declared, -1, alias, false,
          calls.element(d.getType()), init != null && calls.isJdkView(init)));
      if (v != null) b.emit(new Stmt.Copy(local, v, line), null);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Lambdas and method references.

  /**
   * The function object of a lambda or method reference; {@code bound} when the old walk bound
   * (and numbered) it already, so that its methods are known.
   */
  private Var function(Expression e, String iface, boolean bound) {
    List<MethodInfo> body = bound || e instanceof MethodReferenceExpr
        ? m.functions.functions(e, null) : m.functions.unbound((LambdaExpr) e);
    return newFunction(e, iface, body);
  }

  private Var newFunction(Expression e, String iface, List<MethodInfo> body) {
    Var receiver = null;
    if (e instanceof MethodReferenceExpr ref) {
      Expression scope = m.functions.referenceScope(ref);
      if (scope instanceof SuperExpr) receiver = m.thisVar;
      else if (!isType(scope)) receiver = value(scope);
    }
    Var t = temp(iface);
    emit(new Stmt.NewFunction(t, iface, body, receiver, MethodLowering.line(e)));
    return t;
  }

  /** The arguments' values; lambdas and method references left {@code null}, made later. */
  private List<Var> arguments(List<Expression> args) {
    List<Var> out = new ArrayList<>(args.size());
    for (Expression a : args) {
      out.add(a instanceof LambdaExpr || a instanceof MethodReferenceExpr ? null : value(a));
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

  private Var call(MethodCallExpr call, boolean wantResult) {
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
            ? instance(index.type(r.receiverType()), line) : m.thisVar;
      }
    } else if (scope instanceof SuperExpr) {
      receiver = m.thisVar;
      kind = InvokeKind.SPECIAL;
    } else if (!isType(scope)) {
      receiver = value(scope);
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
    CallSite.FaultSite fault = m.effects.userBufferFault(scope, args, r.targets(), callee);
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
  private Var creation(ObjectCreationExpr o) {
    int line = MethodLowering.line(o);
    o.getScope().ifPresent(this::value);
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
    c.getExpression().ifPresent(this::value);
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

  /** A resource's {@code close()} on the way out of try-with-resources. */
  void close(Expression named, Var resource, int line) {
    implicitCall(null, named, resource, calls.typeOf(named), "close", false, line);
  }

  /**
   * A call without arguments the source does not spell, on {@code receiver} (the value of {@code
   * named}, when it has a source expression), resolved like a written one.
   */
  private CallResolver.Resolved implicitCall(Var result, Expression named, Var receiver, String type,
      String name, boolean onJdkView, int line) {
    CallResolver.Resolved r = calls.implicit(type, name, onJdkView);
    CallContext context = named == null ? CallContext.NONE : m.naming.context(named, List.of(), r);
    String callee = r.display(name);
    List<MethodInfo> targets = new Targets(r.targets());
    CallSite.FaultSite fault = named == null ? null : m.effects.userBufferFault(named, List.of(), r.targets(), callee);
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
