package dev.faultlock.locks;

import dev.faultlock.catalog.LockApi;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.Map;

/**
 * Lock classes: declared with {@code @LockClass}, or inferred as the SPEC says ({@code
 * Declaring.field} for a field, the declared type for {@code this}, a parameter or a local).
 */
public final class LockNames {
  private final ProgramIndex index;
  private final Map<String, String> libraryTypeClasses;

  /** {@code libraryTypeClasses}: lock classes of library types, from their modules' summaries. */
  public LockNames(ProgramIndex index, Map<String, String> libraryTypeClasses) {
    this.index = index;
    this.libraryTypeClasses = libraryTypeClasses;
  }

  /** The class of the type's own instances used as locks. */
  public String ofType(String fqn) {
    if (fqn == null) return "Object";
    String declared = declaredOnType(fqn);
    if (declared != null) return declared;
    TypeInfo t = index.type(fqn);
    return t != null ? t.name() : simple(fqn);
  }

  /**
   * The monitor of the class object of {@code fqn} ({@code synchronized (T.class)}, a static
   * synchronized method): a lock class of its own, {@code T.class}, never the class of T's
   * instances, which are other objects (and {@code @LockClass} on T names those).
   */
  public LockRef classObject(String fqn, String text) {
    TypeInfo t = index.type(fqn);
    return new LockRef((t != null ? t.name() : simple(fqn)) + ".class", text, "class:" + fqn, false);
  }

  /** The {@code @LockClass} of a type or of its nearest annotated supertype, or {@code null}. */
  private String declaredOnType(String fqn) {
    String v = declaredOn(fqn);
    if (v != null) return v;
    for (String a : index.ancestors(fqn)) {
      if ((v = declaredOn(a)) != null) return v;
    }
    return null;
  }

  private String declaredOn(String fqn) {
    TypeInfo t = index.type(fqn);
    if (t == null) return libraryTypeClasses.get(fqn);
    String v = t.annotations().value(LockApi.LOCK_CLASS);
    return v == null || v.isEmpty() ? null : v;
  }

  /** The class of the lock object kept in a field. */
  public String ofField(FieldInfo f) {
    String v = f.annotations().value(LockApi.LOCK_CLASS);
    if (v != null && !v.isEmpty()) return v;
    if (f.type() != null && !isLockType(f.type())) {
      String typeClass = declaredOnType(f.type());
      if (typeClass != null) return typeClass;
    }
    return f.owner().name() + '.' + f.name();
  }

  /** The class of the lock a parameter holds. */
  public String ofParameter(MethodInfo m, int i) {
    String v = m.parameterAnnotations().get(i).value(LockApi.LOCK_CLASS);
    if (v != null && !v.isEmpty()) return v;
    return ofType(m.parameterTypes().get(i));
  }

  /** The declared class of the lock a method returns, or {@code null}. */
  public static String ofReturn(MethodInfo m) {
    String v = m.annotations().value(LockApi.LOCK_CLASS);
    return v == null || v.isEmpty() ? null : v;
  }

  /** Whether values of {@code fqn} are JDK lock objects. */
  public boolean isLockType(String fqn) {
    return isA(fqn, LockApi.LOCK) || isA(fqn, LockApi.READ_WRITE_LOCK) || isA(fqn, LockApi.STAMPED_LOCK);
  }

  public boolean isA(String fqn, String type) {
    return fqn != null && index.isSubtype(fqn, type);
  }

  public static String simple(String fqn) {
    return fqn.substring(fqn.lastIndexOf('.') + 1);
  }
}
