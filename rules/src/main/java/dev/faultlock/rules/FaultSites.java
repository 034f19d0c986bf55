package dev.faultlock.rules;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.catalog.UserBufferCopies;
import dev.faultlock.rules.locks.Annotations;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Which calls may fault: a {@code @MayFault} method, a method named by {@code
 * -XepOpt:FaultUnderLock:FaultMethods}, or a call handed a {@code @UserBuffer} parameter as
 * receiver or argument that {@link UserBufferCopies} counts as a copy. A call to a {@code
 * @FaultsDisabled} method never faults.
 */
final class FaultSites {
  /** The flag naming extra faulting methods, {@code Type#method} or {@code Type#*}, comma-separated. */
  static final String FAULT_METHODS_FLAG = "FaultUnderLock:FaultMethods";

  /**
   * {@code Type#method} from the option; {@code owner} finds the type through javac's class
   * finder, once per compilation.
   */
  private record Pattern(String type, String method, Supplier<Type> owner) {
    Pattern(String type, String method) {
      this(type, method, VisitorState.memoize(state -> typeNamed(type, state)));
    }
  }

  private final ImmutableList<Pattern> extra;
  private final ImmutableList<String> malformed;

  FaultSites(ErrorProneFlags flags) {
    // The one syntax every pass reads (the whole-program pass's --fault-methods too).
    FaultMethods parsed = FaultMethods.parse(flags.getListOrEmpty(FAULT_METHODS_FLAG));
    List<Pattern> patterns = new ArrayList<>();
    for (FaultMethods.Pattern p : parsed.patterns()) {
      patterns.add(new Pattern(p.type(), p.method()));
    }
    this.extra = ImmutableList.copyOf(patterns);
    this.malformed = ImmutableList.copyOf(parsed.malformed());
  }

  /**
   * What is wrong with the {@code FaultMethods} option, one sentence per entry: not {@code
   * Type#method}, or a type javac cannot find. Empty when the option is fine.
   */
  List<String> optionProblems(VisitorState state) {
    List<String> problems = new ArrayList<>();
    for (String entry : malformed) {
      problems.add("-XepOpt:" + FAULT_METHODS_FLAG + ": " + FaultMethods.notTypeAndMethod(entry));
    }
    for (Pattern pattern : extra) {
      if (pattern.owner().get(state) == null) {
        problems.add("-XepOpt:" + FAULT_METHODS_FLAG + ": " + FaultMethods.typeNotFound(pattern.type()));
      }
    }
    return problems;
  }

  /** Why {@code call} may fault, such as {@code "@MayFault"}, or null when it cannot. */
  String reason(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || Annotations.has(method, LockApi.FAULTS_DISABLED)) {
      return null;
    }
    if (Annotations.has(method, LockApi.MAY_FAULT)) {
      return "@MayFault";
    }
    for (Pattern pattern : extra) {
      if ((pattern.method().equals("*") || method.getSimpleName().contentEquals(pattern.method()))
          && ownerIs(method, pattern.owner().get(state), state)) {
        return "-XepOpt:" + FAULT_METHODS_FLAG;
      }
    }
    return handedUserBuffer(call)
            && UserBufferCopies.isCopy(receiverType(call, state), method.getSimpleName().toString())
        ? "@UserBuffer"
        : null;
  }

  private static boolean handedUserBuffer(MethodInvocationTree call) {
    if (userBuffer(ASTHelpers.getReceiver(call))) {
      return true;
    }
    for (ExpressionTree arg : call.getArguments()) {
      if (userBuffer(arg)) {
        return true;
      }
    }
    return false;
  }

  private static boolean ownerIs(MethodSymbol method, Type type, VisitorState state) {
    return type != null && ASTHelpers.isSubtype(method.owner.type, type, state);
  }

  /**
   * The class with this canonical name, or null when the classpath has none. {@code
   * getTypeFromString} sees only the classes the sources have already made javac load, and the
   * option is pasted into projects (and modules of one build) that never mention {@code
   * FileChannel}; so it is looked up the way an annotation processor would, which reads it from
   * the classpath or the JDK.
   */
  private static Type typeNamed(String name, VisitorState state) {
    Type loaded = state.getTypeFromString(name);
    if (loaded != null) {
      return loaded;
    }
    TypeElement element = state.getElements().getTypeElement(name);
    return element == null ? null : (Type) element.asType();
  }

  /** The erased static type of the call's receiver, as {@link UserBufferCopies} names types. */
  private static String receiverType(MethodInvocationTree call, VisitorState state) {
    Type type = ASTHelpers.getReceiverType(call);
    return type == null ? null : state.getTypes().erasure(type).tsym.getQualifiedName().toString();
  }

  private static boolean userBuffer(ExpressionTree tree) {
    ExpressionTree expr = tree;
    while (expr instanceof ParenthesizedTree p) {
      expr = p.getExpression();
    }
    if (!(expr instanceof IdentifierTree)) {
      return false;
    }
    Symbol sym = ASTHelpers.getSymbol(expr);
    return sym != null
        && sym.getKind() == ElementKind.PARAMETER
        && Annotations.has(sym, LockApi.USER_BUFFER);
  }
}
