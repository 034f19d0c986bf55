package dev.faultlock.locks;

import dev.faultlock.source.MethodInfo;
import java.util.List;
import java.util.Map;

/**
 * What a callee's receiver and parameters are at one call site, as identities, source text and
 * lock classes of the caller. An element is {@code null} when the argument is not a plain lock
 * path.
 *
 * <p>The classes make one object one name: a callee that locks its receiver or a parameter
 * names it by its declared type ({@code Base} for a base-class {@code synchronized (this)}), the
 * caller by how it knows the object ({@code Sub}, or {@code Pool.conn} for a field), and the
 * caller's name is the one its own acquisitions of that object use ({@link Renamed}). {@code
 * null} where the callee's own name must stand: its parameter carries a {@code @LockClass}.
 *
 * @param boundReceivers for method references the call hands to a library method that runs them
 *     ({@code list.forEach(this::add)}): the receiver each reference is bound to, as {@code
 *     {identity, text}} of the caller
 */
public record CallContext(
    String receiverIdentity,
    String receiverText,
    Renamed receiverClass,
    List<String> argIdentities,
    List<String> argTexts,
    List<Renamed> argClasses,
    Map<MethodInfo, String[]> boundReceivers) {
  /**
   * The caller's lock class for an object the callee names by its declared type: a lock of
   * class {@code declared} on that root becomes one of class {@code caller}. A lock of another
   * class on it was named deeper down, by a callee that knows the object better (an override
   * reached by dispatch: {@code Box.equals} on an {@code Object}), and keeps its name.
   */
  public record Renamed(String declared, String caller) {
    String of(String lockClass) {
      return lockClass.equals(declared) ? caller : lockClass;
    }
  }

  /** The root prefix of a lambda's captured parameter of the enclosing method: {@code cap:p0}. */
  static final String CAPTURED = "cap:";
  /** The root naming an enclosing instance: {@code outer:a/b/Outer}. */
  static final String OUTER = "outer:";

  public static final CallContext NONE =
      new CallContext(null, null, null, List.of(), List.of(), List.of(), Map.of());

  /** This context for a constructor run by {@code new}: the receiver is the new object. */
  public CallContext onNewObject() {
    return new CallContext(null, null, null, argIdentities, argTexts, argClasses, boundReceivers);
  }

  /**
   * Whether a call named {@code callName} runs {@code target} as a function bound to its
   * interface by shape (a lambda, or a method reference: a method of another name), not as the
   * method it names.
   */
  public static boolean runsAsFunction(String callName, MethodInfo target) {
    return target.isLambda() || (!target.isConstructor() && !target.name().equals(callName));
  }

  /**
   * This context of a call named {@code callName} as {@code target} sees it. A method reference
   * the call runs as a function ({@link #runsAsFunction}) and that is bound to no receiver the
   * caller names runs on the reference's own object ({@code Closeable c = this::checkpoint;
   * c.close()}), not on the call's receiver, which is the function: its {@code this} is not
   * the caller's {@code c} (lucene's {@code IndexWriter}, docs/evaluation.md).
   */
  public CallContext forTarget(String callName, MethodInfo target) {
    boolean reference = !target.isLambda() && runsAsFunction(callName, target)
        && !boundReceivers.containsKey(target);
    return reference && receiverIdentity != null ? onNewObject() : this;
  }

  /** This context with method references bound to receivers. */
  public CallContext withBoundReceivers(Map<MethodInfo, String[]> bound) {
    return bound.isEmpty() ? this
        : new CallContext(receiverIdentity, receiverText, receiverClass, argIdentities, argTexts,
            argClasses, Map.copyOf(bound));
  }

  /** The caller's identity and text for a callee root ({@code this}, {@code p0}), or {@code null}. */
  String[] map(String root) {
    if (root.equals("this")) {
      return receiverIdentity == null ? null : new String[] {receiverIdentity, receiverText};
    }
    // Called on `this`, the callee's enclosing instance is the caller's: a base class's method
    // and its inner subclass's share it (bookkeeper's read requests and their operation).
    if (root.startsWith(OUTER) && "this".equals(receiverIdentity)) return new String[] {root, null};
    if (root.startsWith("p")) {
      try {
        int i = Integer.parseInt(root.substring(1));
        if (i < argIdentities.size() && argIdentities.get(i) != null) {
          return new String[] {argIdentities.get(i), argTexts.get(i)};
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * The caller's identity and text for a root of {@code callee}'s frame when {@code caller} calls
   * it here, or {@code null} when the caller cannot name that object.
   *
   * <p>A lambda's {@code this}, the fields of {@code this}, the enclosing instances and the
   * captured locals and parameters ({@link LockRef#captured()}) are those of the method the
   * lambda is written in: when that very method runs
   * it (through {@code forEach}, a {@code Runnable} it made), they are the caller's own objects
   * under the same names, and elsewhere they are unknown. Its parameters are the call's
   * arguments. A method reference bound to a receiver ({@code this::add}) runs on that receiver.
   */
  String[] map(String root, MethodInfo callee, MethodInfo caller) {
    if (callee.isLambda() && !isParameter(root)) {
      if (callee.enclosing() != caller) return null;
      return new String[] {
          root.startsWith(CAPTURED) ? root.substring(CAPTURED.length()) : root, null};
    }
    String[] bound = boundReceivers.get(callee);
    if (bound != null && root.equals("this")) return bound;
    return map(root);
  }

  /** The class a lock of {@code lockClass} on the callee root {@code root} has for the caller. */
  String classOf(String root, String lockClass) {
    Renamed r = null;
    if (root.equals("this")) r = receiverClass;
    else if (isParameter(root)) {
      int i = Integer.parseInt(root.substring(1));
      if (i < argClasses.size()) r = argClasses.get(i);
    }
    return r == null ? lockClass : r.of(lockClass);
  }

  static boolean isParameter(String root) {
    if (root.length() < 2 || root.charAt(0) != 'p') return false;
    for (int i = 1; i < root.length(); i++) if (!Character.isDigit(root.charAt(i))) return false;
    return true;
  }
}
