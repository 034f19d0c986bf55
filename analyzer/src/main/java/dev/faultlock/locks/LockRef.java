package dev.faultlock.locks;

import dev.faultlock.catalog.Messages;
import dev.faultlock.source.MethodInfo;
import java.util.List;
import java.util.function.Function;

/**
 * A lock as one method sees it.
 *
 * @param lockClass its lock class, declared ({@code @LockClass}) or inferred
 * @param text how the code names it ({@code this}, {@code lock}, {@code inode.lock})
 * @param identity which object it is, relative to the method: {@code this}, {@code this.f},
 *     {@code p0.f} (a parameter's field), {@code static:T.f}, {@code class:T}, {@code local:x},
 *     {@code new:x} (a local that only ever holds objects the method makes: {@link #FRESH}),
 *     {@code walk:x} (a local that walks links: {@link #WALKED});
 *     {@link #UNKNOWN} when the analysis cannot tell (never equal to a held lock)
 * @param shared taken in shared (read) mode
 */
public record LockRef(String lockClass, String text, String identity, boolean shared) {
  public static final String UNKNOWN = "?";

  /** The root of a local variable's identity: {@code local:x}. */
  public static final String LOCAL = "local:";

  /**
   * The root of a local that only ever holds objects its method makes ({@code new T(..)}) and
   * never stores, returns or lets a lambda capture: {@code new:x}. No other thread can have
   * such an object unless a call it is handed to (or its constructor) publishes it, so its lock
   * is rarely contended: what {@code FindingConfidence} judges by.
   */
  public static final String FRESH = "new:";

  /**
   * The root of a local the method walks a linked structure with, each value read off the one
   * before ({@code current = parent.getEntry(key); ... parent = current}): {@code walk:x}.
   */
  public static final String WALKED = "walk:";

  /** The variable a local's identity root names ({@code local:x}, {@code new:x}), or {@code null}. */
  public static String localName(String root) {
    for (String kind : List.of(LOCAL, FRESH, WALKED)) {
      if (root.startsWith(kind)) return root.substring(kind.length());
    }
    return null;
  }

  /** Whether this is a lock of a node a method reaches by walking links ({@link #WALKED}). */
  public boolean isWalked() {
    return identity.startsWith(WALKED);
  }

  /** Whether both name the same object, so that taking one while holding the other is reentrant. */
  public boolean sameObject(LockRef other) {
    return !identity.equals(UNKNOWN) && identity.equals(other.identity);
  }

  /** Whether {@code held} already holds this very object. */
  public boolean sameObjectAsAny(Iterable<Held> held) {
    for (Held h : held) if (sameObject(h.lock())) return true;
    return false;
  }

  /** How a trace names it, as messages do: {@code lock `this` (class inode)}. */
  public String describe() {
    return Messages.lock(text, lockClass, shared);
  }

  /**
   * This lock as a caller sees it, given what the callee's receiver and parameters are at the
   * call: {@code this.lock} of a callee called on {@code f} is {@code f.lock} in the caller.
   */
  public LockRef asSeenBy(CallContext call) {
    return mapped(call::map).renamed(call, identity);
  }

  /**
   * This lock of {@code callee} as {@code caller} sees it at a call that runs {@code callee}:
   * like {@link #asSeenBy(CallContext)}, and a lambda's own objects are the caller's when the
   * caller is the method that wrote the lambda ({@link CallContext#map(String, MethodInfo,
   * MethodInfo)}).
   */
  public LockRef asSeenBy(CallContext call, MethodInfo callee, MethodInfo caller) {
    LockRef mine = mapped(root -> call.map(root, callee, caller));
    // A lambda's objects and a method reference's bound receiver are not the call's receiver
    // and arguments (CallContext#map(String, MethodInfo, MethodInfo)): no caller name to take.
    boolean direct = !callee.isLambda() && !call.boundReceivers().containsKey(callee);
    return direct ? mine.renamed(call, identity) : mine;
  }

  /**
   * This lock, re-expressed from a callee's lock on {@code calleeIdentity}, with the caller's
   * lock class when that identity is the callee's receiver or parameter itself (an object, not
   * a lock kept in one of its fields): one object, one name ({@link CallContext.Renamed}).
   */
  private LockRef renamed(CallContext call, String calleeIdentity) {
    if (identity.equals(UNKNOWN) || calleeIdentity.indexOf('.') >= 0
        || calleeIdentity.indexOf('(') >= 0) {
      return this;
    }
    String cls = call.classOf(calleeIdentity, lockClass);
    return cls.equals(lockClass) ? this : new LockRef(cls, text, identity, shared);
  }

  /**
   * This lock of a method as a lambda written in it names it: the method's parameters (and what
   * it captured itself) become captures, {@code cap:p0}, apart from the lambda's own parameters.
   */
  LockRef captured() {
    return mapped(root -> new String[] {
        CallContext.isParameter(root) || root.startsWith(CallContext.CAPTURED)
            ? CallContext.CAPTURED + root : root,
        null});
  }

  private LockRef mapped(Function<String, String[]> roots) {
    if (isGlobal(identity) || identity.equals(UNKNOWN)) return this;
    if (identity.indexOf('(') < 0) {
      // The common case, a plain path (this.lock, p0.lock): only its root is mapped.
      int dot = identity.indexOf('.');
      String first = dot < 0 ? identity : identity.substring(0, dot);
      String[] root = roots.apply(first);
      if (root == null) return unknown();
      // Called on `this`, the callee's `this` is the caller's: its name for the lock stands.
      if (root[0].equals(first) && (root[1] == null || root[1].equals(first))) return this;
      String rest = dot < 0 ? "" : identity.substring(dot);
      return new LockRef(lockClass, root[1] == null ? text : root[1] + rest, root[0] + rest, shared);
    }
    List<String> segments = Identities.segments(identity);
    String[] root = roots.apply(segments.get(0));
    if (root == null) return unknown();
    StringBuilder id = new StringBuilder(root[0]);
    boolean keepText = root[1] == null;
    for (int i = 1; i < segments.size(); i++) {
      String seg = segments.get(i);
      int open = seg.indexOf('(');
      if (open < 0 || seg.endsWith("()")) {
        id.append('.').append(seg);
        continue;
      }
      // A call with arguments (a striped lock: getLock(ledgerId)): each argument is an identity
      // of the callee's frame too.
      keepText = true;
      List<String> args = Identities.arguments(seg.substring(open + 1, seg.length() - 1));
      id.append('.').append(seg, 0, open + 1);
      for (int a = 0; a < args.size(); a++) {
        String arg = mappedIdentity(args.get(a), roots);
        if (arg == null) return unknown();
        id.append(a == 0 ? "" : ",").append(arg);
      }
      id.append(')');
    }
    String rest = identity.substring(segments.get(0).length());
    return new LockRef(lockClass, keepText ? text : root[1] + rest, id.toString(), shared);
  }

  /** An identity (an argument inside a call identity) mapped by {@code roots}, or {@code null}. */
  private static String mappedIdentity(String id, Function<String, String[]> roots) {
    if (isGlobal(id) || id.startsWith(Identities.LITERAL)) return id;
    LockRef r = new LockRef("", "", id, false).mapped(roots);
    return r.identity.equals(UNKNOWN) ? null : r.identity;
  }

  /** Static fields, class literals and the sorted pseudo-lock name the same object everywhere. */
  private static boolean isGlobal(String id) {
    return id.startsWith("static:") || id.startsWith("class:") || id.startsWith("sorted:");
  }

  private LockRef unknown() {
    return new LockRef(lockClass, text, UNKNOWN, shared);
  }
}
