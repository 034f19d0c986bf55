package dev.faultlock.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-file cache gives the result of a run without a cache, whatever changed since the last
 * run, and parses only what it must. Every run here is compared with a fresh run on the same
 * input: findings with their traces, problems, the lock graph, the program summary and counts.
 * The whole-run result is deleted before each cached run, so that the per-file entries answer.
 */
class IncrementalCacheTest {
  private static final Path SAMPLES = Path.of("../samples/src/main/java");
  private static final Path PROGRAMS = Path.of("src/test/resources/programs");
  private static final Path SRC_ZIP = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip");

  @TempDir Path dir;

  private Path src() {
    return dir.resolve("src");
  }

  private Path cache() {
    return dir.resolve("cache");
  }

  // ---------------------------------------------------------------------------------------
  // Real programs: the samples, every test program as one program, a slice of the JDK.

  @Test
  void samples() throws IOException {
    copy(SAMPLES);
    editsOfRealCode("dev/faultlock/samples/buggy/BuggyFile.java");
  }

  @Test
  void testProgramsAsOneProgram() throws IOException {
    copy(PROGRAMS);
    editsOfRealCode("lambda/Lambdas.java");
  }

  @Test
  void sliceOfTheJdk() throws IOException {
    unzip("java.base/java/util/concurrent/locks/", "java.base/java/nio/channels/",
        "java.base/java/util/concurrent/ConcurrentHashMap.java");
    editsOfRealCode("java.base/java/util/concurrent/locks/ReentrantReadWriteLock.java");
  }

  /**
   * Cold, warm, a line-shifting edit of {@code edited}, a new subclass overriding a method and
   * the file's removal: each equal to a fresh run, each parsing what it should.
   */
  private void editsOfRealCode(String edited) throws IOException {
    AnalysisResult cold = cached();
    int files = cold.stats().files();
    int broken = unparsable(cold);
    assertThat(cold.stats().filesParsed()).isEqualTo(files);
    assertSameAsFresh(cold);

    AnalysisResult warm = cached();
    assertThat(warm.stats().filesParsed()).isEqualTo(broken);
    assertSameAsFresh(warm);

    // Lines shift below the edit: traces move, nothing else is parsed.
    Path file = src().resolve(edited);
    Files.writeString(file, "// edited\n\n" + Files.readString(file));
    AnalysisResult shifted = cached();
    assertThat(shifted.stats().filesParsed()).isEqualTo(1 + broken);
    assertSameAsFresh(shifted);

    // A declaration change: a new file whose class overrides a method of the edited one.
    Files.writeString(
        file.resolveSibling("ZzAdded.java"),
        packageOf(file) + "class ZzAdded extends java.util.concurrent.locks.ReentrantLock {\n"
            + "  final Object other = new Object();\n"
            + "  @Override public void lock() { synchronized (other) { super.lock(); } }\n"
            + "  @Override public String toString() { synchronized (this) { return \"\"; } }\n"
            + "}\n");
    AnalysisResult added = cached();
    assertThat(added.stats().filesParsed()).isEqualTo(files + 1);
    assertSameAsFresh(added);

    Files.delete(file);
    AnalysisResult removed = cached();
    assertThat(removed.stats().filesParsed()).isEqualTo(files);
    assertSameAsFresh(removed);
  }

  // ---------------------------------------------------------------------------------------
  // A small generated program whose findings each kind of edit changes.

  private static final String ACCOUNT =
      """
      package bank;
      class Account {
        final Object ledger = new Object();
        final Object audit = new Object();
        Task task;
        void post() {
          synchronized (ledger) {
            synchronized (audit) {
              task.run();
            }
          }
        }
        Object lockOf() { return ledger; }
      }
      """;

  private static final String REVIEW =
      """
      package bank;
      class Review {
        void review(Account a) {
          synchronized (a.audit) {
            synchronized (a.ledger) {
            }
          }
        }
        void later(Account a) {
          Runnable r = () -> { synchronized (a.ledger) { a.post(); } };
          r.run();
        }
        final Object self = new Object();
        void all(java.util.List<Account> accounts) {
          synchronized (self) { accounts.forEach(this::visit); }
        }
        void visit(Account a) { synchronized (self) { a.post(); } }
      }
      """;

  private void generated() throws IOException {
    write("bank/Account.java", ACCOUNT);
    write("bank/Review.java", REVIEW);
    write("bank/Task.java", "package bank;\ninterface Task { void run(); }\n");
    write("bank/Quiet.java", "package bank;\nclass Quiet implements Task { public void run() { } }\n");
  }

