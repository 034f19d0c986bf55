package dev.faultlock.callgraph;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.faultlock.ir.LoweringContext;
import dev.faultlock.locks.Locals;
import dev.faultlock.locks.LockNames;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static types of one method's expressions and the methods its calls may run: our own, fast
 * resolution against the program index (the symbol solver only for library types, through the
 * index). Names are read against {@link Locals} as the walk over the method has them.
 */
public final class CallResolver {
  /** A resolved call: the program methods it may run and, for library methods, their type. */
  public record Resolved(
      String receiverType, MethodInfo selected, List<MethodInfo> targets, String libraryType,
      String returnType) {
    /** The method the call names: the one selected, or the first target. */
    public MethodInfo named() {
      return selected != null ? selected : targets.isEmpty() ? null : targets.get(0);
    }

    /** The call as traces name it ({@code Inode.read}). */
    public String display(String name) {
      MethodInfo m = named();
      if (m != null) return m.display();
      if (receiverType != null) return LockNames.simple(receiverType) + '.' + name;
      return name;
    }
  }

  private static final Resolved UNRESOLVED = new Resolved(null, null, List.of(), null, null);

  private final LoweringContext cx;
  private final ProgramIndex index;
  private final MethodInfo method;
  private final TypeInfo owner;
  private final Locals locals;
  private final Map<Expression, Resolved> resolvedCalls = new IdentityHashMap<>();

  public CallResolver(LoweringContext cx, MethodInfo method, Locals locals) {
    this.cx = cx;
    this.index = cx.index();
    this.method = method;
    this.owner = method.owner();
    this.locals = locals;
  }

  public Resolved resolve(MethodCallExpr call) {
    Resolved r = resolvedCalls.get(call);
    if (r == null) {
      r = doResolve(call);
      resolvedCalls.put(call, r);
    }
    return r;
  }

  /**
   * The program constructor {@code new T(..)}, {@code this(..)} or {@code super(..)} runs, or
   * {@code null} (a library type's, an anonymous class's, one the index does not have).
   */
  public Resolved constructor(Node node) {
    if (node instanceof ObjectCreationExpr o) {
      if (o.getAnonymousClassBody().isPresent()) return null;
      return constructor(typeOf(o), o.getArguments().size(), argTypes(o.getArguments()));
    }
    ExplicitConstructorInvocationStmt c = (ExplicitConstructorInvocationStmt) node;
    return constructor(c.isThis() ? owner.fqn() : superclass(owner), c.getArguments().size(),
        argTypes(c.getArguments()));
  }

  /** The superclass constructor without arguments a constructor runs when it calls none. */
  public Resolved implicitSuper() {
    return constructor(superclass(owner), 0, List.of());
  }

  private Resolved constructor(String type, int argc, List<String> argTypes) {
    TypeInfo t = index.type(type);
    if (t == null) return null;
    MethodInfo ctor = index.findMethod(t, "<init>", argc, argTypes);
    if (ctor == null || ctor.owner() != t) return null;
    return new Resolved(type, ctor, List.of(ctor), null, type);
  }

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

  /**
   * A call the source does not spell ({@code toString()} of a concatenated operand, an enhanced
   * {@code for}'s {@code iterator()}, a resource's {@code close()}): {@code name} with no
   * arguments on a receiver of static type {@code type}, resolved like a written call; {@code
   * onJdkView} when the receiver is an iterator or view a JDK collection made.
   */
  public Resolved implicit(String type, String name, boolean onJdkView) {
    if (type == null) return UNRESOLVED;
    Resolved r = inType(type, name, 0, null, true);
    if (r == null) return UNRESOLVED;
    if (type.equals("java.lang.Object") && r.selected == null) {
      List<MethodInfo> own = cx.dispatch().objectMethod(method, name, 0);
      if (!own.isEmpty()) return new Resolved(type, null, own, r.libraryType, r.returnType);
    }
    if (r.libraryType != null && r.selected == null && onJdkView) {
      return new Resolved(r.receiverType, null, List.of(), r.libraryType, r.returnType);
    }
    return r;
  }

  /** Whether {@code e} reads a field of this object or an enclosing one ({@code inner}, {@code this.inner}). */
  private boolean isOwnField(Expression e) {
    if (e instanceof NameExpr n) return locals.get(n.getNameAsString()) == null && field(n.getNameAsString()) != null;
    return e instanceof FieldAccessExpr fa && fa.getScope() instanceof ThisExpr
        && field(fa.getNameAsString()) != null;
  }

