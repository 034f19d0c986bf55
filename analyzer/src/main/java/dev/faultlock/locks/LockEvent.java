package dev.faultlock.locks;

import dev.faultlock.faults.Supplied;
import dev.faultlock.findings.Location;
import dev.faultlock.source.MethodInfo;
import java.util.List;
import java.util.Set;

/**
 * What one method does that matters for locks and faults, in program order, each with the locks
 * held at that point (may-hold) and the lock classes a dominating {@code @SortedAcquire} covers
 * (must).
 */
public sealed interface LockEvent {
  Location at();

  List<Held> held();

  Set<String> covered();

  /** Acquires {@code lock}; {@code blocking} is false for {@code tryLock} and friends. */
  record Acquire(
      Location at, LockRef lock, boolean blocking, Witness step, List<Held> held,
      Set<String> covered)
      implements LockEvent {}

  /**
   * Calls {@code targets} (program methods) and, when {@code libraryType} is not {@code null},
   * the library method {@code libraryType.name}. Targets grow after extraction when lambdas are
   * bound to the functional interface the call is made on. {@code supplied} says which of the
   * caller's parameters the call hands on ({@code null} when none): what the alien-call rule
   * follows. {@code byObjects} says the targets are the points-to solver's, dispatched from the
   * program objects that flow to the receiver ({@code --points-to}), not chosen by class
   * hierarchy: what makes the call step of a witness {@code high} confidence.
   */
  record Call(
      Location at,
      String callee,
      String receiverType,
      String name,
      int argc,
      List<MethodInfo> targets,
      String libraryType,
      CallContext context,
      List<Held> held,
      Set<String> covered,
      Supplied supplied,
      boolean byObjects)
      implements LockEvent {
    /** A call as the front end resolves it, by class hierarchy. */
    public Call(
        Location at, String callee, String receiverType, String name, int argc,
        List<MethodInfo> targets, String libraryType, CallContext context, List<Held> held,
        Set<String> covered, Supplied supplied) {
      this(at, callee, receiverType, name, argc, targets, libraryType, context, held, covered,
          supplied, false);
    }

    /**
     * The record's hash of where the call is and what it names alone: equal calls still hash
     * alike, and its targets (an interface call's are hundreds of methods), context and held
     * locks were hashed each time a method's facts were recorded, for calls that differ in
     * place anyway.
     */
    @Override
    public int hashCode() {
      return (at.hashCode() * 31 + name.hashCode()) * 31 + argc;
    }

    /**
     * Whether {@code target} is a function this call runs as bound to its interface by shape (a
     * lambda, or a method reference: a method of another name), not the method it names.
     */
    public boolean runsAsFunction(MethodInfo target) {
      return CallContext.runsAsFunction(name, target);
    }

    /** The context {@code target} runs in at this call ({@link CallContext#forTarget}). */
    public CallContext contextOf(MethodInfo target) {
      return context.forTarget(name, target);
    }

    /**
     * Whether {@code lock}, taken by {@code target} when this call runs it, is the monitor of an
     * object this call creates ({@code new T(..)} whose constructor locks {@code this}): no other
     * thread can hold it before the constructor returns, so it orders nothing. (A constructor
     * that publishes {@code this} first defeats this; the JDK's constructors that lock
     * themselves, {@code Throwable.fillInStackTrace} above all, do not.)
     */
    public boolean createsTheObjectOf(MethodInfo target, LockRef lock) {
      return target != null
          && target.isConstructor()
          && context.receiverIdentity() == null
          && lock.identity().equals("this");
    }
  }

  /**
   * A copy that may fault in {@code domain}, such as a call touching a {@code @UserBuffer}.
   * {@code callee} is the call's target as traces name it, {@code what} the trace step.
   */
  record Fault(
      Location at, String domain, String callee, String what, List<Held> held, Set<String> covered)
      implements LockEvent {}
}
