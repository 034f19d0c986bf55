package dev.faultlock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.catalog.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape Alluxio's inode tree uses to lock two inodes for a rename: both locks are of one
 * class, taken one after the other, but in the order {@code compareTo} gives, so two threads
 * renaming in opposite directions still agree. It must stay quiet; the same code without the
 * ordering is the bug and must be reported.
 */
class OrderedPairLockingTest {
  @TempDir Path dir;

  private static final String INODE =
      """
      package fs;

      import java.util.concurrent.locks.ReentrantLock;

      final class Inode implements Comparable<Inode> {
        final long id;
        final ReentrantLock lock = new ReentrantLock();
        long size;

        Inode(long id) { this.id = id; }

        @Override
        public int compareTo(Inode other) { return Long.compare(id, other.id); }
      }
      """;

  @Test
  void pairLockedInCompareToOrderIsQuiet() throws IOException {
    AnalysisResult result =
        analyse(
            """
            package fs;

            final class Rename {
              static void rename(Inode src, Inode dst) {
                Inode first = src.compareTo(dst) <= 0 ? src : dst;
                Inode second = first == src ? dst : src;
                first.lock.lock();
                try {
                  second.lock.lock();
                  try {
                    dst.size = src.size;
                  } finally {
                    second.lock.unlock();
                  }
                } finally {
                  first.lock.unlock();
                }
              }

              static void link(Inode a, Inode b) {
                if (a.compareTo(b) < 0) {
                  synchronized (a) { synchronized (b) { b.size = a.size; } }
                } else {
                  synchronized (b) { synchronized (a) { b.size = a.size; } }
                }
              }
            }
            """);
    assertThat(result.problems()).isEmpty();
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void pairLockedInArgumentOrderIsReported() throws IOException {
    AnalysisResult result =
        analyse(
            """
            package fs;

            final class Rename {
              static void rename(Inode src, Inode dst) {
                src.lock.lock();
                try {
                  dst.lock.lock();
                  try {
                    dst.size = src.size;
                  } finally {
                    dst.lock.unlock();
                  }
                } finally {
                  src.lock.unlock();
                }
              }
            }
            """);
    assertThat(result.findings())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.rule()).isEqualTo(Rule.UNSORTED_SAME_CLASS_LOCKS);
          assertThat(f.location().file()).endsWith("Rename.java");
          assertThat(f.location().line()).isEqualTo(7);
        });
  }

  private AnalysisResult analyse(String rename) throws IOException {
    Files.createDirectories(dir.resolve("fs"));
    Files.writeString(dir.resolve("fs/Inode.java"), INODE);
    Files.writeString(dir.resolve("fs/Rename.java"), rename);
    return Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());
  }
}
