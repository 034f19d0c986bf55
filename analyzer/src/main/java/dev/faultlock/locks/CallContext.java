package dev.faultlock.locks;

import java.util.List;

/**
 * What a callee's receiver and parameters are at one call site, as identities and source text of
 * the caller. An element is {@code null} when the argument is not a plain lock path.
 */
public record CallContext(
    String receiverIdentity, String receiverText, List<String> argIdentities, List<String> argTexts) {
  public static final CallContext NONE = new CallContext(null, null, List.of(), List.of());

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
}
