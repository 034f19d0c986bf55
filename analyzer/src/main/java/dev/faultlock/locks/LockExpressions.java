package dev.faultlock.locks;

import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;

/**
 * Lock expressions written in annotations ({@code "this"}, {@code "lock"}, {@code "inode"},
 * {@code "inode.lock"}, {@code "Type.class"}) and the locks that accessor methods return.
 */
public final class LockExpressions {
  private LockExpressions() {}

  /** The lock {@code expr} names in {@code m}, or {@code null} when it names nothing there. */
  public static LockRef resolve(String expr, MethodInfo m, ProgramIndex index, LockNames names) {
    String e = expr.strip();
    TypeInfo owner = m.owner();
    if (e.equals("this")) return new LockRef(names.ofType(owner.fqn()), "this", "this", false);
    if (e.endsWith(".class")) {
      String type = index.resolveName(e.substring(0, e.length() - ".class".length()), owner);
      return type == null ? null : names.classObject(type, e);
    }
    int dot = e.indexOf('.');
    String root = dot < 0 ? e : e.substring(0, dot);
    String rest = dot < 0 ? null : e.substring(dot + 1);
    int p = m.parameterNames().indexOf(root);
    String rootType;
    String rootId;
    if (p >= 0) {
      if (rest == null) return new LockRef(names.ofParameter(m, p), e, "p" + p, false);
      rootType = m.parameterTypes().get(p);
      rootId = "p" + p;
    } else if (root.equals("this") && rest != null) {
      rootType = owner.fqn();
      rootId = "this";
    } else {
      FieldInfo f = index.field(owner, root);
      if (f == null) return null;
      String id = f.isStatic() ? "static:" + f.owner().fqn() + '.' + f.name() : "this." + f.name();
      if (rest == null) return new LockRef(names.ofField(f), e, id, false);
      rootType = f.type();
      rootId = id;
    }
    if (rest.contains(".")) return null;
    TypeInfo t = index.type(rootType);
    FieldInfo f = t == null ? null : index.field(t, rest);
    if (f == null) return null;
    return new LockRef(names.ofField(f), e, rootId + '.' + rest, false);
  }

  /**
   * The lock an accessor returns, relative to the accessor ({@code this.lock}), in its mode:
   * {@code return lock;}, {@code return this.lock;}, {@code return lock.readLock();}. {@code
   * null} when the method is not such an accessor.
   */
  public static LockRef returned(MethodInfo m, ProgramIndex index, LockNames names) {
    // Read from the declaration, not the body: the accessor may be in a file read from the cache.
    MethodInfo.ReturnedField returned = m.returnedField();
    if (returned == null) return null;
    boolean shared = returned.shared();
    FieldInfo f = index.field(m.owner(), returned.field());
    if (f == null || f.type() == null || !names.isLockType(f.type())) return null;
    String id = f.isStatic() ? "static:" + f.owner().fqn() + '.' + f.name() : "this." + f.name();
    return new LockRef(names.ofField(f), f.name(), id, shared);
  }
}
