package dev.faultlock.locks;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.faultlock.catalog.LockApi;

/**
 * Recognises code that orders two locks of one class before taking them: a comparison of two
 * owners' keys ({@code if (a.id() < b.id())}, {@code a.id < b.id ? a : b}), {@code compareTo},
 * {@code Comparator.compare}, {@code System.identityHashCode}.
 */
public final class OrderingGuards {
  private OrderingGuards() {}

  public static boolean present(Node body) {
    for (MethodCallExpr call : body.findAll(MethodCallExpr.class)) {
      if (LockApi.ORDERING_CALLS.contains(call.getNameAsString())) return true;
    }
    for (BinaryExpr b : body.findAll(BinaryExpr.class)) {
      switch (b.getOperator()) {
        case LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> {
          if (key(b.getLeft()) && key(b.getRight())) return true;
        }
        default -> {}
      }
    }
    return false;
  }

  /** A key of a lock owner: {@code a.id}, {@code a.id()}, {@code a.number()}, not a literal. */
  private static boolean key(Expression e) {
    return e instanceof FieldAccessExpr f && f.getScope() instanceof NameExpr
        || e instanceof MethodCallExpr m && m.getScope().isPresent() && m.getArguments().isEmpty();
  }
}
