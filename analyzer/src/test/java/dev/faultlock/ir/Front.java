package dev.faultlock.ir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.callgraph.Dispatch;
import dev.faultlock.callgraph.FunctionBindings;
import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.findings.Problem;
import dev.faultlock.locks.LockNames;
import dev.faultlock.source.FileDeclarations;
import dev.faultlock.source.JavaSources;
import dev.faultlock.source.LibraryTypes;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.SourceFile;
import dev.faultlock.summary.LibrarySummaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The front end over a few source files, as the analysis builds it: index, dispatch, names. */
public final class Front {
  public final ProgramIndex index;
  public final LoweringContext cx;

  private Front(ProgramIndex index) {
    this.index = index;
    this.cx = new LoweringContext(index, new Dispatch(index),
        new LockNames(index, Map.of()), new FunctionBindings(), LibrarySummaries.none(),
        FaultMethods.NONE);
  }

  /** Indexes {@code files} (name, text, name, text, ...) written under {@code dir}. */
  static Front of(Path dir, String... files) {
    try {
      for (int i = 0; i < files.length; i += 2) {
        Path f = dir.resolve(files[i]);
        Files.createDirectories(f.getParent());
        Files.writeString(f, files[i + 1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(AnalyzerOptions.builder().source(dir).jobs(1).build());
  }

  static Front of(AnalyzerOptions options) {
    List<Problem> problems = new ArrayList<>();
    Front f = new Front(index(options, problems));
    assertThat(problems).isEmpty();
    return f;
  }

  /** Like {@link #of(AnalyzerOptions)}, for inputs with files the parser rejects on purpose. */
  public static Front lenient(AnalyzerOptions options) {
    return new Front(index(options, new ArrayList<>()));
  }

  private static ProgramIndex index(AnalyzerOptions options, List<Problem> problems) {
    JavaSources.Parsed parsed = JavaSources.parse(options);
    problems.addAll(parsed.problems());
    List<FileDeclarations> declared = new ArrayList<>();
    for (SourceFile f : parsed.files()) {
      FileDeclarations d = ProgramIndex.declare(f, problems);
      if (d != null) declared.add(d);
    }
    return ProgramIndex.build(declared, new LibraryTypes(List.of(), problems), 1);
  }

  /** The methods {@code name} of type {@code type}, in declaration order. */
  List<MethodInfo> methods(String type, String name) {
    return index.type(type).methods().stream().filter(m -> m.name().equals(name)).toList();
  }

  public List<Lowering.Lowered> lower(MethodInfo m) {
    return Lowering.lower(cx, m);
  }
}
