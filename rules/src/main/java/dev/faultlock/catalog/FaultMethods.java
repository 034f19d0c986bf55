package dev.faultlock.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Methods a user names as faulting copies for code they cannot annotate, {@code Type#method} or
 * {@code Type#*}, comma-separated: Error Prone's {@code -XepOpt:FaultUnderLock:FaultMethods}, the
 * command line's {@code --fault-methods}, the Maven plugin's {@code faultMethods} and {@code
 * faultlock.json}'s {@code "faultMethods"}. One syntax and one set of messages for every pass:
 * each front end puts its own option name before the sentence.
 *
 * <p>A call matches when it names the method (or the pattern is {@code *}) and the class that
 * declares the method it calls is the pattern's type or a subtype of it, so {@code
 * java.nio.channels.FileChannel#transferTo} covers every file channel's {@code transferTo}.
 */
public final class FaultMethods {
  /** No method named. */
  public static final FaultMethods NONE = new FaultMethods(List.of(), List.of());

  /** One {@code Type#method}; {@code method} is {@code *} for all of the type's methods. */
  public record Pattern(String type, String method) {
    /** Whether a method named {@code name} matches, its declaring type aside. */
    public boolean matchesName(String name) {
      return method.equals("*") || method.equals(name);
    }

    @Override
    public String toString() {
      return type + '#' + method;
    }
  }

  private final List<Pattern> patterns;
  private final List<String> malformed;

  private FaultMethods(List<Pattern> patterns, List<String> malformed) {
    this.patterns = List.copyOf(patterns);
    this.malformed = List.copyOf(malformed);
  }

  /** Reads entries, each {@code Type#method} or a comma-separated list of them; skips blanks. */
  public static FaultMethods parse(List<String> entries) {
    List<Pattern> patterns = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (String list : entries) {
      for (String raw : list.split(",")) {
        String entry = raw.trim();
        if (entry.isEmpty()) {
          continue;
        }
        int hash = entry.indexOf('#');
        if (hash > 0 && hash < entry.length() - 1) {
          String type = entry.substring(0, hash).trim();
          patterns.add(new Pattern(type, entry.substring(hash + 1).trim()));
        } else {
          bad.add(entry);
        }
      }
    }
    return new FaultMethods(patterns, bad);
  }

  /**
   * Like {@link #parse}, for front ends that stop at a bad value.
   *
   * @throws IllegalArgumentException with {@link #notTypeAndMethod} of the first malformed entry
   */
  public static FaultMethods parseStrict(List<String> entries) {
    FaultMethods f = parse(entries);
    if (!f.malformed.isEmpty()) {
      throw new IllegalArgumentException(notTypeAndMethod(f.malformed.get(0)));
    }
    return f;
  }

  public List<Pattern> patterns() {
    return patterns;
  }

  /** The entries that are not {@code Type#method}. */
  public List<String> malformed() {
    return malformed;
  }

  public boolean isEmpty() {
    return patterns.isEmpty() && malformed.isEmpty();
  }

  /** These patterns and {@code other}'s: layers of settings add up, as excludes do. */
  public FaultMethods plus(FaultMethods other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    List<Pattern> p = new ArrayList<>(patterns);
    for (Pattern x : other.patterns) {
      if (!p.contains(x)) {
        p.add(x);
      }
    }
    List<String> m = new ArrayList<>(malformed);
    m.addAll(other.malformed);
    return new FaultMethods(p, m);
  }

  /** The sentence for an entry that is not {@code Type#method}, after the option's name. */
  public static String notTypeAndMethod(String entry) {
    return "`" + entry + "` is not Type#method (such as java.nio.channels.FileChannel#transferTo)";
  }

  /** The sentence for a pattern whose type neither the program nor its classpath has. */
  public static String typeNotFound(String type) {
    return "type `" + type + "` is not on the classpath; name it fully qualified";
  }

  /** The trace step of a call {@code callee} that a pattern names. */
  public static String listedCopy(String callee) {
    return "`" + callee + "` may fault (named in FaultMethods)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FaultMethods f
        && f.patterns.equals(patterns)
        && f.malformed.equals(malformed);
  }

  @Override
  public int hashCode() {
    return patterns.hashCode() * 31 + malformed.hashCode();
  }

  @Override
  public String toString() {
    List<String> all = new ArrayList<>();
    for (Pattern p : patterns) {
      all.add(p.toString());
    }
    all.addAll(malformed);
    return String.join(",", all);
  }
}
