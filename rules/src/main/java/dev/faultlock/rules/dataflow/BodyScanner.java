package dev.faultlock.rules.dataflow;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePathScanner;

/**
 * Scans one method or lambda body and nothing nested in it that is a body of its own: a class
 * (anonymous or local) or a lambda runs on its own terms, with the locks of its own code.
 */
public abstract class BodyScanner<R, P> extends TreePathScanner<R, P> {
  private final Tree unit;

  /** A scanner of the body of {@code unit}, a method or lambda. */
  protected BodyScanner(Tree unit) {
    this.unit = unit;
  }

  @Override
  public R visitClass(ClassTree tree, P p) {
    return null;
  }

  @Override
  public R visitLambdaExpression(LambdaExpressionTree tree, P p) {
    return tree == unit ? super.visitLambdaExpression(tree, p) : null;
  }
}
