package dev.faultlock.analyzer;

import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.LockRef;
import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * How sure each step of a witness is, and so its finding ({@link
 * dev.faultlock.findings.Finding#confidence()}: the least sure step). Two inputs decide it:
 *
 * <ul>
 *   <li><b>How a call was resolved</b> ({@link #ofCall}), for the target the witness goes into:
 *       {@link Confidence#LOW} when class hierarchy chose it among implementations by the
 *       receiver's declared type (an override in a subtype of it, a program class implementing a
 *       library interface), since nothing says the receiver is ever that object, and when it is
 *       one of several lambdas or method references bound to the call's interface by their
 *       shape; the declared method itself (a {@code @MayFault} interface method) is what the call
 *       is known to run. A static, private, final, constructor or {@code super} call runs the one
 *       method it names, and so does a virtual call whose declared type has no overriding
 *       subtype: {@link Confidence#HIGH}. An alien call's step into the program's implementation
 *       of the caller's object is judged likewise ({@link #ofHandler}).
 *   <li><b>Where a lock comes from</b> ({@link #ofLock}), as the method the finding is reported
 *       in names it: {@link Confidence#LOW} for an object its callers hand in from outside the
 *       program, a parameter of a public entry point (or of a lambda, which a library runs) the
 *       lock is named through ({@code p0}, {@code p1.lock}), and for the monitor of an object
 *       the method itself makes and keeps in a local, which no other thread has unless a call
 *       publishes it ({@code new:x}). A field, a global, another local or a lock the analysis
 *       cannot name are the program's own: {@link Confidence#HIGH}.
 * </ul>
 *
 * <p>With points-to ({@code --points-to}) both questions have better answers. A call the solver
 * dispatched from the program objects that reach its receiver ({@link LockEvent.Call#byObjects})
 * runs exactly its targets: {@code HIGH}; one that fell back keeps the class-hierarchy answer
 * above. Locks are still judged by their naming, with or without points-to: a lock whose
 * points-to set holds a symbolic object (an entry point's parameter, a library call's result)
 * would be {@code LOW} through {@link #lock(boolean)}, which is not fed from points-to yet.
 */
public final class FindingConfidence {
  private FindingConfidence() {}

  /** A call's confidence from one fact: {@code byHierarchy}, its target chosen by class hierarchy. */
  public static Confidence call(boolean byHierarchy) {
    return byHierarchy ? Confidence.LOW : Confidence.HIGH;
  }

  /** A lock's confidence from one fact: {@code fromOutside}, an object the program did not make. */
  public static Confidence lock(boolean fromOutside) {
    return fromOutside ? Confidence.LOW : Confidence.HIGH;
  }

  /**
   * Call {@code c} as it runs {@code target}: sure when points-to chose it. Otherwise, when
   * {@code target} is a function bound to the interface the call is made on (a lambda, or a
   * method reference: a method of another name), chosen by its shape alone, sure only when it is
   * the one function of that shape the call can run; else {@link #ofCall(String, MethodInfo,
   * List)}.
   */
  public static Confidence ofCall(LockEvent.Call c, MethodInfo target) {
    if (c.byObjects()) return call(false);
    if (target != null && c.runsAsFunction(target)) {
      int functions = 0;
      for (MethodInfo t : c.targets()) {
        if (c.runsAsFunction(t) && ++functions > 1) return call(true);
      }
      return call(false);
    }
    return ofCall(c.receiverType(), target, c.targets());
  }

  /**
   * A call on a receiver of declared type {@code receiverType} that may run {@code targets}, as
   * it runs {@code target} (a library method when {@code null}): low when {@code target} is an
   * override in a strict subtype of {@code receiverType}, so that class hierarchy chose it. High
   * for the method the declared type itself selects (declared there or inherited), a lambda bound
   * to the call, a constructor and a library method (whose summary is the declared method's); and
   * high for the one implementation of a closed hierarchy, a declared method outside the public
   * API with a single concrete target (memoryfilesystem's package-private {@code MemoryContents},
   * implemented only by {@code MemoryFile}): every object the call can be made on runs it.
   */
  public static Confidence ofCall(String receiverType, MethodInfo target, List<MethodInfo> targets) {
    if (receiverType == null || target == null || target.isLambda() || target.isConstructor()
        || !target.owner().ancestors().contains(receiverType)) {
      return call(false);
    }
    boolean closed = false;
    int concrete = 0;
    for (MethodInfo t : targets) {
      if (t.owner().fqn().equals(receiverType)) closed = !t.isPublicApi();
      // Two implementations: chosen among, whatever the declared type. Stops early on the long
      // target lists of widely implemented interfaces.
      if (!t.isAbstract() && !t.isLambda() && ++concrete > 1) return call(true);
    }
    return call(!closed);
  }

  /** The step of a call made at {@code at}, named {@code callee}, as it runs {@code target}. */
  public static TraceStep callStep(
      Location at, String callee, String receiverType, MethodInfo target, List<MethodInfo> targets) {
    return new TraceStep(at, "calls `" + callee + "`", ofCall(receiverType, target, targets));
  }

  /**
   * The step of an alien call into a program implementation the caller may hand in, one of
   * {@code implementations} such concrete methods, {@code locking} of which take some lock and
   * {@code taking} the lock class the finding is about ({@code null}: none on a known path):
   * sure when it is the one implementation, or when every implementation that locks takes that
   * class and they are at least half of all, so that the lock is what the program's
   * implementations do, not one exception (memoryfilesystem's block channels take their
   * inode's lock; its directory channel, which only throws, takes none). Otherwise class
   * hierarchy chose one among several ({@code Runnable.run} into the one H2 server thread that
   * takes the lock; the one bookkeeper {@code GenericCallback} of many that locks): low.
   */
  public static Confidence ofHandler(int implementations, int locking, Integer taking) {
    boolean sure = implementations <= 1
        || (taking != null && taking == locking && 2 * taking >= implementations);
    return call(!sure);
  }

  /**
   * {@code lock} as {@code reportedIn} names it: low when an entry point's caller hands it in,
   * and low for the monitor of an object the method makes itself and keeps in a local ({@link
   * LockRef#FRESH}, NetMulticastSocket's {@code peekPacket = new DatagramPacket(..)}): another
   * thread can hold it only if a call it was handed to published it, so taking it rarely waits.
   */
  public static Confidence ofLock(MethodInfo reportedIn, LockRef lock) {
    String id = lock.identity();
    int end = id.indexOf('.');
    String root = end < 0 ? id : id.substring(0, end);
    if (root.startsWith("cap:")) root = root.substring("cap:".length());
    if (end < 0 && root.startsWith(LockRef.FRESH)) return lock(true);
    boolean parameter = isParameter(root);
    return lock(parameter && (reportedIn.isPublicApi() || reportedIn.isLambda()));
  }

  /**
   * {@code trace} with the step at {@code index} (where {@code lock} is taken) no surer than
   * {@link #ofLock}; {@code trace} itself when it is sure. A negative index changes nothing.
   */
  public static List<TraceStep> acquiring(
      List<TraceStep> trace, int index, MethodInfo reportedIn, LockRef lock) {
    Confidence c = ofLock(reportedIn, lock);
    if (c == Confidence.HIGH || index < 0 || index >= trace.size()) return trace;
    List<TraceStep> out = new ArrayList<>(trace);
    out.set(index, out.get(index).atMost(c));
    return out;
  }

  /** {@code path} with its last step, an acquisition, no surer than {@link Confidence#LOW}. */
  public static List<TraceStep> doubtful(List<TraceStep> path) {
    List<TraceStep> out = new ArrayList<>(path);
    out.set(out.size() - 1, out.get(out.size() - 1).atMost(Confidence.LOW));
    return out;
  }

  private static boolean isParameter(String root) {
    if (root.length() < 2 || root.charAt(0) != 'p') return false;
    for (int i = 1; i < root.length(); i++) if (!Character.isDigit(root.charAt(i))) return false;
    return true;
  }
}
