package dev.faultlock.pta;

import dev.faultlock.locks.LockNames;
import dev.faultlock.source.MethodInfo;
import java.util.List;

/**
 * An abstract object of the points-to analysis: every run-time object an allocation site, a
 * literal or the open world can make, folded into one. Identity is {@link #id}, dense from 0.
 *
 * @param type the object's class, fully qualified; for a symbolic object its declared type (the
 *     run-time class may be any subtype); {@code null} when the front end could not tell
 * @param method the method whose code makes it, or {@code null} (symbolic and constant objects)
 * @param line the source line of that code, 0 when unknown
 * @param path for a symbolic object, what it stands for ({@code Owner.field}, {@code
 *     Type.method()}, {@code param}); for a merged one {@code every T}; otherwise {@code null}
 * @param body for a function object, the methods its single abstract method runs
 */
public record Obj(
    int id, Kind kind, String type, MethodInfo method, int line, String path, List<MethodInfo> body) {

  /** Where an object comes from. */
  public enum Kind {
    /** {@code new T(..)} or an array creation: one object per allocation site. */
    NEW,
    /** A lambda or method reference: an object whose single method is {@link #body}. */
    FUNCTION,
    /** A string literal (one object for all) or a class literal (one per class). */
    CONSTANT,
    /**
     * An object the program does not create: an entry point's parameter or receiver, a field no
     * program code assigns, a library call's result. It stands for any object of its type.
     */
    SYMBOLIC,
    /** An object a JDK model makes (an iterator, a thread, an array of varargs). */
    MODEL,
    /**
     * Every object of one type the program makes, folded into one: strings, string builders,
     * arrays of primitives or strings, exceptions ({@code Heap}).
     */
    MERGED
  }

  public boolean isSymbolic() {
    return kind == Kind.SYMBOLIC;
  }

  /**
   * How tests and traces name it: {@code new Lock@Foo.java:12}, {@code lambda@Foo.java:7},
   * {@code "string"}, {@code Foo.class}, {@code ?Lock(Owner.field)}.
   */
  @Override
  public String toString() {
    String where = method == null ? "" : "@" + file(method) + ":" + line;
    return switch (kind) {
      case NEW -> "new " + simple(type) + where;
      case FUNCTION -> "function " + simple(type) + where;
      case CONSTANT -> path;
      case SYMBOLIC -> "?" + simple(type) + "(" + path + ")";
      case MODEL -> path + where;
      case MERGED -> path;
    };
  }

  private static String simple(String type) {
    return type == null ? "?" : LockNames.simple(type);
  }

  private static String file(MethodInfo m) {
    String shown = m.owner().file().shown();
    int slash = Math.max(shown.lastIndexOf('/'), shown.lastIndexOf('\\'));
    return shown.substring(slash + 1);
  }
}
