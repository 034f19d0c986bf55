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
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.IntersectionType;
import dev.faultlock.callgraph.CallResolver;
import dev.faultlock.ir.IrBuilder.Label;
import dev.faultlock.locks.LockRef;
import dev.faultlock.locks.Locals;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers the expressions of one method into three-address statements, in evaluation order:
 * nested expressions into temporaries, conditions into jumps ({@code &&}, {@code ||}, {@code !}
 * and {@code ?:} short-circuit), calls into {@link Stmt.Invoke}s whose {@link CallSite} the
 * front end resolved ({@link CallLowering}), and string concatenation's hidden {@code
 * toString()} calls made explicit. Assignments and declarations update the front end's locals
 * (types, lock aliases) exactly as the old structured walk did.
 *
 * <p>Past the usual size: expression kinds nest in one another (a condition in an assignment in
 * a conditional), so their lowering is one recursion; calls are {@link CallLowering}'s.
 */
final class ExpressionLowering {
  private final MethodLowering m;
  private final IrBuilder b;
  private final ProgramIndex index;
  private final CallResolver calls;
  private final CallLowering invoke;
  private final Map<BinaryExpr, String> binaryTypes = new IdentityHashMap<>();

  ExpressionLowering(MethodLowering m) {
    this.m = m;
    this.b = m.b;
    this.index = m.cx.index();
    this.calls = m.calls;
    this.invoke = new CallLowering(m, this);
  }

  /** The calls, hidden calls and function objects of this method. */
  CallLowering invoke() {
    return invoke;
  }

  /** Field and array access, casts, allocation: they throw only unchecked exceptions. */
  private void emit(Stmt s) {
    b.emit(s, m.handler(false));
  }

  private Var temp(String type) {
    return b.temp(type);
  }

  /** Evaluates {@code e} for its effects only. */
  void effect(Expression e) {
    if (e instanceof MethodCallExpr call) invoke.call(call, false);
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
    if (e instanceof MethodCallExpr call) return invoke.call(call, true);
    if (e instanceof ObjectCreationExpr o) return invoke.creation(o);
    if (e instanceof ArrayCreationExpr a) {
      for (var level : a.getLevels()) level.getDimension().ifPresent(this::value);
      String type = calls.type(a.createdType());
      Var t = temp(type);
      emit(new Stmt.New(t, type, line));
      a.getInitializer().ifPresent(init -> elements(t, init));
      return t;
    }
    if (e instanceof ArrayInitializerExpr a) return array(a, declaredType(a));
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
    if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) return invoke.function(e, functionType(e), false);
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
  Var instance(TypeInfo holder, int line) {
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
  boolean isType(Expression scope) {
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

  /**
   * The interface a lambda or method reference is for where no assignment or call gives it: a
   * cast's type (an intersection's first), a field's declared type for its initializer, or the
   * method's return type for a returned one. Without it the function object has no type, and
   * every declared type admits it.
   */
  private String functionType(Expression e) {
    Node parent = e.getParentNode().orElse(null);
    while (parent instanceof EnclosedExpr) parent = parent.getParentNode().orElse(null);
    if (parent instanceof CastExpr c) {
      return calls.type(c.getType() instanceof IntersectionType i ? i.getElements().get(0) : c.getType());
    }
    if (parent instanceof VariableDeclarator) return declaredType(e);
    return parent instanceof ReturnStmt && !m.method.isLambda() ? m.method.returnType() : null;
  }

  /**
   * The declared type of the variable {@code init} initializes, or {@code null}: a field's
   * initializer is lowered as a value (in each constructor), and an array initializer or a
   * lambda has no type of its own.
   */
  private String declaredType(Expression init) {
    return init.getParentNode().orElse(null) instanceof VariableDeclarator d ? calls.type(d.getType()) : null;
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
      // Remembered: each operator of a long concatenation asks about the whole chain before it.
      if (binaryTypes.containsKey(bin)) return binaryTypes.get(bin);
      String type = switch (bin.getOperator()) {
        case PLUS -> isConcatenation(bin) ? "java.lang.String" : typeOfValue(bin.getLeft());
        case MINUS, MULTIPLY, DIVIDE, REMAINDER, BINARY_AND, BINARY_OR, XOR, LEFT_SHIFT,
            SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> typeOfValue(bin.getLeft());
        default -> "boolean";
      };
      binaryTypes.put(bin, type);
      return type;
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
    invoke.implicitCall(s, e, v, type, "toString", false, MethodLowering.line(e));
    return s;
  }

  private static boolean isPrimitive(String type) {
    return type.indexOf('.') < 0 && Character.isLowerCase(type.charAt(0));
  }

  // ---------------------------------------------------------------------------------------
  // Assignments and declarations, updating the front end's locals (the aliases lock naming reads).

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
    if (function) v = invoke.function(value, type, type != null);
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
      if (function) v = invoke.function(init, declared, declared != null);
      Var local = m.declare(d.getNameAsString(), new Locals.Local(declared, -1, alias, false,
          calls.element(d.getType()), init != null && calls.isJdkView(init)));
      if (v != null) b.emit(new Stmt.Copy(local, v, line), null);
    }
  }

}
