package dev.faultlock.locks;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import dev.faultlock.callgraph.CallResolver;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.ir.LoweringContext;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The locks one method's expressions name ({@code synchronized (e)}, {@code e.lock()}) and the
 * identities of the objects its calls receive ({@link CallContext}), relative to the method:
 * {@code this}, {@code p0.f}, {@code local:x}, {@code static:T.f} (see {@link Identities}).
 */
public final class LockNaming {
  private final ProgramIndex index;
  private final LockNames names;
  private final MethodInfo method;
  private final TypeInfo owner;
  private final Locals locals;
  private final CallResolver calls;
  private Set<String> modified;
  private LocalOrigins origins;

  public LockNaming(LoweringContext cx, MethodInfo method, Locals locals, CallResolver calls) {
    this.index = cx.index();
    this.names = cx.names();
    this.method = method;
    this.owner = method.owner();
    this.locals = locals;
    this.calls = calls;
  }

  /** The lock an expression evaluates to ({@code synchronized (e)}, {@code e.lock()}). */
  public LockRef lockOf(Expression e) {
    if (e instanceof EnclosedExpr en) return lockOf(en.getInner());
    if (e instanceof CastExpr c) return lockOf(c.getExpression());
    if (e instanceof ThisExpr t) {
      String type = calls.typeOf(t);
      return new LockRef(names.ofType(type), e.toString(), thisIdentity(t), false);
    }
    if (e instanceof NameExpr n) {
      String name = n.getNameAsString();
      Locals.Local l = locals.get(name);
      if (l != null) {
        if (l.alias() != null) return l.alias();
        if (l.parameter() >= 0) {
          return new LockRef(names.ofParameter(method, l.parameter()), name, "p" + l.parameter(), false);
        }
        return new LockRef(names.ofType(l.type()), name, localIdentity(name), false);
      }
      FieldInfo f = calls.field(name);
      if (f != null) return fieldLock(f, name, f.isStatic() ? null : outer(calls.fieldHolder(name).fqn()));
    }
    if (e instanceof FieldAccessExpr fa) {
      String scopeType = calls.typeOfScope(fa.getScope());
      TypeInfo t = index.type(scopeType);
      FieldInfo f = t == null ? null : index.field(t, fa.getNameAsString());
      if (f != null) return fieldLock(f, e.toString(), f.isStatic() ? null : identity(fa.getScope()));
    }
    if (e instanceof ClassExpr c) {
      // A type neither the program nor its imports place (a missing class) is named as written.
      String type = calls.type(c.getType());
      return names.classObject(type != null ? type : c.getType().asString(), e.toString());
    }
    if (e instanceof MethodCallExpr call) {
      LockRef accessor = accessorLock(call);
      if (accessor != null) return accessor;
      String id = callIdentity(call);
      if (id != null) return new LockRef(names.ofType(calls.typeOf(e)), e.toString(), id, false);
    }
    String type = calls.typeOf(e);
    return new LockRef(names.ofType(type), e.toString(), LockRef.UNKNOWN, false);
  }

  /**
   * The monitor a {@code synchronized} method holds: {@code this}, or for a static method its
   * class object.
   */
  public static LockRef monitorOf(MethodInfo m, LockNames names) {
    TypeInfo owner = m.owner();
    return m.isStatic()
        ? names.classObject(owner.fqn(), owner.name() + ".class")
        : new LockRef(names.ofType(owner.fqn()), "this", "this", false);
  }

  /** {@code r} taken in shared (read) mode. */
  public static LockRef shared(LockRef r) {
    return new LockRef(r.lockClass(), r.text(), r.identity(), true);
  }

