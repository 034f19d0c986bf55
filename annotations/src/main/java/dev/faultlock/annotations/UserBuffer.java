package dev.faultlock.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A caller-supplied buffer. Any call that reads or writes it, with the buffer as receiver or as
 * argument, is a {@link MayFault} site of domain {@code ""}: the buffer may be a mapping of
 * another file, and touching it may run that file's fault handler.
 *
 * <pre>{@code
 * int read(long pos, @UserBuffer UserMemory dst, int len) {
 *   locks.lockShared(inode);
 *   try {
 *     dst.write(0, data, 0, len);   // may fault on another file's mapping
 *   } finally {
 *     locks.unlock(inode);
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface UserBuffer {}
