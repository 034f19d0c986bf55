package dev.faultlock.findings;

import dev.faultlock.catalog.Rule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Stable finding fingerprints: a hash of the rule, the enclosing method's qualified signature,
 * the lock classes and what happens along the trace, with no file paths or line numbers, so a
 * finding keeps its fingerprint when unrelated code above it moves.
 */
public final class Fingerprints {
  private Fingerprints() {}

  public static String of(Rule rule, String methodSignature, List<String> lockClasses, List<TraceStep> trace) {
    StringBuilder key = new StringBuilder(rule.id()).append('\n').append(methodSignature);
    for (String c : lockClasses) key.append('\n').append(c);
    for (TraceStep s : trace) key.append('\n').append(s.description());
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
