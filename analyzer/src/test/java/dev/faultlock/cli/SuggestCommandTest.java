package dev.faultlock.cli;

import static dev.faultlock.cli.CliRun.faultlock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.suggest.ErrorProneJavac;
import dev.faultlock.suggest.GitApply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faultlock suggest} end to end: the diff it prints applies with {@code git apply}, and
 * with it applied javac with the Error Prone checkers flags what it did not flag before.
 */
class SuggestCommandTest {
  @TempDir Path dir;

  private static final String STORE = """
      package com.acme;

      import java.util.concurrent.locks.ReentrantLock;

      public class Store {
        private final ReentrantLock lock = new ReentrantLock();

        public void lockStore() {
          lock.lock();
        }

        public void unlockStore() {
          lock.unlock();
        }
      }
      """;

  private static final String COPIER = """
      package com.acme;

      import dev.faultlock.annotations.UserBuffer;
      import java.nio.ByteBuffer;

      class Copier {
        void copy(Store store, @UserBuffer ByteBuffer dst) {
          store.lockStore();
          try {
            dst.put((byte) 1);
          } finally {
            store.unlockStore();
          }
        }
      }
      """;

  @Test
  void guardsGetAcquiresAndReleasesAndErrorProneThenFlagsTheCopyBetweenThem() throws IOException {
    write("com/acme/Store.java", STORE);
    write("com/acme/Copier.java", COPIER);
    assertThat(faultUnderLock(compile())).isEmpty();

    CliRun run = suggest();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--- a/src/com/acme/Store.java", "+++ b/src/com/acme/Store.java")
        .contains("+import dev.faultlock.annotations.Acquires;\n")
        .contains("+  @Acquires(\"lock\")\n   public void lockStore() {")
        .contains("+  @Releases(\"lock\")\n   public void unlockStore() {")
        .doesNotContain("Copier.java");
    assertThat(run.err())
        .contains("src/com/acme/Store.java:8: @Acquires(\"lock\"): Store.lockStore returns holding `lock`")
        .contains("suggested 2 annotations in 1 file");

    GitApply.apply(dir, run.out());
    assertThat(faultUnderLock(compile())).containsExactly("Copier.java:10");
  }

  /** jimfs's transferTo: one file's lock held while writing into the caller's channel. */
  private static final String MEM_FILE = """
      package com.acme;

      import java.nio.ByteBuffer;
      import java.nio.channels.WritableByteChannel;
      import java.util.concurrent.locks.ReentrantLock;

      public final class MemFile implements WritableByteChannel {
        private final ReentrantLock lock = new ReentrantLock();
        private byte[] data = new byte[0];

        public long transferTo(WritableByteChannel target) throws java.io.IOException {
          lock.lock();
          try {
            return Copies.copy(data, target);
          } finally {
            lock.unlock();
          }
        }

        @Override
        public int write(ByteBuffer src) {
          lock.lock();
          try {
            byte[] copy = new byte[src.remaining()];
            src.get(copy);
            data = copy;
            return copy.length;
          } finally {
            lock.unlock();
          }
        }

        @Override
        public boolean isOpen() {
          return true;
        }

        @Override
        public void close() {}
      }
      """;

  private static final String COPIES = """
      package com.acme;

      import java.io.IOException;
      import java.nio.ByteBuffer;
      import java.nio.channels.WritableByteChannel;

      final class Copies {
        static long copy(byte[] data, WritableByteChannel to) throws IOException {
          return to.write(ByteBuffer.wrap(data));
        }
      }
      """;

  @Test
  void anAlienCallUnderALockGetsUserBufferAndItsHandlerFaultHandlerThenErrorProneFlagsTheCopy()
      throws IOException {
    write("com/acme/MemFile.java", MEM_FILE);
    write("com/acme/Copies.java", COPIES);
    assertThat(faultUnderLock(compile())).isEmpty();

    assertThat(suggest("--fault-handlers").out())
        .contains("+  @FaultHandler\n   @Override\n   public int write(ByteBuffer src) {")
        .contains("+import dev.faultlock.annotations.FaultHandler;\n+import dev.faultlock.annotations.UserBuffer;\n");
    CliRun run = suggest();
    assertThat(run.out())
        .contains("-  public long transferTo(WritableByteChannel target) throws java.io.IOException {\n"
            + "+  public long transferTo(@UserBuffer WritableByteChannel target) throws java.io.IOException {")
        .contains("+import dev.faultlock.annotations.UserBuffer;\n")
        .doesNotContain("FaultHandler")
        .doesNotContain("Copies.java");
    assertThat(run.err()).contains(
        "MemFile.java:11: @UserBuffer: MemFile.transferTo holds `lock` (class MemFile.lock) at line 14"
            + " while `target` reaches `WritableByteChannel.write`");
    GitApply.apply(dir, run.out());
    // Line 14 of transferTo, one line down for the import.
    assertThat(faultUnderLock(compile())).containsExactly("MemFile.java:15");
  }

