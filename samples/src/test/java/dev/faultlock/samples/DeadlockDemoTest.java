package dev.faultlock.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DeadlockDemoTest {
  @Test
  void buggyDeadlocksAndTheFixesCompleteInEveryScenario() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      assertThat(DeadlockDemo.run(out)).isEmpty();
    }
    String report = bytes.toString(StandardCharsets.UTF_8);

    assertThat(count(report, "(?m)^(READ|WRITE), \\d nodes:$")).isEqualTo(3);
    assertThat(count(report, "(?m)^  buggy  DEADLOCK: ")).isEqualTo(3);
    assertThat(count(report, "(?m)^  sorted completed in \\d+ ms: no wait-for cycle, every file holds the expected bytes$")).isEqualTo(3);
    assertThat(count(report, "(?m)^  retry  completed in \\d+ ms: no wait-for cycle, every file holds the expected bytes$")).isEqualTo(3);
    assertThat(report)
        .contains(
            """
                "node-1 read(a) into a writable mmap of b"
                  holds     inode 1 (a) shared
                  waits for inode 2 (b) exclusive, held shared by "node-2 read(b) into a writable mmap of a"
            """)
        .contains(
            """
                "node-2 write(b) from a read-only mmap of a"
                  holds     inode 2 (b) exclusive
                  waits for inode 1 (a) shared, held exclusive by "node-1 write(a) from a read-only mmap of b"
            """)
        .contains(
            """
                "node-3 read(c) into writable mmaps of a, b"
                  holds     inode 3 (c) shared
                  waits for inode 1 (a) exclusive, held shared by "node-1 read(a) into writable mmaps of b, c"
            """)
        .contains("WAITING in LockManager.acquire <- LockManager.lockExclusive <- BuggyFile.fault")
        .contains("torn down: every node's thread interrupted and joined, lock table empty")
        .doesNotContain("FAILED")
        .doesNotContain("NOT empty");
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("node-"));
  }

  private static int count(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }
}
