package dev.faultlock.source;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact binary form the analysis cache stores: unsigned variable-length integers and
 * strings as indexes into a table written once, ahead of the data (a file's path or a type name
 * occurs hundreds of times in its facts). Reading is a cursor over a byte array; malformed input
 * throws {@link IOException}, never anything else.
 */
public final class Compact {
  private Compact() {}

  /** Builds one record: call the writers, then {@link #toBytes()}. */
  public static final class Writer {
    private final ByteArrayOutputStream data = new ByteArrayOutputStream(4096);
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> table = new ArrayList<>();

    public void uint(int v) {
      if (v < 0) throw new IllegalArgumentException("negative: " + v);
      while ((v & ~0x7f) != 0) {
        data.write((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      data.write(v);
    }

    public void bool(boolean b) {
      data.write(b ? 1 : 0);
    }

    /** A string, {@code null} included. */
    public void string(String s) {
      if (s == null) {
        uint(0);
        return;
      }
      Integer id = ids.get(s);
      if (id == null) {
        table.add(s);
        id = table.size();
        ids.put(s, id);
      }
      uint(id);
    }

    public void strings(List<String> list) {
      uint(list.size());
      for (String s : list) string(s);
    }

    /** The string table, then the data. */
    public byte[] toBytes() {
      Writer head = new Writer();
      head.uint(table.size());
      for (String s : table) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        head.uint(utf8.length);
        head.data.writeBytes(utf8);
      }
      head.data.writeBytes(data.toByteArray());
      return head.data.toByteArray();
    }
  }

  /** Reads what a {@link Writer} wrote. */
  public static final class Reader {
    private final ByteBuffer in;
    private final String[] table;

    public Reader(byte[] bytes) throws IOException {
      this.in = ByteBuffer.wrap(bytes);
      int n = uint();
      if (n > bytes.length) throw new IOException("string table larger than the record");
      table = new String[n];
      for (int i = 0; i < n; i++) {
        int len = uint();
        if (len > in.remaining()) throw new EOFException();
        table[i] = new String(bytes, in.position(), len, StandardCharsets.UTF_8);
        in.position(in.position() + len);
      }
    }

    public int uint() throws IOException {
      int v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        if (!in.hasRemaining()) throw new EOFException();
        int b = in.get();
        v |= (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          if (v < 0) throw new IOException("bad number");
          return v;
        }
      }
      throw new IOException("bad number");
    }

    /** A count of items still to read: at most the bytes left, so a corrupt count fails fast. */
    public int count() throws IOException {
      int n = uint();
      if (n > in.remaining()) throw new IOException("bad count " + n);
      return n;
    }

    public boolean bool() throws IOException {
      if (!in.hasRemaining()) throw new EOFException();
      int b = in.get();
      if (b != 0 && b != 1) throw new IOException("bad boolean");
      return b == 1;
    }

    public String string() throws IOException {
      int id = uint();
      if (id == 0) return null;
      if (id > table.length) throw new IOException("bad string " + id);
      return table[id - 1];
    }

    /** A string that must be present. */
    public String text() throws IOException {
      String s = string();
      if (s == null) throw new IOException("missing string");
      return s;
    }

    public List<String> strings() throws IOException {
      int n = count();
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) out.add(string());
      return out;
    }

    public boolean atEnd() {
      return !in.hasRemaining();
    }
  }
}