  @Test
  void bodyOnlyEditParsesOnlyThatFile() throws IOException {
    generated();
    AnalysisResult cold = cached();
    assertThat(cold.findings()).anyMatch(f -> f.rule() == Rule.LOCK_ORDER_INVERSION);
    assertSameAsFresh(cold);

    // review() now takes the locks in post()'s order: the inversion is gone.
    write("bank/Review.java", swap(REVIEW, "(a.audit) {", "(a.ledger) {"));
    AnalysisResult fixed = cached();
    assertThat(fixed.stats().filesParsed()).isEqualTo(1);
    assertThat(fixed.findings()).noneMatch(f -> f.rule() == Rule.LOCK_ORDER_INVERSION);
    assertSameAsFresh(fixed);

    // And back: the other files' stored facts still give the inversion.
    write("bank/Review.java", REVIEW);
    AnalysisResult again = cached();
    assertThat(again.stats().filesParsed()).isEqualTo(1);
    assertThat(again.findings()).isEqualTo(cold.findings());
    assertSameAsFresh(again);
  }

  @Test
  void newSubclassOverridingAMethodIsSeenByUnchangedCallers() throws IOException {
    generated();
    assertSameAsFresh(cached());
    // Account.post() calls task.run() under both locks; a Task that takes the audit lock of
    // another account is a new edge, found although Account.java did not change.
    write("bank/Grabby.java",
        """
        package bank;
        class Grabby implements Task {
          Account other;
          public void run() { synchronized (other.ledger) { } }
        }
        """);
    AnalysisResult r = cached();
    assertThat(r.stats().filesParsed()).isEqualTo(5);
    assertThat(r.lockGraph()).isNotEqualTo(fresh(withFile("bank/Grabby.java", null)).lockGraph());
    assertSameAsFresh(r);
  }

  @Test
  void changedAnnotationRemovedMethodAndDeletedFile() throws IOException {
    generated();
    assertSameAsFresh(cached());

    write("bank/Account.java",
        replaceOnce(ACCOUNT, "final Object ledger", "@dev.faultlock.annotations.LockClass(\"book\") final Object ledger"));
    AnalysisResult annotated = cached();
    assertThat(annotated.stats().filesParsed()).isEqualTo(4);
    assertSameAsFresh(annotated);

    write("bank/Account.java", replaceOnce(ACCOUNT, "  Object lockOf() { return ledger; }\n", ""));
    AnalysisResult removed = cached();
    assertThat(removed.stats().filesParsed()).isEqualTo(4);
    assertSameAsFresh(removed);

    Files.delete(src().resolve("bank/Quiet.java"));
    AnalysisResult deleted = cached();
    assertThat(deleted.stats().filesParsed()).isEqualTo(3);
    assertSameAsFresh(deleted);
  }

  @Test
  void anAccessorBodyIsADeclaration() throws IOException {
    // Review locks what a.lockOf() returns; which field that is lives in Account's body.
    generated();
    write("bank/Review.java", replaceOnce(REVIEW, "synchronized (a.ledger) {", "synchronized (a.lockOf()) {"));
    assertSameAsFresh(cached());
    write("bank/Account.java", replaceOnce(ACCOUNT, "return ledger;", "return audit;"));
    AnalysisResult r = cached();
    assertThat(r.stats().filesParsed()).isEqualTo(4);
    assertSameAsFresh(r);
  }

  // ---------------------------------------------------------------------------------------
  // The cache never decides a result.

