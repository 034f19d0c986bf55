package dev.faultlock.ir;

import dev.faultlock.locks.CallContext;
import dev.faultlock.source.MethodInfo;
import java.util.List;

/**
 * What the front end resolved about one call, once, so that analyses over the IR need no
 * program index: its program targets, its library type, how the callee's receiver and
 * parameters are named at the call, and what it does to locks and faults.
 *
 * @param callee the call as traces name it ({@code Inode.read}, {@code new Inode})
 * @param receiverType the receiver's static type, or {@code null}
 * @param targets the program methods it may run (class-hierarchy dispatch plus lambdas bound to it)
 * @param libraryType the library type declaring it, or {@code null} for program methods
 * @param ops what it does to the caller's locks after it returns
 * @param fault the copy it makes that may fault (a call touching a {@code @UserBuffer}), or
 *     {@code null}
 * @param lockApi it is a JDK lock API call ({@code Lock.lock()}, {@code unlock()}), whose only
 *     effect is {@link #ops}: it is not a call into code that takes locks
 */
public record CallSite(
    String callee,
    String receiverType,
    String name,
    int argc,
    List<MethodInfo> targets,
    String libraryType,
    CallContext context,
    List<LockOp> ops,
    FaultSite fault,
    boolean lockApi) {

  /** A copy that may fault in {@code domain}; {@code what} is its trace step. */
  public record FaultSite(String domain, String what) {}
}
