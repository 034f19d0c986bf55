package dev.faultlock.rules.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.faultlock.catalog.LockApi;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Whether a compilation unit can hold anything the faultlock checkers report, decided by one
 * cheap scan of its tree before any of them looks closer: most files of a real code base take no
 * lock and carry no lock annotation, and for those every checker answers at once. A unit is
 * relevant when it has a {@code synchronized} method or block, a call named like a JDK lock
 * method, a call to a method with a lock annotation, or a faultlock, Error Prone or Checker
 * Framework lock annotation of its own. Nothing else makes a lock held or an annotation to check,
 * so skipping the others loses no finding.
 */
public final class LockRelevance {
  private static final Context.Key<LockRelevance> KEY = new Context.Key<>();

  /** The package of faultlock's annotations. */
  private static final NameSet OURS = new NameSet(Set.of("dev.faultlock.annotations"));

  /** The lock annotations of Error Prone and the Checker Framework that the checkers read. */
  private static final NameSet FOREIGN =
      new NameSet(Set.of(LockApi.EP_LOCK_METHOD, LockApi.EP_UNLOCK_METHOD, LockApi.EP_GUARDED_BY,
          LockApi.CF_HOLDING, LockApi.CF_GUARDED_BY, LockApi.CF_ENSURES_LOCK_HELD,
          LockApi.CF_ENSURES_LOCK_HELD_IF, LockApi.CF_RELEASES_NO_LOCKS, LockApi.CF_LOCKING_FREE,
          LockApi.CF_MAY_RELEASE_LOCKS));

  private CompilationUnitTree unit;
  private boolean relevant;

  private LockRelevance() {}

  /** Whether the compilation unit of {@code state}'s path is worth checking. */
  public static boolean relevant(VisitorState state) {
    LockRelevance cache = state.context.get(KEY);
    if (cache == null) {
      cache = new LockRelevance();
      state.context.put(KEY, cache);
    }
    CompilationUnitTree current = state.getPath().getCompilationUnit();
    if (current != cache.unit) {
      cache.unit = current;
      cache.relevant = scan(current);
    }
    return cache.relevant;
  }

  private static boolean scan(CompilationUnitTree unit) {
    Scanner scanner = new Scanner();
    scanner.scan(unit, null);
    return scanner.found;
  }

  private static boolean lockAnnotation(Symbol annotationType) {
    if (annotationType == null) {
      return false;
    }
    return OURS.contains(annotationType.packge().getQualifiedName())
        || FOREIGN.contains(annotationType.getQualifiedName());
  }

  /** Stops at the first sign of a lock. */
  private static final class Scanner extends TreeScanner<Void, Void> {
    boolean found;

    @Override
    public Void scan(Tree tree, Void unused) {
      return found ? null : super.scan(tree, unused);
    }

    @Override
    public Void visitSynchronized(SynchronizedTree tree, Void unused) {
      found = true;
      return null;
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      if (tree.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)) {
        found = true;
        return null;
      }
      return super.visitMethod(tree, unused);
    }

    @Override
    public Void visitAnnotation(AnnotationTree tree, Void unused) {
      found = lockAnnotation(ASTHelpers.getSymbol(tree.getAnnotationType()));
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      MethodSymbol method = ASTHelpers.getSymbol(tree);
      if (method != null
          && (LockOps.isJdkLockName(method.getSimpleName()) || annotated(method))) {
        found = true;
        return null;
      }
      return super.visitMethodInvocation(tree, unused);
    }

    private static boolean annotated(MethodSymbol method) {
      for (Attribute.Compound annotation : method.getRawAttributes()) {
        if (lockAnnotation(annotation.type.tsym)) {
          return true;
        }
      }
      return false;
    }
  }
}
