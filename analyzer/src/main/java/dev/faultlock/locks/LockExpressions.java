package dev.faultlock.locks;

import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;

/**
 * Lock expressions written in annotations ({@code "this"}, {@code "lock"}, {@code "inode"},
 * {@code "inode.lock"}, {@code "Type.class"}) and the locks that accessor methods return.
 */
public final class LockExpressions {
  private LockExpressions() {}

  /** The lock {@code expr} names in {@code m}, or {@code null} when it names nothing there. */
  public static LockRef resolve(String expr, MethodInfo m, ProgramIndex index, LockNames names) {
    String e = expr.strip();
    TypeInfo owner = m.owner();
    if (e.equals("this")) return new LockRef(names.ofType(owner.fqn()), "this", "this", false);
    if (e.endsWith(".class")) {
      String type = index.resolveName(e.substring(0, e.length() - ".class".length()), owner);
      return type == null ? null : new LockRef(names.ofType(type), e, "class:" + type, false);
    }
    int dot = e.indexOf('.');
    String root = dot < 0 ? e : e.substring(0, dot);
    String rest = dot < 0 ? null : e.substring(dot + 1);
    int p = m.parameterNames().indexOf(root);
    String rootType;
    String rootId;
    if (p >= 0) {
      if (rest == null) return new LockRef(names.ofParameter(m, p), e, "p" + p, false);
      rootType = m.parameterTypes().get(p);
      rootId = "p" + p;
    } else if (root.equals("this") && rest != null) {
      rootType = owner.fqn();
      rootId = "this";
    } else {
      FieldInfo f = index.field(owner, root);
      if (f == null) return null;
      String id = f.isStatic() ? "static:" + f.owner().fqn() + '.' + f.name() : "this." + f.name();
      if (rest == null) return new LockRef(names.ofField(f), e, id, false);
      rootType = f.type();
      rootId = id;
    }
    if (rest.contains(".")) return null;
    TypeInfo t = index.type(rootType);
    FieldInfo f = t == null ? null : index.field(t, rest);
    if (f == null) return null;
    return new LockRef(names.ofField(f), e, rootId + '.' + rest, false);
  }

  /**
   * The lock an accessor returns, relative to the accessor ({@code this.lock}), in its mode:
   * {@code return lock;}, {@code return this.lock;}, {@code return lock.readLock();}. {@code
   * null} when the method is not such an accessor.
   */
  public static LockRef returned(MethodInfo m, ProgramIndex index, LockNames names) {
    if (!(m.body() instanceof BlockStmt body) || body.getStatements().size() != 1) return null;
    Statement only = body.getStatement(0);
    if (!(only instanceof ReturnStmt r) || r.getExpression().isEmpty()) return null;
    Expression e = r.getExpression().get();
    while (e instanceof EnclosedExpr en) e = en.getInner();
    boolean shared = false;
    if (e instanceof MethodCallExpr call && call.getArguments().isEmpty() && call.getScope().isPresent()
        && (call.getNameAsString().equals(LockApi.RW_READ)
            || call.getNameAsString().equals(LockApi.RW_WRITE))) {
      shared = call.getNameAsString().equals(LockApi.RW_READ);
      e = call.getScope().get();
    }
    FieldInfo f = null;
    if (e instanceof NameExpr n && !m.parameterNames().contains(n.getNameAsString())) {
      f = index.field(m.owner(), n.getNameAsString());
    } else if (e instanceof FieldAccessExpr fa && fa.getScope() instanceof ThisExpr) {
      f = index.field(m.owner(), fa.getNameAsString());
    }
    if (f == null || f.type() == null || !names.isLockType(f.type())) return null;
    String id = f.isStatic() ? "static:" + f.owner().fqn() + '.' + f.name() : "this." + f.name();
    return new LockRef(names.ofField(f), f.name(), id, shared);
  }
}
