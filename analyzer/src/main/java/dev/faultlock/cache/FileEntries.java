package dev.faultlock.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * One file per source under {@code cacheDir/files}: {@code <key>.bin}, where the key hashes the
 * analyzer's environment ({@link InputKey#environment}), the source's path as reports show it
 * and its bytes ({@link #key}). An entry holds the file's declarations, the hash of its
 * interface (declarations without line numbers), the program-wide declaration fingerprint its
 * facts were extracted under, and the facts.
 *
 * <p>Entries are written to a temporary file and moved into place, and carry a CRC-32 of their
 * contents: a truncated, corrupt or foreign entry reads as missing, and the file is parsed again.
 */
final class FileEntries {
  private static final int MAGIC = 0x464c4331; // "FLC1"
  private static final String SUFFIX = ".bin";

  /** What one entry holds. */
  record Entry(String interfaceHash, String fingerprint, byte[] declarations, byte[] facts) {}

  private final Path dir;

  FileEntries(Path dir) {
    this.dir = dir;
  }

  /**
   * {@code <slot>-<content>}: the slot is the hash of the environment and the path, the second
   * part the hash of the bytes. A newer version of a file replaces its slot's older entries.
   */
  static String key(String environment, String shown, byte[] content) {
    MessageDigest slot = InputKey.sha256();
    slot.update(environment.getBytes(StandardCharsets.UTF_8));
    slot.update((byte) 0);
    slot.update(shown.getBytes(StandardCharsets.UTF_8));
    HexFormat hex = HexFormat.of();
    return hex.formatHex(slot.digest(), 0, 16) + '-' + hex.formatHex(InputKey.sha256().digest(content));
  }

  private static String slot(String key) {
    int dash = key.indexOf('-');
    return dash < 0 ? key : key.substring(0, dash);
  }

  /** The entry stored under {@code key}, or {@code null} when there is none or it cannot be read. */
  Entry read(String key) {
    Path file = dir.resolve(key + SUFFIX);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (bytes.length < 12 || in.readInt() != MAGIC) return null;
      long crc = in.readLong();
      CRC32 check = new CRC32();
      check.update(bytes, 12, bytes.length - 12);
      if (check.getValue() != crc) return null;
      // An entry copied or renamed to another key is not this file's.
      if (!in.readUTF().equals(key)) return null;
      String iface = in.readUTF();
      String fingerprint = in.readUTF();
      byte[] declarations = new byte[length(in)];
      in.readFully(declarations);
      byte[] facts = new byte[length(in)];
      in.readFully(facts);
      if (in.available() != 0) return null;
      return new Entry(iface, fingerprint, declarations, facts);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static int length(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) throw new IOException("bad length");
    return n;
  }

  void write(String key, Entry entry) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(body)) {
      out.writeUTF(key);
      out.writeUTF(entry.interfaceHash());
      out.writeUTF(entry.fingerprint());
      out.writeInt(entry.declarations().length);
      out.write(entry.declarations());
      out.writeInt(entry.facts().length);
      out.write(entry.facts());
    }
    byte[] data = body.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(data);
    ByteArrayOutputStream whole = new ByteArrayOutputStream(data.length + 12);
    try (DataOutputStream out = new DataOutputStream(whole)) {
      out.writeInt(MAGIC);
      out.writeLong(crc.getValue());
      out.write(data);
    }
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, key, ".tmp");
    try {
      Files.write(temp, whole.toByteArray());
      try {
        Files.move(temp, dir.resolve(key + SUFFIX), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, dir.resolve(key + SUFFIX), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Deletes the entries superseded by this run's: older versions of the files it read (same
   * slot, other content). Entries of other slots belong to files this run did not read (deleted
   * or renamed ones, or another analysis sharing the directory, such as one with the test
   * sources) and go once they are {@link #MAX_AGE_MILLIS} old; an entry in use is rewritten only
   * when its file changes, so age alone would not do for those.
   */
  void prune(Set<String> used) {
    if (!Files.isDirectory(dir)) return;
    Set<String> slots = new HashSet<>();
    for (String k : used) slots.add(slot(k));
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          String key = name.substring(0, name.length() - SUFFIX.length());
          if (used.contains(key)) continue;
          if (slots.contains(slot(key)) || old(p, MAX_AGE_MILLIS)) Files.deleteIfExists(p);
        } else if (name.endsWith(".tmp") && old(p, 3_600_000L)) {
          // Left by a run that was killed; a live run's is seconds old.
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Pruning only saves space; the next run tries again.
    }
  }

  static final long MAX_AGE_MILLIS = 7L * 24 * 3_600_000L;

  private static boolean old(Path p, long millis) throws IOException {
    return Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - millis;
  }
}
