package dev.faultlock.rules.locks;

import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.faultlock.catalog.LockApi;
import java.util.Optional;

/**
 * The lock class of a lock, by the rule both passes share (SPEC): an explicit {@code @LockClass}
 * on the field, parameter or method (its return), else one on the lock object's type; else
 * inferred, {@code Declaring.field} for a field and the declared type's simple name for
 * {@code this}, a parameter or a local.
 */
public final class LockClasses {
  private LockClasses() {}

  /** The lock class of the instances of {@code type} used as locks ({@code this}, monitors). */
  public static String ofType(Symbol type) {
    return explicit(type).orElseGet(() -> simpleName(type));
  }

  /** The lock class of the object a field holds. */
  public static String ofField(VarSymbol field) {
    return explicit(field)
        .or(() -> explicitOfType(field.type))
        .orElseGet(() -> simpleName(field.owner) + "." + field.getSimpleName());
  }

  /** The lock class of a parameter or local variable. */
  public static String ofVariable(VarSymbol variable) {
    return explicit(variable).orElseGet(() -> ofTypeOf(variable.type));
  }

  /**
   * The lock class of what a no-argument method returns. A {@code ReadWriteLock}'s {@code
   * readLock()} and {@code writeLock()} are halves of their receiver, so they keep its class. A
   * program's own {@code readLock()} accessor (jimfs's {@code RegularFile.readLock()}) returns a
   * lock the receiver keeps, not the receiver: giving it the receiver's class would make the
   * file's lock and the file's monitor two locks of one class.
   */
  public static String ofMethod(MethodSymbol method, String receiverClass) {
    return explicit(method)
        .or(() -> explicitOfType(method.getReturnType()))
        .orElseGet(
            () -> {
              String name = method.getSimpleName().toString();
              if (receiverClass != null
                  && (name.equals(LockApi.RW_READ) || name.equals(LockApi.RW_WRITE))
                  && isReadWriteLock(method.owner)) {
                return receiverClass;
              }
              return simpleName(method.owner) + "." + name + "()";
            });
  }

  /** Whether {@code type} is {@code java.util.concurrent.locks.ReadWriteLock} or a subtype. */
  private static boolean isReadWriteLock(Symbol type) {
    if (!(type instanceof ClassSymbol c)) {
      return false;
    }
    if (c.getQualifiedName().contentEquals(LockApi.READ_WRITE_LOCK)) {
      return true;
    }
    for (Type i : c.getInterfaces()) {
      if (isReadWriteLock(i.tsym)) {
        return true;
      }
    }
    Type superclass = c.getSuperclass();
    return superclass != null && isReadWriteLock(superclass.tsym);
  }

  /** The lock class of an expression's declared type. */
  public static String ofTypeOf(Type type) {
    if (type == null || type.tsym == null) {
      return "?";
    }
    return ofType(type.tsym);
  }

  private static Optional<String> explicitOfType(Type type) {
    return type == null || type.tsym == null ? Optional.empty() : explicit(type.tsym);
  }

  private static Optional<String> explicit(Symbol sym) {
    return Annotations.value(sym, LockApi.LOCK_CLASS).filter(v -> !v.isBlank());
  }

  private static String simpleName(Symbol sym) {
    if (sym instanceof ClassSymbol cls && cls.getSimpleName().isEmpty()) {
      // Anonymous classes: Outer$1 is the only name they have.
      return cls.flatname.toString().substring(cls.flatname.toString().lastIndexOf('.') + 1);
    }
    return sym.getSimpleName().toString();
  }
}
