/**
 * The faultlock vocabulary: annotations that tell faultlock which locks a method takes, which
 * lock class a lock belongs to, where a copy may fault into a fault handler, and which safe
 * pattern (sorted pre-acquisition, copying with faults disabled) a method follows.
 *
 * <p>All annotations have {@link java.lang.annotation.RetentionPolicy#CLASS CLASS} retention:
 * they are read by the Error Prone checkers (from sources and from class files of dependencies)
 * and by the whole-program analyzer (from sources), and cost nothing at run time.
 *
 * <p><b>Lock expressions</b> (in {@link Acquires}, {@link TryAcquires}, {@link Releases},
 * {@link Holding}) are strings: {@code "this"}, a parameter name, a field name, {@code
 * "param.field"}, or {@code "Type.class"}.
 */
package dev.faultlock.annotations;
