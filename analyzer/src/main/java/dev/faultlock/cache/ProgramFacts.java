package dev.faultlock.cache;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.callgraph.Dispatch;
import dev.faultlock.callgraph.FunctionBindings;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.Problem;
import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Lowering;
import dev.faultlock.ir.LoweringContext;
import dev.faultlock.locks.GuardSolver;
import dev.faultlock.locks.Guards;
import dev.faultlock.locks.LockNames;
import dev.faultlock.locks.LockStateAnalysis;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.source.Annotations;
import dev.faultlock.source.Compact;
import dev.faultlock.source.Declarations;
import dev.faultlock.source.FileContext;
import dev.faultlock.source.FileDeclarations;
import dev.faultlock.source.JavaSources;
import dev.faultlock.source.LibraryTypes;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.SourceFile;
import dev.faultlock.source.Workers;
import dev.faultlock.summary.LibrarySummaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-file half of the analysis: every source's declarations and its methods' lock and
 * fault facts, from parsing or, with a cache directory, read back from the previous run's
 * per-file entries ({@link FileEntries}). The whole-program half (call graph, summaries, rules)
 * runs on the result every time: it is the cheap part, and any file can change its answers.
 *
 * <p><b>When stored facts are reused.</b> A file's facts depend on its own text and on the
 * declarations of the whole program (names resolve to other files' types, calls dispatch to
 * other files' overrides, lock classes come from other files' {@code @LockClass}), never on other
 * files' bodies: what the extraction needs from a body elsewhere (the field an accessor returns)
 * is a declaration attribute ({@link MethodInfo#returnedField()}). So each file's entry is keyed
 * by the hash of its bytes, and its facts are reused when the program's <em>declaration
 * fingerprint</em> (the hash of every file's interface: its declarations without line numbers,
 * plus the JDK and classpath) is the one they were extracted under.
 *
 * <ul>
 *   <li>Unchanged re-run: no file is parsed; declarations and facts are read back.
 *   <li>A body-only edit (the common case; lines may shift): only the edited file is parsed and
 *       its facts extracted again; the fingerprint is unchanged, so every other file's facts
 *       stay valid.
 *   <li>Any change to declarations (a type, field, method signature, annotation, anonymous or
 *       local class, an accessor's returned field, a file added, deleted or renamed): the
 *       fingerprint changes and every file is parsed and extracted again. This is sound and
 *       simple; narrowing it to the files that depend on the changed declarations needs calls
 *       stored symbolically and dispatched again at link time, which this version does not do.
 * </ul>
 *
 * <p>The cache never decides a result: an entry that cannot be read is ignored (the file is
 * parsed), and an entry that reads but does not fit the program makes the run start over
 * without reading the cache. Results equal those of a run without a cache directory.
 */
public final class ProgramFacts {
  /**
   * The per-file half's result.
   *
   * @param facts every method's facts, in the order of {@link ProgramIndex#methods()}, each
   *     method followed by its lambdas
   * @param packageAnnotations the annotations of every file's package declaration
   * @param filesSeen the sources found
   * @param filesParsed the sources parsed in this run (the others were read from the cache)
   * @param ir with {@link AnalyzerOptions#pointsTo()}, the IR of every method and lambda body
   *     (every file is lowered then); otherwise empty
   */
  public record Result(
      ProgramIndex index,
      LockNames names,
      List<MethodFacts> facts,
      FunctionBindings bindings,
      List<Annotations> packageAnnotations,
      int filesSeen,
      int filesParsed,
      long parseMillis,
      List<IrMethod> ir) {}

  private ProgramFacts() {}

  /** Thrown when a stored entry passed its checksum but does not fit the program. */
  private static final class StaleCache extends RuntimeException {
    StaleCache(Throwable cause) {
      super(cause == null ? null : cause.toString(), cause, false, false);
    }
  }

  /** One source and what this run knows about it. */
  private static final class Slot {
    final Path path;
    final String shown;
    String key;
    FileEntries.Entry entry;
    FileDeclarations declarations;
    String interfaceHash;
    FunctionBindings bindings;
    LoweringContext context;
    final List<MethodFacts> facts = new ArrayList<>();
    Map<String, List<MethodInfo>> storedBindings;
    /** The digest of the guards its stored facts were solved with ({@link Guards#describe()}). */
    String storedGuards;
    final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());

    Slot(Path path) {
      this.path = path;
      this.shown = JavaSources.show(path);
    }

    boolean parsed() {
      return declarations != null && declarations.parsed();
    }
  }

  /**
   * What becomes of the syntax trees once every method is lowered: the analysis needs only the IR
   * and the room the trees take ({@link #RELEASE}); {@code faultlock suggest} edits them
   * ({@link #KEEP}).
   */
  public enum Trees { RELEASE, KEEP }

  /**
   * Declarations and facts of every source of {@code options}, the syntax trees released once
   * lowered; problems with the input are added to {@code problems}.
   */
  public static Result extract(
      AnalyzerOptions options, LibraryTypes library, LibrarySummaries summaries, List<Problem> problems) {
    return extract(options, library, summaries, problems, Trees.RELEASE);
  }

  /** {@link #extract(AnalyzerOptions, LibraryTypes, LibrarySummaries, List)}, keeping or not the trees. */
  public static Result extract(
      AnalyzerOptions options, LibraryTypes library, LibrarySummaries summaries, List<Problem> problems,
      Trees trees) {
    FileEntries store = null;
    String environment = null;
    if (options.cacheDir() != null) {
      try {
        environment = InputKey.environment(options);
        store = new FileEntries(options.cacheDir().resolve("files"));
      } catch (IOException | UncheckedIOException e) {
        // A classpath entry that cannot be listed now: analyse without the cache.
        store = null;
      }
    }
    // Points-to needs the IR of every method: stored facts, which have none, are not read.
    if (store != null && !options.pointsTo()) {
      List<Problem> attempt = Collections.synchronizedList(new ArrayList<>());
      try {
        Result r = new Run(options, library, summaries, attempt, store, environment, true, trees).run();
        problems.addAll(attempt);
        return r;
      } catch (StaleCache e) {
        // Fall through: read nothing stored, write everything again.
      }
    }
    List<Problem> attempt = Collections.synchronizedList(new ArrayList<>());
    Result r = new Run(options, library, summaries, attempt, store, environment, false, trees).run();
    problems.addAll(attempt);
    return r;
  }

  private static final class Run {
    final AnalyzerOptions options;
    final LibraryTypes library;
    final LibrarySummaries summaries;
    final List<Problem> problems;
    final FileEntries store;
    final String environment;
    final boolean readStored;
    final Trees trees;
    final AtomicInteger parsed = new AtomicInteger();
    /** The digest of the program's guards, once its facts are solved. */
    String guards;
    /** With {@link AnalyzerOptions#pointsTo()}, every method's IR, once lowered. */
    List<IrMethod> ir = List.of();

    Run(AnalyzerOptions options, LibraryTypes library, LibrarySummaries summaries,
        List<Problem> problems, FileEntries store, String environment, boolean readStored,
        Trees trees) {
      this.options = options;
      this.library = library;
      this.summaries = summaries;
      this.problems = problems;
      this.store = store;
      this.environment = environment;
      this.readStored = readStored;
      this.trees = trees;
    }

    Result run() {
      long start = System.nanoTime();
      int jobs = options.jobs();
      List<Path> paths = JavaSources.collect(options, problems);
      List<Slot> slots = new ArrayList<>(paths.size());
      for (Path p : paths) slots.add(new Slot(p));
      AtomicInteger done = new AtomicInteger();
      // Said before the first file is done: one large file takes a while to parse.
      options.progress().update("parsing", 0, slots.size());
      Workers.run(
          jobs,
          slots.size(),
          i -> {
            load(slots.get(i));
            options.progress().update("parsing", done.incrementAndGet(), slots.size());
          });

      String fingerprint = store == null ? null : fingerprint(slots);
      Workers.run(jobs, slots.size(), i -> reuseOrParse(slots.get(i), fingerprint));

      List<FileDeclarations> declared = new ArrayList<>();
      for (Slot s : slots) if (s.declarations != null) declared.add(s.declarations);
      ProgramIndex index = ProgramIndex.build(declared, library, jobs);
      LockNames names = new LockNames(index, summaries.typeLockClasses());
      Dispatch dispatch = new Dispatch(index);
      long parseMillis = (System.nanoTime() - start) / 1_000_000;

      // Stored facts first: the guards they hold are part of the program's (extract).
      Workers.run(jobs, slots.size(), i -> readFacts(slots.get(i), index));
      extract(slots, index, names, dispatch);
      if (store != null) {
        Map<MethodInfo, Integer> positions = FactCodec.positions(index);
        Workers.run(jobs, slots.size(), i -> writeEntry(slots.get(i), fingerprint, index, positions));
        Set<String> used = new HashSet<>();
        for (Slot s : slots) if (s.key != null) used.add(s.key);
        store.prune(used);
      }

      FunctionBindings bindings = new FunctionBindings();
      List<MethodFacts> facts = new ArrayList<>();
      List<Annotations> packageAnnotations = new ArrayList<>();
      for (Slot s : slots) {
        if (s.declarations == null) continue;
        packageAnnotations.add(s.declarations.packageAnnotations());
        facts.addAll(s.facts);
        problems.addAll(s.problems);
        Map<String, List<MethodInfo>> bound = s.parsed() ? s.bindings.all() : s.storedBindings;
        for (Map.Entry<String, List<MethodInfo>> e : bound.entrySet()) {
          for (MethodInfo f : e.getValue()) bindings.bind(e.getKey(), f);
        }
      }
      return new Result(
          index, names, facts, bindings, packageAnnotations, paths.size(), parsed.get(), parseMillis,
          ir);
    }

    /** Reads the file's entry, or parses it when there is none. */
    private void load(Slot s) {
      if (store == null) {
        parse(s, null);
        return;
      }
      byte[] bytes = read(s);
      if (bytes == null) return;
      s.key = FileEntries.key(environment, s.shown, bytes);
      s.entry = readStored ? store.read(s.key) : null;
      if (s.entry == null) parse(s, bytes);
    }

    private byte[] read(Slot s) {
      try {
        return Files.readAllBytes(s.path);
      } catch (IOException e) {
        problems.add(JavaSources.cannotRead(s.shown, e));
        return null;
      }
    }

    private void parse(Slot s, byte[] bytes) {
      parsed.incrementAndGet();
      SourceFile source =
          bytes == null
              ? JavaSources.parse(s.path, options.encoding(), problems)
              : JavaSources.parse(s.path, bytes, options.encoding(), problems);
      if (source == null) return;
      s.declarations = ProgramIndex.declare(source, problems);
      if (s.declarations != null && store != null) s.interfaceHash = interfaceHash(s.declarations);
    }

    /**
     * Reads back the declarations of an entry extracted under {@code fingerprint}; an entry
     * extracted under another is parsed again.
     */
    private void reuseOrParse(Slot s, String fingerprint) {
      if (s.entry == null) return;
      if (s.entry.fingerprint().equals(fingerprint)) {
        try {
          s.declarations = Declarations.read(new Compact.Reader(s.entry.declarations()));
        } catch (IOException | RuntimeException e) {
          throw new StaleCache(e);
        }
        return;
      }
      s.entry = null;
      byte[] bytes = read(s);
      if (bytes == null) {
        s.key = null;
        return;
      }
      s.key = FileEntries.key(environment, s.shown, bytes);
      parse(s, bytes);
    }

    /** The hash of every file's interface, in path order, with the environment. */
    private String fingerprint(List<Slot> slots) {
      MessageDigest digest = InputKey.sha256();
      digest.update(environment.getBytes(StandardCharsets.UTF_8));
      for (Slot s : slots) {
        String iface = s.entry != null ? s.entry.interfaceHash() : s.interfaceHash;
        if (iface == null) continue;
        digest.update((s.shown + '\0' + iface + '\0').getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    }

    /** Extracts the facts of every method of the parsed files. */
    private void extract(List<Slot> slots, ProgramIndex index, LockNames names, Dispatch dispatch) {
      Map<FileContext, Slot> byFile = new IdentityHashMap<>();
      for (Slot s : slots) {
        if (!s.parsed()) continue;
        byFile.put(s.declarations.file(), s);
        // Per file, so that the file's entry can say what it bound.
        s.bindings = new FunctionBindings();
        s.context = new LoweringContext(
            index, dispatch, names, s.bindings, summaries, options.faultMethods());
      }
      List<MethodInfo> todo = new ArrayList<>();
      for (MethodInfo m : index.methods()) if (byFile.containsKey(m.owner().file())) todo.add(m);
      List<List<Lowering.Lowered>> lowered = new ArrayList<>(Collections.nCopies(todo.size(), List.of()));
      // One phase, two steps per method: lowered, then solved.
      AtomicInteger done = new AtomicInteger();
      int steps = 2 * todo.size();
      options.progress().update("analysing", 0, steps);
      Workers.run(
          options.jobs(),
          todo.size(),
          i -> {
            MethodInfo m = todo.get(i);
            Slot s = byFile.get(m.owner().file());
            try {
              lowered.set(i, Lowering.lower(s.context, m));
            } catch (StackOverflowError | RuntimeException e) {
              cannotAnalyse(s, m, e);
            }
            options.progress().update("analysing", done.incrementAndGet(), steps);
          });
      if (options.pointsTo()) ir = lowered.stream().flatMap(List::stream).map(Lowering.Lowered::ir).toList();
      List<MethodFacts> stored = new ArrayList<>();
      for (Slot s : slots) if (s.declarations != null && !s.parsed()) stored.addAll(s.facts);
      // From here on everything works on the IR: the syntax trees (the largest thing in the heap
      // of a large program) can go before the solving, not after it.
      List<MethodInfo> loweredMethods = new ArrayList<>(todo);
      for (List<Lowering.Lowered> ls : lowered) for (Lowering.Lowered l : ls) loweredMethods.add(l.ir().method());
      if (trees == Trees.RELEASE) index.releaseTrees(loweredMethods);
      List<Set<MethodInfo>> methods = new ArrayList<>(todo.size());
      List<Set<MethodInfo>> callees = new ArrayList<>(todo.size());
      for (List<Lowering.Lowered> ls : lowered) {
        Set<MethodInfo> own = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<MethodInfo> called = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Lowering.Lowered l : ls) {
          own.add(l.ir().method());
          called.addAll(Guards.callees(l.ir()));
        }
        methods.add(own);
        callees.add(called);
      }
      List<List<MethodFacts>> extracted = GuardSolver.solve(methods, callees, stored, (i, known) -> {
        MethodInfo m = todo.get(i);
        List<MethodFacts> f = solve(byFile.get(m.owner().file()), m, lowered.get(i), names, known);
        // A recursive component's members may be solved more than once: the count stops at all.
        options.progress().update("analysing", Math.min(done.incrementAndGet(), steps), steps);
        return f;
      }, options.jobs());
      guards = digest(Guards.of(flat(extracted, stored)));
      for (Slot s : slots) {
        if (s.declarations != null && !s.parsed() && !guards.equals(s.storedGuards)) {
          // Its facts were solved with other guards (a guard changed in another file).
          throw new StaleCache(null);
        }
      }
      for (int i = 0; i < todo.size(); i++) byFile.get(todo.get(i).owner().file()).facts.addAll(extracted.get(i));
    }

    /**
     * The facts of {@code m} and of the lambdas written in it, from their IR ({@code lowered}, empty
     * when it could not be lowered): the lock state solved over each control-flow graph, with what
     * {@code guards} say calls do.
     */
    private static List<MethodFacts> solve(
        Slot s, MethodInfo m, List<Lowering.Lowered> lowered, LockNames names, Guards guards) {
      if (lowered.isEmpty()) return List.of(new MethodFacts(m, List.of(), false, List.of(), 0));
      try {
        List<MethodFacts> out = new ArrayList<>(lowered.size());
        for (Lowering.Lowered l : lowered) {
          out.add(LockStateAnalysis.facts(l.ir(), l.entry().held(), names, guards,
              l.entry().misuses(), l.orderingGuard(), l.unresolvedCalls()));
        }
        return out;
      } catch (StackOverflowError | RuntimeException e) {
        cannotAnalyse(s, m, e);
        return List.of(new MethodFacts(m, List.of(), false, List.of(), 0));
      }
    }

    /** One method the analysis cannot follow must not stop the others. */
    private static void cannotAnalyse(Slot s, MethodInfo m, Throwable e) {
      s.problems.add(
          new Problem(
              new Location(s.shown, m.line(), 0),
              "cannot analyse `" + m.display() + "` (" + e.getClass().getSimpleName()
                  + "); its locks are not checked"));
    }

    private static String digest(Guards guards) {
      MessageDigest digest = InputKey.sha256();
      for (String line : guards.describe()) digest.update((line + '\n').getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    }

    private static List<MethodFacts> flat(List<List<MethodFacts>> lists, List<MethodFacts> more) {
      List<MethodFacts> out = new ArrayList<>(more);
      for (List<MethodFacts> l : lists) out.addAll(l);
      return out;
    }

    private void readFacts(Slot s, ProgramIndex index) {
      if (s.declarations == null || s.parsed()) return;
      try {
        FactCodec.FileFacts stored = FactCodec.read(s.entry.facts(), index);
        s.facts.addAll(stored.facts());
        s.storedBindings = stored.bindings();
        s.storedGuards = stored.guards();
        s.problems.addAll(stored.problems());
      } catch (IOException | RuntimeException e) {
        throw new StaleCache(e);
      }
      s.entry = null;
    }

    private void writeEntry(
        Slot s, String fingerprint, ProgramIndex index, Map<MethodInfo, Integer> positions) {
      if (!s.parsed() || s.key == null) return;
      byte[] facts;
      try {
        facts = FactCodec.write(
            new FactCodec.FileFacts(s.facts, s.bindings.all(), List.copyOf(s.problems), guards),
            index, positions);
      } catch (IllegalArgumentException e) {
        // A fact that cannot be stored: the file is parsed again next time.
        return;
      }
      Compact.Writer declarations = new Compact.Writer();
      Declarations.write(s.declarations, declarations, true);
      try {
        store.write(s.key, new FileEntries.Entry(s.interfaceHash, fingerprint, declarations.toBytes(), facts));
      } catch (IOException | UncheckedIOException e) {
        // An unwritable cache directory is reported once, by the result cache.
      }
    }
  }

  private static String interfaceHash(FileDeclarations d) {
    Compact.Writer w = new Compact.Writer();
    Declarations.write(d, w, false);
    return HexFormat.of().formatHex(InputKey.sha256().digest(w.toBytes()));
  }
}
