package dev.faultlock.locks;

import dev.faultlock.source.MethodInfo;
import java.util.List;
import java.util.Map;

/**
 * What a callee's receiver and parameters are at one call site, as identities and source text of
 * the caller. An element is {@code null} when the argument is not a plain lock path.
 *
 * @param boundReceivers for method references the call hands to a library method that runs them
 *     ({@code list.forEach(this::add)}): the receiver each reference is bound to, as {@code
 *     {identity, text}} of the caller
 */
public record CallContext(
    String receiverIdentity,
    String receiverText,
    List<String> argIdentities,
    List<String> argTexts,
    Map<MethodInfo, String[]> boundReceivers) {
  /** The root prefix of a lambda's captured parameter of the enclosing method: {@code cap:p0}. */
  static final String CAPTURED = "cap:";

  public static final CallContext NONE = new CallContext(null, null, List.of(), List.of());

  public CallContext(
      String receiverIdentity, String receiverText, List<String> argIdentities, List<String> argTexts) {
    this(receiverIdentity, receiverText, argIdentities, argTexts, Map.of());
  }

  /** This context for a constructor run by {@code new}: the receiver is the new object. */
  public CallContext onNewObject() {
    return new CallContext(null, null, argIdentities, argTexts, boundReceivers);
  }

  /** This context with method references bound to receivers. */
  public CallContext withBoundReceivers(Map<MethodInfo, String[]> bound) {
    return bound.isEmpty() ? this
        : new CallContext(receiverIdentity, receiverText, argIdentities, argTexts, Map.copyOf(bound));
  }

  /** The caller's identity and text for a callee root ({@code this}, {@code p0}), or {@code null}. */
  String[] map(String root) {
    if (root.equals("this")) {
      return receiverIdentity == null ? null : new String[] {receiverIdentity, receiverText};
    }
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

  static boolean isParameter(String root) {
    if (root.length() < 2 || root.charAt(0) != 'p') return false;
    for (int i = 1; i < root.length(); i++) if (!Character.isDigit(root.charAt(i))) return false;
    return true;
  }
}
