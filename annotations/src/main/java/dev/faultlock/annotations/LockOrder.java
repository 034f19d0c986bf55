package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the order in which lock classes must be taken: a lock of a class earlier in the list
 * may be held while acquiring one of a later class, never the other way round. Acquiring against
 * it is a {@code DeclaredOrderViolation} even before a cycle exists.
 *
 * <pre>{@code
 * @LockOrder({"inode", "page", "journal"})
 * final class ClusterFileSystem { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface LockOrder {
  /** Lock class names, outermost first. */
  String[] value();
}
