package dev.faultlock.locks;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a method's locals get their objects, as lock identities tell it: a local that only ever
 * holds objects the method makes ({@link LockRef#FRESH}), one that walks a linked structure
 * ({@link LockRef#WALKED}), or a plain one. Read off the method's syntax tree once, by name.
 */
final class LocalOrigins {
  private final Node code;
  private Set<String> fresh;
  private Set<String> walked;

  /** {@code code}: the method's declaration, or its body; {@code null} when there is none. */
  LocalOrigins(Node code) {
    this.code = code;
  }

  /** The identity of local {@code name}: fresh, walked or a plain local. */
  String identity(String name) {
    String root = fresh().contains(name) ? LockRef.FRESH
        : walked().contains(name) ? LockRef.WALKED : LockRef.LOCAL;
    return root + name;
  }

  /**
   * The locals this method walks a linked structure with: {@code current} is only ever read off
   * another local ({@code current = parent.getEntry(key)}, {@code current = parent.next}), and
   * that local is only ever a plain copy of {@code current} or of where the walk starts ({@code
   * parent = root}, {@code parent = (Dir) current}). Memoryfilesystem's path walks, root down.
   */
  private Set<String> walked() {
    if (walked == null) {
      walked = new HashSet<>();
      if (code == null) return walked;
      Map<String, List<Expression>> writes = new HashMap<>();
      for (VariableDeclarator d : code.findAll(VariableDeclarator.class)) {
        List<Expression> w = writes.computeIfAbsent(d.getNameAsString(), k -> new ArrayList<>());
        w.add(d.getInitializer().orElse(null));
      }
      for (AssignExpr a : code.findAll(AssignExpr.class)) {
        if (!(a.getTarget() instanceof NameExpr n)) continue;
        writes.computeIfAbsent(n.getNameAsString(), k -> new ArrayList<>())
            .add(a.getOperator() == AssignExpr.Operator.ASSIGN ? a.getValue() : null);
      }
      Set<String> bound = handedIn();
      for (Map.Entry<String, List<Expression>> c : writes.entrySet()) {
        String step = bound.contains(c.getKey()) ? null : steppedFrom(c.getValue());
        if (step == null || step.equals(c.getKey()) || bound.contains(step)) continue;
        List<Expression> back = writes.get(step);
        if (back == null) continue;
        boolean carried = false;
        boolean copies = true;
        for (Expression e : back) {
          String from = e == null ? null : copied(e);
          if (from == null) copies = false;
          else carried |= from.equals(c.getKey());
        }
        if (copies && carried) walked.add(c.getKey());
      }
    }
    return walked;
  }

  /** The one local every write of {@code values} reads a field or calls a method of, or null. */
  private static String steppedFrom(List<Expression> values) {
    String from = null;
    for (Expression v : values) {
      v = unwrapped(v);
      Expression scope = v instanceof MethodCallExpr call ? call.getScope().orElse(null)
          : v instanceof FieldAccessExpr fa ? fa.getScope() : null;
      if (!(scope instanceof NameExpr n) || from != null && !from.equals(n.getNameAsString())) {
        return null;
      }
      from = n.getNameAsString();
    }
    return from;
  }

  /** The name {@code e} copies ({@code root}, {@code (Dir) current}), or null. */
  private static String copied(Expression e) {
    return unwrapped(e) instanceof NameExpr n ? n.getNameAsString() : null;
  }

  /** {@code e} without the parentheses and casts around it. */
  private static Expression unwrapped(Expression e) {
    while (e instanceof EnclosedExpr || e instanceof CastExpr) {
      e = e instanceof EnclosedExpr en ? en.getInner() : ((CastExpr) e).getExpression();
    }
    return e;
  }

  /**
   * The names that hold what they are handed: parameters (of the method, its lambdas, its catch
   * clauses) and loop variables.
   */
  private Set<String> handedIn() {
    Set<String> names = new HashSet<>();
    for (Parameter p : code.findAll(Parameter.class)) names.add(p.getNameAsString());
    for (ForEachStmt each : code.findAll(ForEachStmt.class)) {
      each.getVariable().getVariables().forEach(v -> names.add(v.getNameAsString()));
    }
    return names;
  }

  /**
   * The locals of this method that only ever hold objects it makes: every value written to
   * them is a {@code new T(..)} (or {@code null}), at least one is, and every read of them
   * calls a method on them, reads or writes one of their fields, locks them, compares them,
   * hands them to a call as an argument or returns them; none stores them or reads them inside
   * a lambda or a class body. A returned object reaches its caller only once this method is
   * done, so every lock this method takes on it is taken on an object no one else has yet
   * (jdk.zipfs's {@code newByteChannel} writes to the channel it makes, then returns it).
   * Judged by name over the whole body (two locals of one name count as one), so a name is
   * fresh only if every use of it is.
   */
  private Set<String> fresh() {
    if (fresh == null) {
      fresh = new HashSet<>();
      if (code == null) return fresh;
      Set<String> spoilt = handedIn();
      for (VariableDeclarator d : code.findAll(VariableDeclarator.class)) {
        Expression init = d.getInitializer().orElse(null);
        if (init == null || init instanceof NullLiteralExpr) continue;
        (isNew(init) ? fresh : spoilt).add(d.getNameAsString());
      }
      for (AssignExpr a : code.findAll(AssignExpr.class)) {
        if (!(a.getTarget() instanceof NameExpr n)) continue;
        boolean plain = a.getOperator() == AssignExpr.Operator.ASSIGN;
        if (plain && isNew(a.getValue())) fresh.add(n.getNameAsString());
        else if (!plain || !(a.getValue() instanceof NullLiteralExpr)) spoilt.add(n.getNameAsString());
      }
      for (NameExpr n : code.findAll(NameExpr.class)) {
        if (fresh.contains(n.getNameAsString()) && !keepsItHere(n, code)) spoilt.add(n.getNameAsString());
      }
      fresh.removeAll(spoilt);
    }
    return fresh;
  }

  private static boolean isNew(Expression e) {
    while (e instanceof EnclosedExpr en) e = en.getInner();
    return e instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isEmpty();
  }

  /** Whether the read {@code n} leaves its object where it was: see {@link #fresh()}. */
  private static boolean keepsItHere(NameExpr n, Node code) {
    for (Node up = n.getParentNode().orElse(null); up != null && up != code; up = up.getParentNode().orElse(null)) {
      if (up instanceof LambdaExpr || up instanceof BodyDeclaration<?>) return false;
    }
    Node parent = n.getParentNode().orElse(null);
    // Its receiver or an argument of a call or `new`, the scope of a field access, a monitor.
    if (parent instanceof MethodCallExpr || parent instanceof ObjectCreationExpr
        || parent instanceof FieldAccessExpr || parent instanceof SynchronizedStmt) {
      return true;
    }
    if (parent instanceof ReturnStmt) return true;
    if (parent instanceof AssignExpr a) return a.getTarget() == n;
    if (parent instanceof BinaryExpr b) {
      return b.getOperator() == BinaryExpr.Operator.EQUALS || b.getOperator() == BinaryExpr.Operator.NOT_EQUALS;
    }
    return false;
  }
}
