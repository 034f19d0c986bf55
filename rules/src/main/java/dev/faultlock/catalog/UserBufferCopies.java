package dev.faultlock.catalog;

import java.util.Set;

/**
 * Which calls that are handed a caller's buffer (a {@code @UserBuffer} parameter, as receiver or
 * argument) are copies that may fault: the one definition both passes apply, so that a call is a
 * {@code FaultUnderLock} copy at compile time exactly when it is one in the whole program.
 *
 * <p>Every such call is a copy except {@code java.nio.Buffer} bookkeeping, which reads or moves a
 * buffer's indices and never its memory ({@code dst.remaining()} cannot fault on a mapping), and
 * {@code Object}'s methods. A buffer's own {@code equals}, {@code hashCode} and {@code compareTo}
 * compare its remaining elements, so on a {@code java.nio} buffer they are copies too; on other
 * types {@code Object}'s methods are taken to look at the object, not at the memory it stands
 * for. A call handed the buffer as an argument may read or write it: the callee is not known to
 * be harmless, and when it is program code the whole-program pass follows it anyway.
 */
public final class UserBufferCopies {
  private UserBufferCopies() {}

  /**
   * The buffer types of {@code java.nio}. {@code Buffer}'s constructors are package-private, so
   * no other class extends it and a type's name says whether it is one.
   */
  private static final Set<String> NIO_BUFFERS =
      Set.of("java.nio.Buffer", "java.nio.ByteBuffer", "java.nio.MappedByteBuffer",
          "java.nio.CharBuffer", "java.nio.ShortBuffer", "java.nio.IntBuffer",
          "java.nio.LongBuffer", "java.nio.FloatBuffer", "java.nio.DoubleBuffer");

  /** Methods of a {@code java.nio} buffer that never touch its elements. */
  private static final Set<String> BUFFER_BOOKKEEPING =
      Set.of("remaining", "hasRemaining", "position", "limit", "capacity", "mark", "reset",
          "clear", "flip", "rewind", "isDirect", "isReadOnly", "hasArray", "arrayOffset", "order",
          "toString", "getClass");

  private static final Set<String> OBJECT_METHODS =
      Set.of("hashCode", "equals", "toString", "getClass");

  /**
   * Whether {@code receiver.method(...)}, with a user buffer as its receiver or one of its
   * arguments, may copy to or from that buffer. {@code receiverType} is the fully qualified name
   * of the receiver's static type (the enclosing class for an unqualified call), or null when it
   * is not known.
   */
  public static boolean isCopy(String receiverType, String method) {
    boolean nioBuffer = receiverType != null && NIO_BUFFERS.contains(receiverType);
    Set<String> harmless = nioBuffer ? BUFFER_BOOKKEEPING : OBJECT_METHODS;
    return !harmless.contains(method);
  }
}
