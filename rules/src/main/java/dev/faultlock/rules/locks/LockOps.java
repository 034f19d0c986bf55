package dev.faultlock.rules.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.util.Name;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.rules.locks.LockEffect.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a call does to held locks: the JDK lock APIs by name, and the lock annotations of faultlock,
 * Error Prone and the Checker Framework on the called method.
 */
public final class LockOps {
  private LockOps() {}

  private static final Supplier<Type> LOCK = VisitorState.memoize(s -> s.getTypeFromString(LockApi.LOCK));
  private static final Supplier<Type> STAMPED_LOCK =
      VisitorState.memoize(s -> s.getTypeFromString(LockApi.STAMPED_LOCK));

  /** Stamped-lock try methods that hold a lock on success; optimistic reads and conversions hold none new. */
  private static final Set<String> STAMPED_TRY_HOLDING = Set.of("tryWriteLock", "tryReadLock");

  /** Names of JDK lock methods: a call by any other name needs no subtype test. */
  private static final NameSet JDK_LOCK_METHODS =
      new NameSet(Stream.of(
              LockApi.LOCK_BLOCKING,
              LockApi.LOCK_TRY,
              LockApi.LOCK_RELEASE,
              LockApi.STAMPED_BLOCKING_EXCLUSIVE,
              LockApi.STAMPED_BLOCKING_SHARED,
              LockApi.STAMPED_TRY,
              LockApi.STAMPED_RELEASE)
          .flatMap(Set::stream)
          .collect(Collectors.toUnmodifiableSet()));

  /** The annotations by which a called method changes the locks its caller holds. */
  private static final NameSet EFFECT_ANNOTATIONS =
      new NameSet(Set.of(LockApi.ACQUIRES, LockApi.EP_LOCK_METHOD, LockApi.CF_ENSURES_LOCK_HELD,
          LockApi.TRY_ACQUIRES, LockApi.CF_ENSURES_LOCK_HELD_IF, LockApi.RELEASES,
          LockApi.EP_UNLOCK_METHOD, LockApi.SORTED_ACQUIRE));