  @Test
  void anAlienCallWhoseImplementationsTakeNoLockGetsNothing() throws IOException {
    String unlocked = MEM_FILE
        .replace("    lock.lock();\n    try {\n      byte[] copy", "    {\n      byte[] copy")
        .replace("      return copy.length;\n    } finally {\n      lock.unlock();\n    }",
            "      return copy.length;\n    }");
    assertThat(unlocked).as("write takes no lock").containsOnlyOnce("lock.lock()");
    write("com/acme/MemFile.java", unlocked);
    write("com/acme/Copies.java", COPIES);
    CliRun run = suggest();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("no annotation to suggest");
  }

  @Test
  void fieldsOfOneReadWriteLockGetOneLockClass() throws IOException {
    write("com/acme/Table.java", """
        package com.acme;

        import java.util.concurrent.locks.Lock;
        import java.util.concurrent.locks.ReadWriteLock;
        import java.util.concurrent.locks.ReentrantLock;
        import java.util.concurrent.locks.ReentrantReadWriteLock;

        class Table {
          private final Lock readLock;
          private final Lock writeLock;
          private final Lock statsLock = new ReentrantLock();

          Table() {
            ReadWriteLock rw = new ReentrantReadWriteLock();
            readLock = rw.readLock();
            this.writeLock = rw.writeLock();
          }

          void upgrade() {
            readLock.lock();
            try {
              writeLock.lock();
              writeLock.unlock();
            } finally {
              readLock.unlock();
            }
          }

          void stats() {
            readLock.lock();
            try {
              statsLock.lock();
              statsLock.unlock();
            } finally {
              readLock.unlock();
            }
          }
        }
        """);
    assertThat(rule(compile(), "UnsortedSameClassLocks")).isEmpty();

    CliRun run = suggest();
    assertThat(run.out())
        .contains("+  @LockClass(\"Table.rw\")\n   private final Lock readLock;")
        .contains("+  @LockClass(\"Table.rw\")\n   private final Lock writeLock;")
        .doesNotContain("statsLock;");
    GitApply.apply(dir, run.out());
    // Taking the write half under the read half deadlocks (line 22, three lines down once the
    // import and two annotations are in); the stats lock is another lock.
    assertThat(rule(compile(), "UnsortedSameClassLocks")).containsExactly("Table.java:25");
  }

  @Test
  void theLockAndItsHalvesInFieldsGetTheLocksClassButTwoNamesOfOneObjectDoNot() throws IOException {
    write("com/acme/Index.java", """
        package com.acme;

        import java.util.concurrent.locks.Lock;
        import java.util.concurrent.locks.ReentrantLock;
        import java.util.concurrent.locks.ReentrantReadWriteLock;

        class Index {
          private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
          private final Lock shared = rw.readLock();
          private final Lock exclusive;
          private final Lock mutex = new ReentrantLock();
          private final Lock sameMutex = mutex;

          Index() {
            exclusive = this.rw.writeLock();
          }
        }
        """);
    CliRun run = suggest();
    assertThat(run.out())
        .contains("+  @LockClass(\"Index.rw\")\n   private final Lock shared = rw.readLock();")
        .contains("+  @LockClass(\"Index.rw\")\n   private final Lock exclusive;")
        // Already of that class by its own name; and an alias is the same object, not a kind.
        .doesNotContain("+  @LockClass(\"Index.rw\")\n   private final ReentrantReadWriteLock rw")
        .doesNotContain("Index.mutex");
    assertThat(run.err()).contains("suggested 2 annotations in 1 file");
  }

  @Test
  void codeThatNeedsNoAnnotationGetsAnEmptyDiff() throws IOException {
    write("com/acme/Counter.java", """
        package com.acme;

        import java.util.concurrent.locks.ReentrantLock;

        class Counter {
          private final ReentrantLock a = new ReentrantLock();
          private final ReentrantLock b = new ReentrantLock();
          private int n;

          synchronized void add() {
            n++;
          }

          void both() {
            a.lock();
            try {
              n--;
            } finally {
              a.unlock();
            }
          }
        }
        """);
    CliRun run = suggest();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("no annotation to suggest");
  }

