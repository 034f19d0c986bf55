package dev.faultlock.suggest;

import com.github.javaparser.ast.CompilationUnit;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.cache.ProgramFacts;
import dev.faultlock.callgraph.CallGraph;
import dev.faultlock.faults.AlienCalls;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.summary.Effects;
import dev.faultlock.summary.SummaryComputer;
import dev.faultlock.findings.Problem;
import dev.faultlock.source.JavaSources;
import dev.faultlock.source.LibraryTypes;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.summary.LibrarySummaries;
import dev.faultlock.summary.Summaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code faultlock suggest}: the annotations that let the compile-time pass see what the
 * whole-program pass saw, as new texts of the files they go in. The analysis is inference over
 * the whole program; the result is handed to the per-file checker as annotations a person
 * reviews, as NullAway's annotator does for nullness.
 */
public final class Suggester {
  private Suggester() {}

  /**
   * What {@link #suggest} found.
   *
   * @param changes the files that change, by path
   * @param suggestions every annotation written into them, by place
   * @param problems bad input met (a file that does not parse is left out, the rest analysed)
   */
  public record Result(List<FileChange> changes, List<Suggestion> suggestions, List<Problem> problems) {}

  /**
   * Analyses the program of {@code options} and writes its suggestions into the files {@code
   * edited} accepts (by their path as reports show it); the other files are read only for what
   * those use. {@code faultHandlers}: also {@code @FaultHandler} on what alien calls run (see
   * {@link AlienCallAnnotations}).
   */
  public static Result suggest(AnalyzerOptions options, Predicate<String> edited, boolean faultHandlers) {
    // Suggestions annotate syntax trees, which a run from the cache does not have.
    if (options.cacheDir() != null) throw new IllegalArgumentException("suggest reads no cache");
    AnalyzerOptions uncached = options;
    List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    LibraryTypes library = new LibraryTypes(uncached.classpath(), problems);
    LibrarySummaries summaries = new LibrarySummaries(Summaries.load(uncached.classpath(), problems));
    ProgramFacts.Result program =
        ProgramFacts.extract(uncached, library, summaries, problems, ProgramFacts.Trees.KEEP);
    ProgramIndex index = program.index();

    List<MethodFacts> facts = program.facts();
    Map<MethodInfo, MethodFacts> factsOf = new HashMap<>();
    for (MethodFacts f : facts) factsOf.put(f.method(), f);
    CallGraph graph = CallGraph.build(facts, program.bindings());
    Map<MethodInfo, Effects> effects =
        SummaryComputer.compute(graph, factsOf, summaries, uncached.progress(), uncached.jobs());
    AlienCalls aliens = AlienCalls.of(graph, factsOf, index);

    List<Suggestion> all = new ArrayList<>();
    all.addAll(new AlienCallAnnotations(aliens, effects, faultHandlers).suggest(facts));
    all.addAll(new GuardAnnotations(index, program.names()).suggest(facts));
    all.addAll(new LockClassAnnotations(index, program.names()).suggest());

    Map<String, List<Suggestion>> byFile = new TreeMap<>();
    for (Suggestion s : all) {
      if (edited.test(s.at().file())) byFile.computeIfAbsent(s.at().file(), f -> new ArrayList<>()).add(s);
    }
    List<FileChange> changes = new ArrayList<>();
    List<Suggestion> kept = new ArrayList<>();
    for (Map.Entry<String, List<Suggestion>> e : byFile.entrySet()) {
      Path path = Path.of(e.getKey());
      String before;
      try {
        before = new String(Files.readAllBytes(path), uncached.encoding());
      } catch (IOException ex) {
        problems.add(JavaSources.cannotRead(e.getKey(), ex));
        continue;
      }
      CompilationUnit unit = e.getValue().get(0).target().findCompilationUnit().orElseThrow();
      String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + '.').orElse("");
      AnnotationEdits.Edit edit =
          AnnotationEdits.apply(before, unit, e.getValue(), simple -> index.type(pkg + simple) != null);
      if (!edit.text().equals(before)) {
        changes.add(new FileChange(path, before, edit.text()));
        kept.addAll(edit.written());
      }
    }
    kept.sort(Comparator.comparing(Suggestion::at));
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing(Problem::location).thenComparing(Problem::message));
    return new Result(changes, kept, sorted);
  }
}
