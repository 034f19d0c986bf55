package dev.faultlock.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes a source file's bytes strictly, as javac does: a byte sequence that is not text in the
 * file's encoding is an error, named at its line and column, not a replacement character that
 * would shift every position after it.
 */
final class SourceText {
  private SourceText() {}

  /**
   * The file's text, or why it has none.
   *
   * @param text the decoded text, {@code null} when the bytes do not decode
   * @param line 1-based line of the first byte that does not decode, 0 when decoded
   * @param column 1-based column (in characters) of that byte
   * @param error the problem's message, {@code null} when decoded
   */
  record Decoded(String text, int line, int column, String error) {}

  static Decoded decode(byte[] bytes, Charset encoding) {
    CharsetDecoder decoder =
        encoding
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out =
        CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) result = decoder.flush(out);
    if (!result.isError()) return new Decoded(out.flip().toString(), 0, 0, null);

    // Everything before the bad bytes decoded: count its lines to say where they are.
    out.flip();
    int line = 1;
    int column = 1;
    for (int i = 0; i < out.limit(); i++) {
      char c = out.get(i);
      if (c == '\n' || (c == '\r' && (i + 1 == out.limit() || out.get(i + 1) != '\n'))) {
        line++;
        column = 1;
      } else if (c != '\r') {
        column++;
      }
    }
    int length = Math.min(result.length(), in.remaining());
    String offending = HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase()
        .formatHex(bytes, in.position(), in.position() + length);
    return new Decoded(null, line, column, message(encoding, offending));
  }

  private static String message(Charset encoding, String offending) {
    String hint =
        encoding.equals(StandardCharsets.UTF_8)
            ? "if javac reads it in another encoding, name that with --encoding (Maven:"
                + " project.build.sourceEncoding)"
            : "check --encoding (Maven: project.build.sourceEncoding)";
    return "not " + encoding.name() + " text (byte " + offending + "); file skipped: " + hint;
  }
}
