package dev.faultlock.locks;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import dev.faultlock.callgraph.CallResolver;
import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.catalog.UserBufferCopies;
import dev.faultlock.ir.CallSite;
import dev.faultlock.ir.LockOp;
import dev.faultlock.ir.LoweringContext;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call of a method does to the caller's locks and faults, as the caller names them: a
 * JDK lock API call on its receiver, the callee's lock annotations, a copy that touches a
 * {@code @UserBuffer} or that the user named in {@code FaultMethods}.
 */
public final class CallEffects {
  private final ProgramIndex index;
  private final LockNames names;
  private final Locals locals;
  private final LockNaming naming;
  private final FaultMethods faultMethods;

  public CallEffects(LoweringContext cx, Locals locals, LockNaming naming) {
    this.index = cx.index();
    this.faultMethods = cx.faultMethods();
    this.names = cx.names();
    this.locals = locals;
    this.naming = naming;
  }

  /**
   * {@code Lock.lock()}, {@code tryLock()}, {@code unlock()} and the {@code StampedLock} family
   * on {@code scope} of static type {@code type}: what it takes and gives back, or {@code null}
   * when the call is not one of them (an optimistic read is one that takes nothing).
   */
  public List<LockOp> jdkLockOps(Expression scope, String type, String name) {
    boolean lock = names.isA(type, LockApi.LOCK);
    boolean stamped = names.isA(type, LockApi.STAMPED_LOCK);
    if (!lock && !stamped) return null;
    if (lock && LockApi.LOCK_BLOCKING.contains(name)
        || stamped && LockApi.STAMPED_BLOCKING_EXCLUSIVE.contains(name)) {
      LockRef ref = naming.lockOf(scope);
      return List.of(new LockOp.Acquire(ref, true, "acquires " + ref.describe()));
    }
    if (lock && LockApi.LOCK_TRY.contains(name)) {
      LockRef ref = naming.lockOf(scope);
      return List.of(new LockOp.Acquire(ref, false, "tries " + ref.describe()));
    }
    if (lock && LockApi.LOCK_RELEASE.contains(name)
        || stamped && LockApi.STAMPED_RELEASE.contains(name)) {
      return List.of(new LockOp.Release(naming.lockOf(scope)));
    }
    if (stamped && LockApi.STAMPED_BLOCKING_SHARED.contains(name)) {
      LockRef ref = LockNaming.shared(naming.lockOf(scope));
      return List.of(new LockOp.Acquire(ref, true, "acquires " + ref.describe()));
    }
    if (stamped && LockApi.STAMPED_TRY.contains(name)) {
      if (name.equals("tryOptimisticRead") || name.startsWith("tryConvertToOptimistic")) {
        return List.of();
      }
      LockRef ref = naming.lockOf(scope);
      return List.of(new LockOp.Acquire(ref, false, "tries " + ref.describe()));
    }
    return null;
  }

  /**
   * What {@code @Acquires}, {@code @Releases}, {@code @SortedAcquire} and friends on the callee
   * {@code m} do to the caller, in that order; empty for {@code m == null}.
   */
  public List<LockOp> annotatedOps(MethodInfo m, CallContext context, String callee) {
    if (m == null) return List.of();
    List<LockOp> out = new ArrayList<>();
    for (LockRef mine :
        declaredLocks(m, context, LockApi.ACQUIRES, LockApi.EP_LOCK_METHOD, LockApi.CF_ENSURES_LOCK_HELD)) {
      out.add(new LockOp.Acquire(mine, true, "acquires " + mine.describe() + " by calling `" + callee + "`"));
    }
    for (LockRef mine :
        declaredLocks(m, context, LockApi.TRY_ACQUIRES, LockApi.CF_ENSURES_LOCK_HELD_IF)) {
      out.add(new LockOp.Acquire(mine, false, "tries " + mine.describe() + " by calling `" + callee + "`"));
    }
    for (LockRef mine : declaredLocks(m, context, LockApi.RELEASES, LockApi.EP_UNLOCK_METHOD)) {
      out.add(new LockOp.Release(mine));
    }
    String sorted = m.annotations().value(LockApi.SORTED_ACQUIRE);
    if (sorted != null && !sorted.isEmpty()) {
      out.add(new LockOp.SortedAcquire(sorted,
          "acquires the " + sorted + " locks in sorted order by calling `" + callee + "`"));
    }
    return out;
  }

  /** The locks named by {@code annotations} on {@code m}, as the caller at {@code context} sees them. */
  private List<LockRef> declaredLocks(MethodInfo m, CallContext context, String... annotations) {
    List<LockRef> out = new ArrayList<>();
    for (String ann : annotations) {
      for (String expr : m.annotations().values(ann)) {
        LockRef ref = LockExpressions.resolve(expr, m, index, names);
        if (ref != null) out.add(ref.asSeenBy(context));
      }
    }
    return out;
  }

  /**
   * The copy a call may fault in: its receiver or an argument is a {@code @UserBuffer}
   * parameter, and not every program method it runs copies with faults disabled. {@code null}
   * when there is none.
   */
  public CallSite.FaultSite userBufferFault(
      Expression scope, List<Expression> args, CallResolver.Resolved r, String name,
      String callee) {
    // The one definition both passes share: Buffer bookkeeping (remaining()) copies nothing.
    if (allFaultsDisabled(r.targets()) || !UserBufferCopies.isCopy(r.receiverType(), name)) {
      return null;
    }
    String buffer = null;
    if (scope instanceof NameExpr n && isUserBuffer(n.getNameAsString())) buffer = n.getNameAsString();
    for (Expression a : args) {
      if (buffer == null && a instanceof NameExpr n && isUserBuffer(n.getNameAsString())) {
        buffer = n.getNameAsString();
      }
    }
    return buffer == null ? null
        : new CallSite.FaultSite("", "`" + callee + "` touches @UserBuffer `" + buffer + "`");
  }

  /**
   * The copy a call makes because the user named its method in {@code FaultMethods} ({@code
   * java.nio.channels.FileChannel#transferTo}): the class that declares the method it calls is
   * the pattern's type or a subtype, as at compile time. {@code null} when no pattern names it.
   */
  public CallSite.FaultSite listedFault(CallResolver.Resolved r, String name, String callee) {
    if (faultMethods.patterns().isEmpty() || allFaultsDisabled(r.targets())) return null;
    MethodInfo named = r.named();
    String owner = named != null ? named.owner().fqn()
        : r.libraryType() != null ? r.libraryType() : r.receiverType();
    for (FaultMethods.Pattern p : faultMethods.patterns()) {
      if (p.matchesName(name) && index.isSubtype(owner, p.type())) {
        return new CallSite.FaultSite("", FaultMethods.listedCopy(callee));
      }
    }
    return null;
  }

  /** A callee that copies with faults disabled may be handed the user's buffer safely. */
  private static boolean allFaultsDisabled(List<MethodInfo> targets) {
    if (targets.isEmpty()) return false;
    for (MethodInfo t : targets) if (!t.annotations().has(LockApi.FAULTS_DISABLED)) return false;
    return true;
  }

  private boolean isUserBuffer(String name) {
    Locals.Local l = locals.get(name);
    return l != null && l.userBuffer();
  }
}
