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
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * One file per source under {@code cacheDir/files}: {@code <key>.bin}, where the key is the
 * SHA-256 of the analyzer's environment ({@link InputKey#environment}), the source's path as
 * reports show it and its bytes. An entry holds the file's declarations, the hash of its
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

  static String key(String environment, String shown, byte[] content) {
    MessageDigest digest = InputKey.sha256();
    digest.update(environment.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(shown.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(content);
    return HexFormat.of().formatHex(digest.digest());
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
   * Deletes the entries this run did not use: sources since edited, deleted or renamed. (A cache
   * directory serves one program; two programs sharing one would evict each other's entries.)
   */
  void prune(Set<String> used) {
    if (!Files.isDirectory(dir)) return;
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        boolean stale =
            name.endsWith(SUFFIX) && !used.contains(name.substring(0, name.length() - SUFFIX.length()));
        if (stale || name.endsWith(".tmp") && old(p)) Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      // Pruning only saves space; the next run tries again.
    }
  }

  // A temporary file of a run that was killed; a live run's is seconds old.
  private static boolean old(Path p) throws IOException {
    return Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 3_600_000L;
  }
}