  @Test
  void corruptTruncatedAndMisplacedEntriesAreParsedAgain() throws IOException {
    generated();
    AnalysisResult cold = cached();
    List<Path> entries = entries();
    assertThat(entries).hasSize(4);
    Files.write(entries.get(0), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
    byte[] second = Files.readAllBytes(entries.get(1));
    Files.write(entries.get(1), java.util.Arrays.copyOf(second, second.length / 2));
    // A valid entry under another file's name.
    Files.copy(entries.get(3), entries.get(2), StandardCopyOption.REPLACE_EXISTING);

    AnalysisResult r = cached();
    assertThat(r.stats().filesParsed()).isEqualTo(3);
    assertThat(r.findings()).isEqualTo(cold.findings());
    assertSameAsFresh(r);
    // Rewritten: the next run parses nothing.
    assertThat(cached().stats().filesParsed()).isZero();
  }

  @Test
  void anEntryThatReadsButDoesNotFitMakesTheRunStartOverWithoutTheCache() throws IOException {
    generated();
    AnalysisResult cold = cached();
    // Checksum and key are right, the facts are not (as if written by a faulty analyzer).
    Path entry = entries().get(0);
    String key = entry.getFileName().toString().replace(".bin", "");
    FileEntries store = new FileEntries(entry.getParent());
    FileEntries.Entry stored = store.read(key);
    assertThat(stored).isNotNull();
    store.write(key, new FileEntries.Entry(stored.interfaceHash(), stored.fingerprint(),
        stored.declarations(), new byte[] {1, 9, 9, 9}));

    AnalysisResult r = cached();
    assertThat(r.stats().filesParsed()).isEqualTo(4);
    assertThat(r.findings()).isEqualTo(cold.findings());
    assertSameAsFresh(r);
    assertThat(cached().stats().filesParsed()).isZero();
  }

  @Test
  void staleEntriesArePrunedAndTheWholeRunResultStillAnswersFirst() throws IOException {
    generated();
    cached();
    write("bank/Quiet.java", "package bank;\nclass Quiet implements Task { public void run() { int x; } }\n");
    cached();
    assertThat(entries()).hasSize(4);

    AnalysisResult first = Analyzer.analyze(options(cache()));
    AnalysisResult second = Analyzer.analyze(options(cache()));
    assertThat(second.stats().filesParsed()).isZero();
    assertThat(second.findings()).isEqualTo(first.findings());
  }

  @Test
  void filesThatDoNotParseAreReportedEveryRun() throws IOException {
    generated();
    write("bank/Broken.java", "package bank;\nclass Broken {\n  void f( {\n}\n");
    AnalysisResult cold = cached();
    assertThat(cold.problems()).extracting(Problem::message).anyMatch(m -> m.startsWith("syntax error"));
    AnalysisResult warm = cached();
    assertThat(warm.stats().filesParsed()).isEqualTo(1);
    assertSameAsFresh(warm);
  }

  // ---------------------------------------------------------------------------------------

  private AnalysisResult cached() throws IOException {
    // Without the whole-run result, so that the per-file entries are what answers.
    if (Files.isDirectory(cache())) {
      try (Stream<Path> list = Files.list(cache())) {
        for (Path p : list.filter(p -> p.getFileName().toString().startsWith("result-")).toList()) {
          Files.delete(p);
        }
      }
    }
    return Analyzer.analyze(options(cache()));
  }

  private AnalysisResult fresh(AnalyzerOptions options) {
    return Analyzer.analyze(options);
  }

  private AnalyzerOptions options(Path cacheDir) {
    return AnalyzerOptions.builder().source(src()).jobs(2).cacheDir(cacheDir).summarize(true).build();
  }

  /** Options without a cache, on the sources as they are but with {@code path} replaced. */
  private AnalyzerOptions withFile(String path, String content) throws IOException {
    Path copy = dir.resolve("copy");
    if (Files.exists(copy)) deleteTree(copy);
    copyTree(src(), copy);
    if (content == null) Files.delete(copy.resolve(path));
    else Files.writeString(copy.resolve(path), content);
    return AnalyzerOptions.builder().source(copy).jobs(2).summarize(true).build();
  }

  private void assertSameAsFresh(AnalysisResult r) {
    AnalysisResult f = fresh(options(null));
    assertThat(r.findings()).isEqualTo(f.findings());
    assertThat(r.problems()).isEqualTo(f.problems());
    assertThat(r.lockGraph()).isEqualTo(f.lockGraph());
    assertThat(r.summary()).isEqualTo(f.summary());
    AnalysisResult.Stats a = r.stats();
    AnalysisResult.Stats b = f.stats();
    assertThat(List.of(a.files(), a.types(), a.methods(), a.callEdges(), a.unresolvedCalls()))
        .isEqualTo(List.of(b.files(), b.types(), b.methods(), b.callEdges(), b.unresolvedCalls()));
  }

  /** {@code text} with the first {@code a} and the first {@code b} swapped ({@code a} comes first). */
  private static String swap(String text, String a, String b) {
    int i = text.indexOf(a);
    int j = text.indexOf(b, i + a.length());
    assertThat(i).isNotNegative();
    assertThat(j).isPositive();
    return text.substring(0, i) + b + text.substring(i + a.length(), j) + a + text.substring(j + b.length());
  }

  private static String replaceOnce(String text, String what, String with) {
    int i = text.indexOf(what);
    assertThat(i).isNotNegative();
    return text.substring(0, i) + with + text.substring(i + what.length());
  }

  /** Files a run cannot parse: parsed again by every run. */
  private static int unparsable(AnalysisResult r) {
    return (int) r.problems().stream()
        .filter(p -> p.message().startsWith("syntax error") || p.message().startsWith("not UTF-8")
            || p.message().startsWith("nesting too deep"))
        .map(p -> p.location().file())
        .distinct()
        .count();
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> list = Files.list(cache().resolve("files"))) {
      return list.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
    }
  }

  private static String packageOf(Path file) throws IOException {
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("package ")) return line + "\n";
    }
    return "";
  }

  private void write(String path, String content) throws IOException {
    Path p = src().resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private void copy(Path from) throws IOException {
    copyTree(from, src());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  /** Unpacks the src.zip entries under the given prefixes (or named exactly) into the sources. */
  private void unzip(String... prefixes) throws IOException {
    assertThat(SRC_ZIP).as("the JDK 25 sources (temurin-25-jdk)").isRegularFile();
    try (ZipFile zip = new ZipFile(SRC_ZIP.toFile())) {
      List<ZipEntry> chosen = new ArrayList<>();
      zip.stream()
          .filter(e -> e.getName().endsWith(".java"))
          .filter(e -> Stream.of(prefixes).anyMatch(p -> e.getName().startsWith(p)))
          .forEach(chosen::add);
      for (ZipEntry e : chosen) {
        Path target = src().resolve(e.getName());
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(e)) {
          Files.copy(in, target);
        }
      }
    }
  }
}