  @Test
  void aGuardObjectAndItsFactoryAreLeftToTheInference() throws IOException {
    write("com/acme/Guard.java", """
        package com.acme;

        import java.util.concurrent.locks.Lock;

        final class Guard implements AutoCloseable {
          private final Lock lock;

          private Guard(Lock lock) {
            this.lock = lock;
          }

          @Override
          public void close() {
            lock.unlock();
          }

          static Guard hold(Lock lock) {
            lock.lock();
            return new Guard(lock);
          }
        }
        """);
    write("com/acme/Shared.java", """
        package com.acme;

        import java.util.concurrent.locks.ReentrantReadWriteLock;

        class Shared {
          private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

          void readLocked() {
            lock.readLock().lock();
          }
        }
        """);
    CliRun run = suggest();
    assertThat(run.out()).isEmpty();
  }

  /**
   * jimfs's {@code JimfsFileChannel.write}: the accessor call in the {@code finally} may throw
   * into the {@code catch}, a path on which the lock stays held, so the inference counts the
   * method as returning holding it. It gives its lock back: no {@code @Acquires} for it.
   */
  @Test
  void aMethodThatGivesItsLockBackIsNoGuardThoughAnExceptionPathKeepsIt() throws IOException {
    write("com/acme/File.java", """
        package com.acme;

        import java.util.concurrent.locks.Lock;
        import java.util.concurrent.locks.ReentrantReadWriteLock;

        class File {
          private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

          Lock writeLock() {
            return lock.writeLock();
          }
        }
        """);
    write("com/acme/Channel.java", """
        package com.acme;

        class Channel {
          private final File file = new File();

          int write() {
            int written = 0;
            try {
              file.writeLock().lockInterruptibly();
              try {
                written = 1;
              } finally {
                file.writeLock().unlock();
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return written;
          }
        }
        """);
    assertThat(suggest().out()).isEmpty();
  }

  @Test
  void applyWritesWhatTheDiffShows() throws IOException {
    write("com/acme/Store.java", STORE);
    String diff = suggest().out();
    Path copy = dir.resolveSibling(dir.getFileName() + "-git");
    copyTree(dir, copy);
    GitApply.apply(copy, diff);

    CliRun run = faultlock("suggest", "--apply", "--root", dir.toString(), dir.resolve("src").toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("wrote 2 annotations in 1 file");
    assertThat(read(dir.resolve("src/com/acme/Store.java")))
        .isEqualTo(read(copy.resolve("src/com/acme/Store.java")))
        .contains("@Acquires(\"lock\")");
    assertThat(suggest().out()).as("applied once, nothing is left to suggest").isEmpty();
  }

  @Test
  void aFileThatDoesNotParseIsNamedAndTheRestStillGetsItsDiff() throws IOException {
    write("com/acme/Store.java", STORE);
    write("com/acme/Broken.java", "package com.acme;\n\nclass Broken {\n  void f( {\n}\n");
    CliRun run = suggest();
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("src/com/acme/Broken.java:4: syntax error");
    assertThat(run.out()).contains("+  @Acquires(\"lock\")").doesNotContain("Broken");
    GitApply.apply(dir, run.out());
  }

  @Test
  void aPathThatDoesNotExistIsAUsageError() {
    CliRun run = faultlock("suggest", dir.resolve("nowhere").toString());
    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err()).contains("nowhere: no such file or directory");
  }

  @Test
  void theHelpOffersOnlyTheControlsThatApply() {
    CliRun run = faultlock("suggest", "--help");
    assertThat(run.out()).contains("--apply", "--root", "--exclude", "--encoding", "--config")
        .doesNotContain("--fail-on", "--baseline", "--rule");
  }

  private CliRun suggest(String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("suggest", "--root", dir.toString()));
    args.addAll(List.of(options));
    args.add(dir.resolve("src").toString());
    return faultlock(args.toArray(String[]::new));
  }

  private List<ErrorProneJavac.Reported> compile() {
    return ErrorProneJavac.compile(dir.resolve("src"), dir.resolve("classes"));
  }

  private static List<String> faultUnderLock(List<ErrorProneJavac.Reported> reported) {
    return rule(reported, "FaultUnderLock");
  }

  private static List<String> rule(List<ErrorProneJavac.Reported> reported, String rule) {
    assertThat(reported).as("javac errors other than faultlock's").allMatch(r -> r.message().contains("[")
        && (r.message().contains("[FaultUnderLock]") || r.message().contains("[UnsortedSameClassLocks]")));
    return reported.stream()
        .filter(r -> r.message().contains("[" + rule + "]"))
        .map(r -> r.file() + ":" + r.line())
        .toList();
  }

  private void write(String path, String text) throws IOException {
    Path file = dir.resolve("src").resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