  private LockRef fieldLock(FieldInfo f, String text, String scopeIdentity) {
    String id = f.isStatic() ? "static:" + f.owner().fqn() + '.' + f.name()
        : scopeIdentity == null ? LockRef.UNKNOWN : scopeIdentity + '.' + f.name();
    return new LockRef(names.ofField(f), text, id, false);
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
        && names.isA(calls.typeOfScope(scope), LockApi.READ_WRITE_LOCK)) {
      LockRef base = lockOf(scope);
      return new LockRef(base.lockClass(), call.toString(), base.identity(), name.equals(LockApi.RW_READ));
    }
    CallResolver.Resolved r = calls.resolve(call);
    MethodInfo m = r.selected();
    if (m == null || m.isAbstract()) {
      if (m != null && LockNames.ofReturn(m) != null) {
        String id = scope == null ? "this" : identity(scope);
        return new LockRef(LockNames.ofReturn(m), call.toString(),
            id == null ? LockRef.UNKNOWN : id + '.' + name + "()", false);
      }
      return null;
    }
    LockRef inside = LockExpressions.returned(m, index, names);
    if (inside == null) return null;
    String declared = LockNames.ofReturn(m);
    LockRef mapped = inside.asSeenBy(context(scope, call.getArguments()));
    return new LockRef(declared != null ? declared : mapped.lockClass(), call.toString(),
        mapped.identity(), mapped.shared());
  }

  /** Whether {@code e} is a call of an accessor that returns a lock. */
  public boolean isLockAccessor(Expression e) {
    return e instanceof MethodCallExpr call && accessorLock(call) != null;
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
    CallResolver.Resolved r = calls.resolve(call);
    if (r.selected() != null && r.selected().isStatic()) return null;
    Expression scope = call.getScope().orElse(null);
    String receiver = scope == null ? context(null, List.of(), r).receiverIdentity()
        : scope instanceof SuperExpr ? "this" : identity(scope);
    if (receiver == null || receiver.contains(":") && LockRef.localName(receiver) == null
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
    if (a instanceof NameExpr n && locals.get(n.getNameAsString()) != null
        && !modified().contains(n.getNameAsString())) {
      return identity(n);
    }
    return null;
  }

  /** The identity of local {@code name}: see {@link LocalOrigins}. */
  private String localIdentity(String name) {
    if (origins == null) origins = new LocalOrigins(method.node() != null ? method.node() : method.body());
    return origins.identity(name);
  }

  private static final Set<UnaryExpr.Operator> INCREMENTS =
      Set.of(UnaryExpr.Operator.PREFIX_INCREMENT, UnaryExpr.Operator.PREFIX_DECREMENT,
          UnaryExpr.Operator.POSTFIX_INCREMENT, UnaryExpr.Operator.POSTFIX_DECREMENT);

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

  /** The identity of a plain lock path ({@code this}, a parameter, {@code a.b}), or {@code null}. */
  public String identity(Expression e) {
    if (e instanceof ThisExpr t) return thisIdentity(t);
    // `super.m()` runs on this very object.
    if (e instanceof SuperExpr) return "this";
    if (e instanceof EnclosedExpr en) return identity(en.getInner());
    if (e instanceof NameExpr n) {
      Locals.Local l = locals.get(n.getNameAsString());
      if (l != null) {
        if (l.alias() != null) return l.alias().identity();
        return l.parameter() >= 0 ? "p" + l.parameter() : localIdentity(n.getNameAsString());
      }
      String name = n.getNameAsString();
      FieldInfo f = calls.field(name);
      if (f == null) return null;
      if (f.isStatic()) return "static:" + f.owner().fqn() + '.' + f.name();
      // A field of an enclosing class, read by its simple name in an inner class, is the
      // enclosing instance's (a sublist's `lock` is its list's `lock`).
      return outer(calls.fieldHolder(name).fqn()) + '.' + f.name();
    }
    if (e instanceof FieldAccessExpr fa) {
      String scopeType = calls.typeOfScope(fa.getScope());
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
    String type = calls.typeOf(t);
    return type == null ? "outer:?" + t.getTypeName().get() : outer(type);
  }

  /** The identity of the enclosing instance of type {@code type} (no dots: see {@link Identities}). */
  private String outer(String type) {
    return type.equals(owner.fqn()) ? "this" : "outer:" + type.replace('.', '/');
  }

  /** The receiver and arguments of a call, as the callee's frame maps to this method. */
  public CallContext context(Expression scope, List<Expression> args) {
    return context(scope, args, null);
  }

  /**
   * The receiver and arguments of a call. An unqualified call of an instance method that {@code
   * r} found in an enclosing class runs on the enclosing instance, not on {@code this}.
   */
  public CallContext context(Expression scope, List<Expression> args, CallResolver.Resolved r) {
    String recvId;
    String recvText;
    String recvClass;
    if (scope == null && r != null && r.selected() != null && !r.selected().isStatic()
        && r.receiverType() != null && !r.receiverType().equals(owner.fqn())) {
      recvId = outer(r.receiverType());
      recvText = LockNames.simple(r.receiverType()) + ".this";
      recvClass = names.ofType(r.receiverType());
    } else if (scope == null || scope instanceof SuperExpr) {
      recvId = "this";
      recvText = "this";
      recvClass = names.ofType(owner.fqn());
    } else {
      recvId = identity(scope);
      recvText = recvId == null ? null : scope.toString();
      recvClass = callerClass(scope, recvId);
    }
    // Renamed from the names the statically chosen method gives its receiver and parameters:
    // an override that dispatch reaches below it names its objects better than the caller.
    MethodInfo callee = r == null ? null : r.selected();
    CallContext.Renamed recvRenamed = callee == null || callee.isStatic() || recvClass == null ? null
        : new CallContext.Renamed(names.ofType(callee.owner().fqn()), recvClass);
    List<String> ids = new ArrayList<>(args.size());
    List<String> texts = new ArrayList<>(args.size());
    List<CallContext.Renamed> classes = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      Expression a = args.get(i);
      String id = identity(a);
      ids.add(id);
      // Text and class are only read where the identity maps a callee's lock to this argument.
      texts.add(id == null ? null : a.toString());
      boolean declared = callee == null || i >= callee.arity()
          || callee.parameterAnnotations().get(i).has(LockApi.LOCK_CLASS);
      String mine = declared ? null : callerClass(a, id);
      classes.add(mine == null ? null : new CallContext.Renamed(names.ofParameter(callee, i), mine));
    }
    return new CallContext(recvId, recvText, recvRenamed, ids, texts, classes, Map.of());
  }

  /**
   * The lock class this method knows the object {@code e} (of identity {@code id}) by, where it
   * should name the object a callee locks as {@code this} or a parameter ({@link CallContext}):
   * an object this method names by type (a parameter, a local, {@code this}), or a lock object
   * kept in a field ({@code Object}, {@code Lock}: the field is its only name). An object of
   * another type kept in a field keeps the callee's name, its type, which its own synchronized
   * methods use too. {@code null} when the callee's name stands.
   */
  private String callerClass(Expression e, String id) {
    if (id == null || id.equals(LockRef.UNKNOWN)) return null;
    if (id.indexOf('.') >= 0 || id.startsWith("static:")) {
      String type = calls.typeOf(e);
      if (type == null || !type.equals("java.lang.Object") && !names.isLockType(type)) {
        return null;
      }
    }
    return lockOf(e).lockClass();
  }

  /**
   * The scope a lambda written here starts with: this method's locals (effectively final
   * captures), as the very objects this method names, since when it runs the lambda they are
   * its own; then the lambda's own parameters.
   */
  public Locals capturedBy(List<String> parameterNames, List<String> parameterTypes) {
    Locals captured = new Locals();
    for (Iterator<Map<String, Locals.Local>> it = locals.outermostFirst(); it.hasNext(); ) {
      for (Map.Entry<String, Locals.Local> c : it.next().entrySet()) {
        Locals.Local v = c.getValue();
        LockRef same = (v.alias() != null ? v.alias() : lockOf(new NameExpr(c.getKey()))).captured();
        captured.declare(c.getKey(), new Locals.Local(v.type(), -1, same, v.userBuffer()));
      }
    }
    for (int i = 0; i < parameterNames.size(); i++) {
      captured.declare(parameterNames.get(i), new Locals.Local(parameterTypes.get(i), i, null, false));
    }
    return captured;
  }
}
