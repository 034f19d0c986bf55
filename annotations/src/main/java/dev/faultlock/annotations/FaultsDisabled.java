package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method runs its copies with faults disabled: a copy that would fault stops short instead
 * of running a fault handler (Linux's {@code pagefault_disable()}). No handler runs inside it, so
 * copies in it are safe under any lock. The caller is expected to drop its locks on a short copy,
 * fault the pages in with no lock held, and retry (the gfs2 fix of 2021).
 *
 * <pre>{@code
 * @FaultsDisabled
 * private int copyNoFault(long pos, UserMemory dst, int len) {
 *   return dst.writeNoFault(0, data, 0, len);   // short count instead of a fault
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface FaultsDisabled {}
