package dev.faultlock.locks;

/**
 * A lock as one method sees it.
 *
 * @param lockClass its lock class, declared ({@code @LockClass}) or inferred
 * @param text how the code names it ({@code this}, {@code lock}, {@code inode.lock})
 * @param identity which object it is, relative to the method: {@code this}, {@code this.f},
 *     {@code p0.f} (a parameter's field), {@code static:T.f}, {@code class:T}, {@code local:x};
 *     {@link #UNKNOWN} when the analysis cannot tell (never equal to a held lock)
 * @param shared taken in shared (read) mode
 */
public record LockRef(String lockClass, String text, String identity, boolean shared) {
  public static final String UNKNOWN = "?";

  /** Whether both name the same object, so that taking one while holding the other is reentrant. */
  public boolean sameObject(LockRef other) {
    return !identity.equals(UNKNOWN) && identity.equals(other.identity);
  }

  /** Whether {@code held} already holds this very object. */
  public boolean sameObjectAsAny(Iterable<Held> held) {
    for (Held h : held) if (sameObject(h.lock())) return true;
    return false;
  }

  /** How a trace names it: {@code inode lock `this`}. */
  public String describe() {
    return lockClass + " lock `" + text + '`' + (shared ? " (shared)" : "");
  }

  /**
   * This lock as a caller sees it, given what the callee's receiver and parameters are at the
   * call: {@code this.lock} of a callee called on {@code f} is {@code f.lock} in the caller.
   */
  public LockRef asSeenBy(CallContext call) {
    if (identity.startsWith("static:") || identity.startsWith("class:")) return this;
    int dot = identity.indexOf('.');
    String root = dot > 0 ? identity.substring(0, dot) : identity;
    String rest = dot > 0 ? identity.substring(dot) : "";
    String[] mapped = call.map(root);
    if (mapped == null) return new LockRef(lockClass, text, UNKNOWN, shared);
    return new LockRef(lockClass, mapped[1] + rest, mapped[0] + rest, shared);
  }
}