  /**
   * Whether {@code e} is a view or iterator made by a JDK collection ({@code map.entrySet()},
   * {@code list.iterator()}, a local holding one): the result of a {@code java.util} method
   * that runs no program code, of a {@code java.util} type.
   */
  public boolean isJdkView(Expression e) {
    while (e instanceof EnclosedExpr en) e = en.getInner();
    if (e instanceof NameExpr n) {
      Locals.Local l = locals.get(n.getNameAsString());
      return l != null && l.jdkView();
    }
    if (!(e instanceof MethodCallExpr call) || call.getScope().isEmpty()) return false;
    return isJdkView(resolve(call));
  }

  /** Whether what {@code r} returns is a view or iterator a JDK collection made. */
  public static boolean isJdkView(Resolved r) {
    return r.libraryType != null && r.selected == null && r.targets.isEmpty()
        && r.libraryType.startsWith("java.util.") && r.returnType != null
        && r.returnType.startsWith("java.util.");
  }

  /** Resolves a call of {@code name} on a receiver of static type {@code type}, or {@code null}. */
  private Resolved inType(String type, String name, int argc, MethodCallExpr call, boolean virtual) {
    if (type == null) return null;
    TypeInfo t = index.type(type);
    if (t != null) {
      MethodInfo selected = index.findMethod(t, name, argc,
          call == null ? List.of() : argTypes(call.getArguments()));
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
  public String typeOfScope(Expression scope) {
    if (scope instanceof NameExpr n) {
      String name = n.getNameAsString();
      Locals.Local l = locals.get(name);
      if (l != null) return l.type();
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
  public String typeOf(Expression e) {
    if (e instanceof NameExpr n) {
      Locals.Local l = locals.get(n.getNameAsString());
      return l != null ? l.type() : fieldType(n.getNameAsString());
    }
    if (e instanceof ThisExpr t) {
      return t.getTypeName().isPresent() ? index.resolveName(t.getTypeName().get().asString(), owner)
          : owner.fqn();
    }
    if (e instanceof FieldAccessExpr fa) {
      String scopeType = fa.getScope() instanceof NameExpr n && locals.get(n.getNameAsString()) == null
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

  public String fieldType(String name) {
    FieldInfo f = field(name);
    return f == null ? null : f.type();
  }

  /** A field visible by simple name: in the owner, its supertypes, or an enclosing type. */
  public FieldInfo field(String name) {
    TypeInfo holder = fieldHolder(name);
    return holder == null ? null : index.field(holder, name);
  }

  /** The innermost type, this one or an enclosing one, in which {@code name} is a field. */
  public TypeInfo fieldHolder(String name) {
    for (TypeInfo t = owner; t != null; t = t.outer()) {
      if (index.field(t, name) != null) return t;
    }
    return null;
  }

  /** A written type, resolved in this method. */
  public String type(Type t) {
    String r = index.resolveType(t, owner, method.typeParameters());
    if (r != null || !(t instanceof ClassOrInterfaceType c) || c.getScope().isPresent()
        || !index.hasLocalType(c.getNameAsString())) {
      return r;
    }
    return localType(t, c.getNameAsString());
  }

  /**
   * The local class or record named {@code name} where {@code at} is: declared by a statement
   * of a block around it (javac's {@code Top$1Name}). Without it, {@code new Adapter()} of a
   * local {@code Adapter} was an object of no type, which every declared type admits: on
   * java.base 211 such objects held 13 % of the points-to facts.
   */
  private String localType(Node at, String name) {
    for (Node n = at; n != null; n = n.getParentNode().orElse(null)) {
      if (!(n instanceof BlockStmt block)) continue;
      for (Statement s : block.getStatements()) {
        TypeDeclaration<?> d = s instanceof LocalClassDeclarationStmt lc ? lc.getClassDeclaration()
            : s instanceof LocalRecordDeclarationStmt lr ? lr.getRecordDeclaration() : null;
        if (d != null && d.getNameAsString().equals(name)) {
          TypeInfo local = index.localType(d);
          return local == null ? null : local.fqn();
        }
      }
    }
    return null;
  }

  /** The one type argument of a declared type ({@code List<Memory>}: {@code Memory}), or {@code null}. */
  public String element(Type t) {
    if (t instanceof ClassOrInterfaceType c && c.getTypeArguments().isPresent()
        && c.getTypeArguments().get().size() == 1) {
      return type(c.getTypeArguments().get().get(0));
    }
    return null;
  }

  /** The superclass of {@code t} ({@code java.lang.Object} for interfaces and the unknown). */
  public String superclass(TypeInfo t) {
    if (!t.isInterface() && !t.supertypes().isEmpty()) {
      String first = t.supertypes().get(0);
      TypeInfo p = index.type(first);
      if (p == null || !p.isInterface()) return first;
    }
    return "java.lang.Object";
  }
}
