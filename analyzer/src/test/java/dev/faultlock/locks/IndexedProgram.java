package dev.faultlock.locks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.findings.Problem;
import dev.faultlock.source.FileDeclarations;
import dev.faultlock.source.JavaSources;
import dev.faultlock.source.LibraryTypes;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The index of the sources under a test's directory, for tests that need real {@link MethodInfo}s. */
final class IndexedProgram {
  private IndexedProgram() {}

  /** Parses and indexes the sources under {@code dir}; they must have no problem. */
  static ProgramIndex index(Path dir) {
    AnalyzerOptions options = AnalyzerOptions.builder().source(dir).jobs(1).build();
    JavaSources.Parsed parsed = JavaSources.parse(options);
    List<Problem> problems = new ArrayList<>(parsed.problems());
    List<FileDeclarations> declared = new ArrayList<>();
    for (SourceFile f : parsed.files()) declared.add(ProgramIndex.declare(f, problems));
    ProgramIndex index = ProgramIndex.build(declared, new LibraryTypes(List.of(), problems), 1);
    assertThat(problems).isEmpty();
    return index;
  }

  /** The method {@code name} of type {@code fqn}. */
  static MethodInfo method(ProgramIndex index, String fqn, String name) {
    return index.type(fqn).methods().stream()
        .filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }
}