  /**
   * Whether a call to {@code method} may change the locks its caller holds by the method's
   * annotations, whatever the call's receiver and arguments: one pass over its annotations before
   * any is read (most called methods carry none of these, though many carry others), and the test
   * for calls the compiler makes that the source does not show, such as an enhanced {@code for}'s
   * {@code iterator()}.
   */
  public static boolean annotatedWithEffects(MethodSymbol method) {
    for (Attribute.Compound annotation : method.getRawAttributes()) {
      if (EFFECT_ANNOTATIONS.contains(annotation.type.tsym.getQualifiedName())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name} is the name of a JDK lock method (whatever the receiver's type). */
  public static boolean isJdkLockName(Name name) {
    return JDK_LOCK_METHODS.contains(name);
  }

  /** The effects of {@code call}, in the order they happen; empty for most calls. */
  public static List<LockEffect> effects(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return List.of();
    }
    boolean jdkName = JDK_LOCK_METHODS.contains(method.getSimpleName());
    boolean annotated = annotatedWithEffects(method);
    boolean monitor = (method.flags() & Flags.SYNCHRONIZED) != 0;
    if (!jdkName && !annotated && !monitor) {
      return List.of();
    }
    List<LockEffect> effects = new ArrayList<>(1);
    if (jdkName) {
      jdk(call, method, state, effects);
    }
    if (annotated) {
      annotated(call, method, state, effects);
    }
    if (monitor) {
      LockRef monitorLock =
          method.isStatic()
              ? LockExpressions.classLiteral(method.owner.getSimpleName().toString())
              : LockExpressions.receiverOf(call, state);
      effects.add(new LockEffect(Kind.MONITOR_CALL, monitorLock, null));
    }
    return effects;
  }

  private static void jdk(
      MethodInvocationTree call, MethodSymbol method, VisitorState state, List<LockEffect> out) {
    Type receiver = ASTHelpers.getReceiverType(call);
    if (receiver == null || receiver.isPrimitive()) {
      return;
    }
    String name = method.getSimpleName().toString();
    Type stamped = STAMPED_LOCK.get(state);
    if (stamped != null && ASTHelpers.isSubtype(receiver, stamped, state)) {
      if (LockApi.STAMPED_BLOCKING_EXCLUSIVE.contains(name)
          || LockApi.STAMPED_BLOCKING_SHARED.contains(name)) {
        out.add(new LockEffect(Kind.ACQUIRE, LockExpressions.receiverOf(call, state), null));
      } else if (STAMPED_TRY_HOLDING.contains(name) && LockApi.STAMPED_TRY.contains(name)) {
        out.add(new LockEffect(Kind.TRY_ACQUIRE, LockExpressions.receiverOf(call, state), null));
      } else if (LockApi.STAMPED_RELEASE.contains(name)) {
        out.add(new LockEffect(Kind.RELEASE, LockExpressions.receiverOf(call, state), null));
      }
      return;
    }
    Type lock = LOCK.get(state);
    if (lock != null && ASTHelpers.isSubtype(receiver, lock, state)) {
      if (LockApi.LOCK_BLOCKING.contains(name)) {
        out.add(new LockEffect(Kind.ACQUIRE, LockExpressions.receiverOf(call, state), null));
      } else if (LockApi.LOCK_TRY.contains(name)) {
        out.add(
            new LockEffect(Kind.TRY_ACQUIRE_IF_TRUE, LockExpressions.receiverOf(call, state), null));
      } else if (LockApi.LOCK_RELEASE.contains(name)) {
        out.add(new LockEffect(Kind.RELEASE, LockExpressions.receiverOf(call, state), null));
      }
    }
  }

  private static void annotated(
      MethodInvocationTree call, MethodSymbol method, VisitorState state, List<LockEffect> out) {
    boolean returnsBoolean = method.getReturnType().getTag() == TypeTag.BOOLEAN;
    bind(call, method, LockApi.ACQUIRES, "value", Kind.ACQUIRE, state, out);
    bind(call, method, LockApi.EP_LOCK_METHOD, "value", Kind.ACQUIRE, state, out);
    bind(call, method, LockApi.CF_ENSURES_LOCK_HELD, "value", Kind.ACQUIRE, state, out);
    Kind tryKind = returnsBoolean ? Kind.TRY_ACQUIRE_IF_TRUE : Kind.TRY_ACQUIRE;
    bind(call, method, LockApi.TRY_ACQUIRES, "value", tryKind, state, out);
    bind(call, method, LockApi.CF_ENSURES_LOCK_HELD_IF, "expression", tryKind, state, out);
    bind(call, method, LockApi.RELEASES, "value", Kind.RELEASE, state, out);
    bind(call, method, LockApi.EP_UNLOCK_METHOD, "value", Kind.RELEASE, state, out);
    Annotations.value(method, LockApi.SORTED_ACQUIRE)
        .ifPresent(
            cls -> {
              if (!cls.isBlank()) {
                // The locks a @SortedAcquire method takes are the set it sorts: of its class,
                // whatever their declared types say.
                out.replaceAll(
                    e ->
                        e.kind() == Kind.ACQUIRE
                            ? new LockEffect(
                                Kind.ACQUIRE,
                                new LockRef(e.lock().key(), e.lock().display(), cls),
                                null)
                            : e);
              }
              out.add(new LockEffect(Kind.SORTED, null, cls));
            });
  }

  private static void bind(
      MethodInvocationTree call,
      MethodSymbol method,
      String annotation,
      String element,
      Kind kind,
      VisitorState state,
      List<LockEffect> out) {
    List<String> expressions =
        Annotations.strings(method, annotation, element).orElse(List.of());
    if (expressions.isEmpty()) {
      return;
    }
    LockRef self = method.isStatic() ? null : LockExpressions.receiverOf(call, state);
    List<? extends ExpressionTree> args = call.getArguments();
    for (String expression : expressions) {
      LockExpressions.Parse parse = LockExpressions.parse(expression, method, state);
      if (!parse.ok()) {
        continue; // AnnotationMisuse reports it at the declaration.
      }
      LockRef lock =
          LockExpressions.bind(
              parse.parsed(),
              self,
              i -> i < args.size() ? LockExpressions.of(args.get(i), state) : null);
      if (lock != null) {
        out.add(new LockEffect(kind, lock, null));
      }
    }
  }

  /**
   * The locks a method holds on entry by its own preconditions: {@code @Holding} (ours and the
   * Checker Framework's) and Error Prone's {@code @GuardedBy} on a method.
   */
  public static List<LockRef> heldOnEntry(MethodSymbol method, VisitorState state) {
    List<LockRef> held = new ArrayList<>();
    LockRef self = method.isStatic() ? null : LockExpressions.thisOf(method.owner);
    for (String annotation : List.of(LockApi.HOLDING, LockApi.CF_HOLDING, LockApi.EP_GUARDED_BY)) {
      for (String expression : Annotations.strings(method, annotation, "value").orElse(List.of())) {
        LockExpressions.Parse parse = LockExpressions.parse(expression, method, state);
        if (parse.ok()) {
          LockRef lock =
              LockExpressions.bind(
                  parse.parsed(), self, i -> LockExpressions.parameter(method.getParameters().get(i)));
          if (lock != null) {
            held.add(lock);
          }
        }
      }
    }
    return held;
  }
}
