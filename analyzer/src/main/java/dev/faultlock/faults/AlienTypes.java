package dev.faultlock.faults;

import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.List;
import java.util.Set;

/**
 * The types whose implementation a method handed an object of them does not control: a call on
 * such an object runs whatever the caller plugged in (Goetz's <em>alien method</em>, <em>Java
 * Concurrency in Practice</em> §10.1.3). In storage code that is the caller's channel or stream of
 * {@code transferTo}, which may be another file of the same file system taking that file's lock.
 *
 * <ul>
 *   <li>The JDK's byte and character sinks and sources ({@code WritableByteChannel}, {@code
 *       ReadableByteChannel} and their subinterfaces, {@code OutputStream}, {@code InputStream},
 *       {@code Writer}, {@code Reader}) and the JDK's types that extend them ({@code
 *       FileChannel}): the types a copy to or from a user buffer goes through.
 *   <li>The JDK's functional interfaces ({@code java.util.function}, {@code Runnable}, {@code
 *       Callable}): a callback is code the caller chose.
 *   <li>The program's own callback interfaces, narrowly: an interface whose name ends in {@code
 *       Listener}, {@code Callback}, {@code Observer}, {@code Handler} or {@code Visitor}, or
 *       that is annotated {@code @FunctionalInterface}. Narrowly, because any program interface
 *       could be implemented elsewhere, but most are the program's own abstractions (a {@code
 *       Directory}, a {@code Store}) whose every implementation the program writes and whose
 *       locks the ordinary lock-order rules already follow; a name or annotation that says
 *       "the caller plugs code in here" is the program's own statement that the code is alien.
 *       A program class is never alien: its code is the program's.
 * </ul>
 */
final class AlienTypes {
  private AlienTypes() {}

  /** The JDK types copies go through, with every subtype. */
  private static final List<String> IO_ROOTS =
      List.of("java.nio.channels.WritableByteChannel", "java.nio.channels.ReadableByteChannel",
          "java.io.OutputStream", "java.io.InputStream", "java.io.Writer", "java.io.Reader");

  /** Roots whose copy method is {@code write}; the others' is {@code read}. */
  private static final Set<String> SINKS =
      Set.of("java.nio.channels.WritableByteChannel", "java.io.OutputStream", "java.io.Writer");

  private static final Set<String> CALLBACKS =
      Set.of("java.lang.Runnable", "java.util.concurrent.Callable");

  private static final List<String> CALLBACK_SUFFIXES =
      List.of("Listener", "Callback", "Observer", "Handler", "Visitor");

  /** Whether an object of static type {@code type} (fully qualified, or {@code null}) is alien. */
  static boolean isAlien(String type, ProgramIndex index) {
    if (type == null) return false;
    TypeInfo t = index.type(type);
    if (t != null) return t.isInterface() && isCallbackInterface(t);
    if (!type.startsWith("java.")) return false;
    if (type.startsWith("java.util.function.") || CALLBACKS.contains(type)) return true;
    for (String root : IO_ROOTS) if (index.isSubtype(type, root)) return true;
    return false;
  }

  private static boolean isCallbackInterface(TypeInfo t) {
    for (String suffix : CALLBACK_SUFFIXES) if (t.name().endsWith(suffix)) return true;
    return t.annotations().has("FunctionalInterface")
        || t.annotations().has("java.lang.FunctionalInterface");
  }

  /**
   * The method a JDK copy calls on an alien object of {@code type} handed to it as an argument:
   * {@code write} on a sink, {@code read} on a source; {@code null} when {@code type} is neither.
   */
  static String copyMethodOf(String type, ProgramIndex index) {
    for (String root : IO_ROOTS) {
      if (index.isSubtype(type, root)) return SINKS.contains(root) ? "write" : "read";
    }
    return null;
  }

  /**
   * JDK methods that copy between their receiver and a sink or source passed as argument ({@code
   * in.transferTo(out)}, {@code bytes.writeTo(out)}, {@code fileChannel.transferTo(pos, n,
   * target)}, {@code Files.copy(in, path)}): they run the argument's {@code write} or {@code
   * read}, wherever it is implemented.
   */
  static boolean isJdkCopy(String libraryType, String method) {
    return libraryType != null && libraryType.startsWith("java.") && JDK_COPIES.contains(method);
  }

  private static final Set<String> JDK_COPIES =
      Set.of("transferTo", "transferFrom", "writeTo", "copy");

  /** {@code Object}'s methods look at the object, not at what it stands for: never alien calls. */
  static boolean isObjectMethod(String name) {
    return OBJECT_METHODS.contains(name);
  }

  private static final Set<String> OBJECT_METHODS =
      Set.of("equals", "hashCode", "toString", "getClass", "wait", "notify", "notifyAll");
}
