package dev.faultlock.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserBufferCopiesTest {
  @Test
  void nioBufferBookkeepingIsNotACopyButItsElementsAre() {
    assertThat(UserBufferCopies.isCopy("java.nio.ByteBuffer", "remaining")).isFalse();
    assertThat(UserBufferCopies.isCopy("java.nio.Buffer", "flip")).isFalse();
    assertThat(UserBufferCopies.isCopy("java.nio.MappedByteBuffer", "toString")).isFalse();
    assertThat(UserBufferCopies.isCopy("java.nio.ByteBuffer", "put")).isTrue();
    assertThat(UserBufferCopies.isCopy("java.nio.CharBuffer", "get")).isTrue();
    assertThat(UserBufferCopies.isCopy("java.nio.ByteBuffer", "equals")).isTrue();
    assertThat(UserBufferCopies.isCopy("java.nio.ByteBuffer", "hashCode")).isTrue();
  }

  @Test
  void otherReceiversCopyButForObjectsMethods() {
    assertThat(UserBufferCopies.isCopy("demo.UserMemory", "remaining")).isTrue();
    assertThat(UserBufferCopies.isCopy("java.nio.channels.WritableByteChannel", "write")).isTrue();
    assertThat(UserBufferCopies.isCopy("java.lang.Object", "equals")).isFalse();
    assertThat(UserBufferCopies.isCopy("demo.UserMemory", "hashCode")).isFalse();
  }

  @Test
  void anUnknownReceiverTypeIsNotABuffer() {
    assertThat(UserBufferCopies.isCopy(null, "remaining")).isTrue();
    assertThat(UserBufferCopies.isCopy(null, "toString")).isFalse();
  }
}
