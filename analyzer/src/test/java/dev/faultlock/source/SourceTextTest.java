package dev.faultlock.source;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceTextTest {
  @Test
  void undecodableBytesAreNamedAtTheirLineAndColumn() {
    byte[] latin1 = "class A {}\r\n// caf\u00e9\nclass B {}\n".getBytes(ISO_8859_1);

    SourceText.Decoded asUtf8 = SourceText.decode(latin1, UTF_8);
    SourceText.Decoded asLatin1 = SourceText.decode(latin1, ISO_8859_1);

    assertThat(asUtf8.text()).isNull();
    assertThat(asUtf8.line()).isEqualTo(2);
    assertThat(asUtf8.column()).isEqualTo(7);
    assertThat(asUtf8.error()).startsWith("not UTF-8 text (byte 0xE9); file skipped");
    assertThat(asLatin1.text()).isEqualTo("class A {}\r\n// caf\u00e9\nclass B {}\n");
    assertThat(asLatin1.error()).isNull();
  }

  @Test
  void aTruncatedSequenceAtTheEndIsNamedToo() {
    byte[] bytes = {'x', '\n', (byte) 0xC3};

    SourceText.Decoded decoded = SourceText.decode(bytes, UTF_8);

    assertThat(decoded.line()).isEqualTo(2);
    assertThat(decoded.column()).isEqualTo(1);
    assertThat(decoded.error()).startsWith("not UTF-8 text (byte 0xC3)");
  }

  @Test
  void validUtf8Decodes() {
    SourceText.Decoded decoded = SourceText.decode("// caf\u00e9 \u2603\n".getBytes(UTF_8), UTF_8);

    assertThat(decoded.text()).isEqualTo("// caf\u00e9 \u2603\n");
  }
}
