package dev.faultlock.ir;

import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which exceptional edges Java allows: a {@code catch} clause for checked exceptions only
 * ({@code catch (InterruptedException e)}, {@code catch (IOException e)}) receives nothing from a
 * statement that cannot throw one. Without this, the ubiquitous
 * {@code try { l.lock(); try {..} finally { file.lock().unlock(); } } catch (IOException e) {}}
 * has a path on which {@code file.lock()} throws into the outer catch with the lock still held,
 * the method "returns holding" it, and the guard inference makes every caller hold it (jimfs
 * {@code JimfsFileChannel.write}).
 *
 * <p>A statement may throw a checked exception when it is a {@code throw}, or a call whose callee
 * may declare one: a program method with a {@code throws} clause, a lambda (its interface may
 * allow one), a JDK method whose overloads of that arity declare one (read from the running
 * JDK's classes, loaded without initialising them), and any call this cannot tell. Everything
 * else (field and array access, casts, allocation) throws only unchecked exceptions.
 */
final class CheckedExceptions {
  private static final ClassLoader JDK = ClassLoader.getPlatformClassLoader();

  /** JDK class by name, or a miss ({@code Void.class}) for names that are not JDK classes. */
  private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();

  /** Whether {@code Type#name/arity} of the JDK may throw a checked exception. */
  private static final Map<String, Boolean> JDK_CALLS = new ConcurrentHashMap<>();

  private final ProgramIndex index;

  CheckedExceptions(ProgramIndex index) {
    this.index = index;
  }

  /** Whether the call may throw a checked exception. */
  static boolean mayThrow(CallSite site) {
    if (site.libraryType() != null) return jdkMayThrow(site.libraryType(), site.name(), site.argc());
    if (site.targets().isEmpty()) return true;
    for (MethodInfo t : site.targets()) {
      if (t.isLambda() || t.declaresThrows()) return true;
    }
    return false;
  }

  /**
   * Whether every type a {@code catch} clause lists is a checked exception, so that it catches
   * nothing an unchecked throw raises. A type this cannot place (a library outside the JDK)
   * counts as one that may be unchecked.
   */
  boolean onlyChecked(List<String> caught) {
    if (caught.isEmpty()) return false;
    for (String type : caught) {
      if (type == null || !checked(type)) return false;
    }
    return true;
  }

  private boolean checked(String type) {
    Class<?> c = jdkClass(type);
    if (c != null) return checkedJdk(c);
    TypeInfo t = index.type(type);
    if (t == null) return false;
    boolean below = false;
    for (String a : t.ancestors()) {
      if (index.type(a) != null) continue;
      Class<?> j = jdkClass(a);
      if (j == null || RuntimeException.class.isAssignableFrom(j) || Error.class.isAssignableFrom(j)) {
        return false;
      }
      below |= Throwable.class.isAssignableFrom(j);
    }
    return below;
  }

  private static boolean checkedJdk(Class<?> c) {
    return Throwable.class.isAssignableFrom(c) && c != Throwable.class && c != Exception.class
        && !RuntimeException.class.isAssignableFrom(c) && !Error.class.isAssignableFrom(c);
  }

  private static boolean jdkMayThrow(String type, String name, int argc) {
    return JDK_CALLS.computeIfAbsent(type + '#' + name + '/' + argc, k -> {
      Class<?> c = jdkClass(type);
      if (c == null) return true;
      List<Executable> overloads = overloads(c, name, argc);
      if (overloads.isEmpty()) return true;
      for (Executable e : overloads) {
        for (Class<?> x : e.getExceptionTypes()) {
          if (!RuntimeException.class.isAssignableFrom(x) && !Error.class.isAssignableFrom(x)) {
            return true;
          }
        }
      }
      return false;
    });
  }

  /** The constructors or methods of {@code c} (inherited ones too) that take {@code argc} arguments. */
  private static List<Executable> overloads(Class<?> c, String name, int argc) {
    List<Executable> out = new ArrayList<>();
    try {
      if (name.equals("<init>")) {
        for (Executable e : c.getDeclaredConstructors()) if (takes(e, argc)) out.add(e);
        return out;
      }
      for (Executable e : c.getMethods()) if (e.getName().equals(name) && takes(e, argc)) out.add(e);
      for (Class<?> k = c; k != null; k = k.getSuperclass()) {
        for (Executable e : k.getDeclaredMethods()) {
          if (e.getName().equals(name) && takes(e, argc)) out.add(e);
        }
      }
    } catch (LinkageError | SecurityException e) {
      out.clear();
    }
    return out;
  }

  private static boolean takes(Executable e, int argc) {
    int n = e.getParameterCount();
    return n == argc || (e.isVarArgs() && argc >= n - 1);
  }

  private static Class<?> jdkClass(String type) {
    if (!(type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk."))) {
      return null;
    }
    Class<?> c = CLASSES.computeIfAbsent(type, CheckedExceptions::load);
    return c == Void.class ? null : c;
  }

  /** Loads a JDK class by its source name, nested classes by their binary name, never initialised. */
  private static Class<?> load(String type) {
    String name = type;
    while (true) {
      try {
        return Class.forName(name, false, JDK);
      } catch (ClassNotFoundException | LinkageError e) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) return Void.class;
        name = name.substring(0, dot) + '$' + name.substring(dot + 1);
        if (name.indexOf('.') < 0) return Void.class;
      }
    }
  }
}
