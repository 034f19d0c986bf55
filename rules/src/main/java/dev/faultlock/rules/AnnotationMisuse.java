package dev.faultlock.rules;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.PackageTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.TypeTag;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.catalog.Messages;
import dev.faultlock.catalog.Rule;
import dev.faultlock.rules.locks.Annotations;
import dev.faultlock.rules.locks.LockExpressions;
import dev.faultlock.rules.locks.LockRelevance;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;
import javax.tools.JavaFileObject;

/**
 * A faultlock annotation that cannot mean what it says, as far as one compilation unit shows: a
 * lock expression naming no parameter, field, {@code this} or {@code Type.class}; a {@code
 * @SortedAcquire} or {@code @LockClass} with no class; {@code @UserBuffer} on a primitive; and the
 * like. Lock expressions of Error Prone's and the Checker Framework's lock annotations are checked
 * the same way unless {@code -XepOpt:AnnotationMisuse:CheckForeignAnnotations=false}.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "AnnotationMisuse",
    altNames = Rule.SUPPRESS_ALL,
    summary =
        "A faultlock annotation cannot mean what it says: it names no parameter or field, or lacks"
            + " a lock class.",
    severity = ERROR,
    linkType = CUSTOM,
    link = "AnnotationMisuse.md in the faultlock-rules jar, or run: faultlock explain"
        + " AnnotationMisuse")
public final class AnnotationMisuse extends UnitChecker {
  private static final long serialVersionUID = 1L;

  /** Whether to check the lock expressions of Error Prone's and the Checker Framework's annotations. */
  static final String CHECK_FOREIGN_FLAG = "AnnotationMisuse:CheckForeignAnnotations";

  /** Our lock-expression annotations: element {@code value}, which must name at least one lock. */
  private static final List<String> OURS =
      List.of(LockApi.ACQUIRES, LockApi.TRY_ACQUIRES, LockApi.RELEASES, LockApi.HOLDING);

  /** Foreign lock-expression annotations on methods, and the element holding the expressions. */
  private static final List<String[]> FOREIGN =
      List.of(
          new String[] {LockApi.EP_LOCK_METHOD, "value"},
          new String[] {LockApi.EP_UNLOCK_METHOD, "value"},
          new String[] {LockApi.EP_GUARDED_BY, "value"},
          new String[] {LockApi.CF_HOLDING, "value"},
          new String[] {LockApi.CF_ENSURES_LOCK_HELD, "value"},
          new String[] {LockApi.CF_ENSURES_LOCK_HELD_IF, "expression"});

  private final boolean checkForeign;

  public AnnotationMisuse() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  public AnnotationMisuse(ErrorProneFlags flags) {
    this.checkForeign = flags.getBoolean(CHECK_FOREIGN_FLAG).orElse(true);
  }

  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    if (tree.getPackage() != null
        && tree.getSourceFile().isNameCompatible("package-info", JavaFileObject.Kind.SOURCE)) {
      checkLockOrder(tree.getPackage(), ASTHelpers.getSymbol(tree.getPackage()), state);
    }
    if (LockRelevance.relevant(state)) {
      for (TreePath site : LockSites.of(state).declarations()) {
        checkDeclaration(site, state);
      }
    }
    return Description.NO_MATCH;
  }

  /**
   * Checks one declaration where Error Prone would have called a matcher for it. Every check
   * reads the declaration's own annotations, and most declarations (every local variable of most
   * code) carry none: nothing to look up for them.
   */
  private void checkDeclaration(TreePath site, VisitorState state) {
    Tree tree = site.getLeaf();
    Symbol sym = ASTHelpers.getDeclaredSymbol(tree);
    if (sym == null || sym.getAnnotationMirrors().isEmpty() || suppressedAt(site, state)) {
      return;
    }
    VisitorState here = state.withPath(site);
    if (tree instanceof MethodTree method && sym instanceof MethodSymbol m) {
      checkMethod(method, m, here);
    } else if (tree instanceof VariableTree variable && sym instanceof VarSymbol v) {
      checkVariable(variable, v, here);
    } else if (tree instanceof ClassTree cls) {
      checkLockClassValue(cls, sym, here);
      checkLockOrder(cls, sym, here);
    }
  }

  private void checkMethod(MethodTree tree, MethodSymbol method, VisitorState state) {
    for (String annotation : OURS) {
      Optional<List<String>> expressions = Annotations.strings(method, annotation, "value");
      if (expressions.isPresent() && expressions.get().isEmpty()) {
        report(tree, annotation, "names no lock; name at least one, such as \"this\"", state);
      }
      expressions.ifPresent(e -> checkExpressions(tree, method, annotation, e, state));
    }
    if (checkForeign) {
      for (String[] foreign : FOREIGN) {
        Annotations.strings(method, foreign[0], foreign[1])
            .ifPresent(e -> checkExpressions(tree, method, foreign[0], e, state));
      }
    }
    Annotations.value(method, LockApi.SORTED_ACQUIRE)
        .filter(String::isBlank)
        .ifPresent(
            v ->
                report(tree, LockApi.SORTED_ACQUIRE,
                    "names no lock class; say which class it sorts, such as"
                        + " @SortedAcquire(\"inode\")",
                    state));
    if (Annotations.has(method, LockApi.TRY_ACQUIRES)
        && method.getReturnType().getTag() == TypeTag.VOID) {
      report(tree, LockApi.TRY_ACQUIRES,
          "`" + method.getSimpleName() + "` returns void, so its callers cannot tell whether it"
              + " got the lock; return boolean",
          state);
    }
    if (Annotations.has(method, LockApi.MAY_FAULT)
        && Annotations.has(method, LockApi.FAULTS_DISABLED)) {
      report(tree, LockApi.FAULTS_DISABLED,
          "`" + method.getSimpleName() + "` is also @MayFault: a method that runs with faults"
              + " disabled cannot fault",
          state);
    }
    if (Annotations.has(method, LockApi.LOCK_CLASS)
        && (method.getReturnType().isPrimitive()
            || method.getReturnType().getTag() == TypeTag.VOID)) {
      report(tree, LockApi.LOCK_CLASS,
          "on a method it names the class of the lock the method returns, but `"
              + method.getSimpleName() + "` returns no object",
          state);
    }
    checkLockClassValue(tree, method, state);
  }

  private void checkVariable(VariableTree tree, VarSymbol var, VisitorState state) {
    if (Annotations.has(var, LockApi.USER_BUFFER) && var.type.isPrimitive()) {
      report(tree, LockApi.USER_BUFFER,
          "`" + var.getSimpleName() + "` is a " + var.type + ": a primitive holds no caller memory",
          state);
    }
    if (Annotations.has(var, LockApi.LOCK_CLASS) && var.type.isPrimitive()) {
      report(tree, LockApi.LOCK_CLASS,
          "`" + var.getSimpleName() + "` is a " + var.type + ": a primitive cannot be a lock",
          state);
    }
    if (var.getKind() == ElementKind.FIELD || var.getKind() == ElementKind.PARAMETER) {
      checkLockClassValue(tree, var, state);
    }
  }

  private void checkExpressions(
      Tree tree, MethodSymbol method, String annotation, List<String> expressions,
      VisitorState state) {
    for (String expression : expressions) {
      LockExpressions.Parse parse = LockExpressions.parse(expression, method, state);
      if (!parse.ok()) {
        report(tree, annotation, parse.problem(), state);
      }
    }
  }

  private void checkLockClassValue(Tree tree, Symbol sym, VisitorState state) {
    Annotations.value(sym, LockApi.LOCK_CLASS)
        .filter(String::isBlank)
        .ifPresent(v -> report(tree, LockApi.LOCK_CLASS, "names no lock class", state));
  }

  private void checkLockOrder(Tree tree, Symbol sym, VisitorState state) {
    Optional<List<String>> order = Annotations.strings(sym, LockApi.LOCK_ORDER, "value");
    if (order.isEmpty()) {
      return;
    }
    if (order.get().size() < 2) {
      report(tree, LockApi.LOCK_ORDER, "orders nothing: name at least two lock classes", state);
    }
    Set<String> seen = new HashSet<>();
    for (String lockClass : order.get()) {
      if (lockClass.isBlank()) {
        report(tree, LockApi.LOCK_ORDER, "has a blank lock class", state);
      } else if (!seen.add(lockClass)) {
        report(tree, LockApi.LOCK_ORDER,
            "lists " + lockClass + " twice: a class cannot come both before and after another",
            state);
      }
    }
  }

  private void report(Tree owner, String annotation, String problem, VisitorState state) {
    String simpleName = annotation.substring(annotation.lastIndexOf('.') + 1);
    state.reportMatch(
        buildDescription(annotationTree(owner, annotation))
            .setMessage(Messages.annotationMisuse(simpleName, problem))
            .build());
  }

  /** The annotation's own tree, so the diagnostic points at it; else the annotated declaration. */
  private static Tree annotationTree(Tree owner, String annotation) {
    List<? extends AnnotationTree> annotations = List.of();
    if (owner instanceof MethodTree m) {
      annotations = m.getModifiers().getAnnotations();
    } else if (owner instanceof VariableTree v) {
      annotations = v.getModifiers().getAnnotations();
    } else if (owner instanceof ClassTree c) {
      annotations = c.getModifiers().getAnnotations();
    } else if (owner instanceof PackageTree p) {
      annotations = p.getAnnotations();
    }
    for (AnnotationTree a : annotations) {
      Symbol type = ASTHelpers.getSymbol(a.getAnnotationType());
      if (type != null && type.getQualifiedName().contentEquals(annotation)) {
        return a;
      }
    }
    return owner;
  }
}
