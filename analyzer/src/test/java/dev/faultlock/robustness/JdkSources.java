package dev.faultlock.robustness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real code for the robustness tests: files of the JDK's own {@code src.zip}, unpacked under
 * {@code target/} at test time (never committed). The sample is deterministic: every k-th
 * {@code .java} entry in name order, so it spans every module, plus files named by the test.
 */
final class JdkSources {
  static final Path SRC_ZIP = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip");

  private JdkSources() {}

  /**
   * Unpacks {@code count} files spread evenly over all of src.zip, plus {@code named} entries,
   * under {@code dir}; returns the unpacked files in name order.
   */
  static List<Path> sample(Path dir, int count, String... named) throws IOException {
    if (!Files.isRegularFile(SRC_ZIP)) {
      throw new IllegalStateException(
          "the robustness tests read the JDK 25 sources at " + SRC_ZIP + ": install temurin-25-jdk");
    }
    try (ZipFile zip = new ZipFile(SRC_ZIP.toFile())) {
      List<String> names = new ArrayList<>();
      zip.stream()
          .map(ZipEntry::getName)
          .filter(n -> n.endsWith(".java"))
          .forEach(names::add);
      Collections.sort(names);
      List<String> chosen = new ArrayList<>();
      int stride = Math.max(1, names.size() / count);
      for (int i = 0; i < names.size() && chosen.size() < count; i += stride) {
        chosen.add(names.get(i));
      }
      for (String n : named) {
        if (zip.getEntry(n) == null) throw new IllegalArgumentException("not in src.zip: " + n);
        if (!chosen.contains(n)) chosen.add(n);
      }
      Collections.sort(chosen);
      List<Path> out = new ArrayList<>();
      for (String n : chosen) {
        Path target = dir.resolve(n);
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(zip.getEntry(n))) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        out.add(target);
      }
      return out;
    }
  }
}
