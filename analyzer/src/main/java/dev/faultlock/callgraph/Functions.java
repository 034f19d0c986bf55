package dev.faultlock.callgraph;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.faultlock.ir.LoweringContext;
import dev.faultlock.locks.Locals;
import dev.faultlock.locks.LockNaming;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lambdas and method references written in one method: the methods each stands for (a
 * lambda body becomes a {@link MethodInfo#lambda} of its own, numbered in the order they are
 * met, nested ones included), which functional interface it is bound to, and which library calls
 * run it while the caller still holds its locks.
 */
public final class Functions {
  /** Where a lambda body goes once it is a method: the front end walks it with its captures. */
  public interface LambdaBodies {
    void walk(MethodInfo lambda, Locals captured, Functions functions);
  }

  private final LoweringContext cx;
  private final ProgramIndex index;
  private final MethodInfo method;
  private final TypeInfo owner;
  private final Locals locals;
  private final CallResolver calls;
  private final LockNaming naming;
  private final Numbering numbering;
  private final LambdaBodies bodies;
  private final Map<Expression, List<MethodInfo>> functionsOf = new IdentityHashMap<>();

  /**
   * How the lambdas of one method and of the lambdas written in it are numbered: in the order
   * they are bound, depth first; those no call or variable binds ({@link #unbound}) after all of
   * them, so that binding ones keep their numbers whether or not unbound ones are walked.
   */
  public static final class Numbering {
    private int last;
    private final Deque<Runnable> later = new ArrayDeque<>();

    /** Walks the unbound lambdas, and those written in them, in the order they were met. */
    public void walkUnbound() {
      while (!later.isEmpty()) later.poll().run();
    }
  }

  /** {@code numbering} is shared with the lambdas' own {@code Functions}. */
  public Functions(LoweringContext cx, MethodInfo method, Locals locals,
      CallResolver calls, LockNaming naming, Numbering numbering, LambdaBodies bodies) {
    this.cx = cx;
    this.index = cx.index();
    this.method = method;
    this.owner = method.owner();
    this.locals = locals;
    this.calls = calls;
    this.naming = naming;
    this.numbering = numbering;
    this.bodies = bodies;
  }

  /** How lambdas written in this method (and in its lambdas) are numbered. */
  public Numbering numbering() {
    return numbering;
  }

  /** The element type of the collection a call's receiver names, when known. */
  public String elementOf(Expression scope) {
    if (scope instanceof NameExpr n) {
      Locals.Local l = locals.get(n.getNameAsString());
      return l == null ? null : l.element();
    }
    return null;
  }

  /**
   * Binds lambda and method-reference arguments to the program method's parameter types, or adds
   * them to {@code targets} where a library method runs them. Returns the receivers the method
   * references among those targets are bound to ({@code this::add} runs on {@code this}).
   */
  public Map<MethodInfo, String[]> lambdaArguments(
      List<Expression> args, CallResolver.Resolved r, String name, List<MethodInfo> targets,
      String element) {
    Map<MethodInfo, String[]> bound = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      Expression a = args.get(i);
      if (!(a instanceof LambdaExpr) && !(a instanceof MethodReferenceExpr)) continue;
      String paramType = null;
      if (r.selected() != null && i < r.selected().arity()) paramType = r.selected().parameterTypes().get(i);
      else if (!r.targets().isEmpty() && i < r.targets().get(0).arity()) {
        paramType = r.targets().get(0).parameterTypes().get(i);
      }
      List<MethodInfo> functions = functions(a, element);
      if (!r.targets().isEmpty() && paramType != null) {
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
  private boolean runsOnAnotherThread(CallResolver.Resolved r, String name) {
    if (r.libraryType() == null || r.receiverType() == null) return false;
    if (cx.names().isA(r.receiverType(), "java.util.concurrent.Executor")) {
      return name.equals("execute") || name.equals("submit") || name.startsWith("schedule");
    }
    if (cx.names().isA(r.receiverType(), "java.util.concurrent.CompletableFuture")) {
      return name.endsWith("Async");
    }
    return cx.names().isA(r.receiverType(), "java.util.Timer") && name.startsWith("schedule");
  }

  /**
   * The object a method reference is bound to ({@code this::m}, {@code super::m}, {@code
   * field::m}), as {@code {identity, text}}, or {@code null} (a type's method, an unknown value).
   */
  public String[] boundReceiver(MethodReferenceExpr ref) {
    Expression scope = referenceScope(ref);
    if (scope instanceof SuperExpr) return new String[] {"this", "this"};
    if (scope instanceof TypeExpr) return null;
    if (scope instanceof NameExpr n && locals.get(n.getNameAsString()) == null
        && calls.field(n.getNameAsString()) == null) {
      return null;
    }
    String id = naming.identity(scope);
    return id == null ? null : new String[] {id, scope.toString()};
  }

  /** Binds a lambda or method reference assigned to a variable of type {@code type}. */
  public void bindFunction(Expression value, String type) {
    if (type == null) return;
    if (value instanceof LambdaExpr || value instanceof MethodReferenceExpr) {
      for (MethodInfo f : functions(value, null)) cx.bindings().bind(type, f);
    }
  }

  /**
   * A method reference's scope. The parser reads a bare name before {@code ::} as a type ({@code
   * other::add} could name a class {@code other}); a local or field of that name is the variable.
   */
  public Expression referenceScope(MethodReferenceExpr ref) {
    if (ref.getScope() instanceof TypeExpr t && t.getType() instanceof ClassOrInterfaceType c
        && c.getScope().isEmpty() && c.getTypeArguments().isEmpty()
        && (locals.get(c.getNameAsString()) != null || calls.field(c.getNameAsString()) != null)) {
      return new NameExpr(c.getNameAsString());
    }
    return ref.getScope();
  }

  /**
   * The methods a lambda or method reference stands for; a lambda body is walked now. {@code
   * element} types a single untyped lambda parameter (the element of the collection it is
   * applied to), when known.
   */
  public List<MethodInfo> functions(Expression e, String element) {
    List<MethodInfo> known = functionsOf.get(e);
    if (known != null) return known;
    List<MethodInfo> out = new ArrayList<>();
    if (e instanceof LambdaExpr l) {
      functionsOf.put(e, out);
      lambda(l, element, out).run();
    } else if (e instanceof MethodReferenceExpr m) {
      out.addAll(referenced(m));
      functionsOf.put(e, out);
    }
    return out;
  }

  /**
   * The method a lambda stands for where nothing binds it (it is returned, cast, stored in a
   * field, passed to a library constructor): numbered and walked after the bound ones, with the
   * locals it captures here. The list is filled then.
   */
  public List<MethodInfo> unbound(LambdaExpr l) {
    List<MethodInfo> known = functionsOf.get(l);
    if (known != null) return known;
    List<MethodInfo> out = new ArrayList<>(1);
    functionsOf.put(l, out);
    numbering.later.add(lambda(l, null, out));
    return out;
  }

  /** Makes the method of {@code l} (adding it to {@code out}) and walks it, when run. */
  private Runnable lambda(LambdaExpr l, String element, List<MethodInfo> out) {
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (Parameter p : l.getParameters()) {
      names.add(p.getNameAsString());
      String declared = calls.type(p.getType());
      types.add(declared == null && l.getParameters().size() == 1 ? element : declared);
    }
    Locals captured = naming.capturedBy(names, types);
    return () -> {
      Node body = l.getBody() instanceof BlockStmt b ? b : null;
      int line = l.getBegin().map(p -> p.line).orElse(0);
      MethodInfo lambda = MethodInfo.lambda(method, ++numbering.last, names, types, l, body, line);
      out.add(lambda);
      bodies.walk(lambda, captured, this);
    };
  }

  private List<MethodInfo> referenced(MethodReferenceExpr m) {
    List<MethodInfo> out = new ArrayList<>();
    String name = m.getIdentifier();
    Expression scope = referenceScope(m);
    String type = scope instanceof TypeExpr t ? calls.type(t.getType())
        : scope instanceof ThisExpr ? owner.fqn()
        : scope instanceof SuperExpr ? calls.superclass(owner)
        : scope instanceof NameExpr n && locals.get(n.getNameAsString()) == null
            && calls.field(n.getNameAsString()) == null ? index.resolveName(n.getNameAsString(), owner)
        : calls.typeOf(scope);
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
    return out;
  }
}
