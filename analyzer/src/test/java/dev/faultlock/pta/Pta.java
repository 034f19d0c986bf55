package dev.faultlock.pta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.ir.Front;
import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Lowering;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.roaringbitmap.RoaringBitmap;

/**
 * A few source files through the real front end (parse, index, lower every method and lambda),
 * then the points-to analysis; questions by name, answers by allocation site.
 */
final class Pta {
  final PointsToAnalysis result;
  private final List<IrMethod> program = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();

  private Pta(CopyCycles.Policy collapse, Path dir, String... files) {
    try {
      for (int i = 0; i < files.length; i += 2) {
        Path f = dir.resolve(files[i]);
        Files.createDirectories(f.getParent());
        Files.writeString(f, files[i + 1]);
        sources.add(files[i]);
        sources.add(files[i + 1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Front front = Front.lenient(AnalyzerOptions.builder().source(dir).jobs(1).build());
    for (MethodInfo m : front.index.methods()) {
      for (Lowering.Lowered l : front.lower(m)) program.add(l.ir());
    }
    result = PointsToAnalysis.solve(front.index, program, collapse);
  }

  List<IrMethod> program() {
    return program;
  }

  static Pta of(Path dir, String... files) {
    return new Pta(CopyCycles.Policy.DEFAULT, dir, files);
  }

  /** {@link #of}, collapsing copy cycles as {@code collapse} says. */
  static Pta of(CopyCycles.Policy collapse, Path dir, String... files) {
    return new Pta(collapse, dir, files);
  }

  /** The IR of method {@code name} (a lambda: {@code run$lambda1}) of type {@code type}. */
  IrMethod method(String type, String name) {
    List<IrMethod> found = program.stream()
        .filter(m -> m.method().owner().fqn().equals(type) && m.method().name().equals(name))
        .toList();
    assertThat(found).as(type + "." + name).hasSize(1);
    return found.get(0);
  }

  /** The name of the one method of {@code type} (a lambda body, say) with a variable {@code var}. */
  String declaring(String type, String var) {
    List<String> found = program.stream()
        .filter(m -> m.method().owner().fqn().equals(type))
        .filter(m -> m.vars().stream().anyMatch(v -> v.name().equals(var)))
        .map(m -> m.method().name())
        .toList();
    assertThat(found).as("methods of " + type + " with " + var).hasSize(1);
    return found.get(0);
  }

  /** What the variables named {@code var} of the method point to, by allocation site. */
  List<String> pointsTo(String type, String method, String var) {
    IrMethod m = method(type, method);
    RoaringBitmap all = new RoaringBitmap();
    boolean any = false;
    for (Var v : m.vars()) {
      if (v.name().equals(var)) {
        all.or(result.pointsTo(m, v));
        any = true;
      }
    }
    assertThat(any).as("a variable " + var + " in " + method).isTrue();
    return result.describe(all);
  }

  /** The methods the calls of {@code callee} in the method may run, as {@code Type.name}. */
  List<String> callees(String type, String method, String callee) {
    IrMethod m = method(type, method);
    TreeSet<String> out = new TreeSet<>();
    for (int i = 0; i < m.stmts().size(); i++) {
      if (m.stmts().get(i) instanceof Stmt.Invoke call && call.site().name().equals(callee)) {
        for (MethodInfo t : result.callees(m, i)) out.add(t.owner().name() + "." + t.name());
      }
    }
    return List.copyOf(out);
  }

  /** Whether some call of {@code callee} in the method fell back to class hierarchy. */
  boolean fellBack(String type, String method, String callee) {
    IrMethod m = method(type, method);
    for (int i = 0; i < m.stmts().size(); i++) {
      if (m.stmts().get(i) instanceof Stmt.Invoke call && call.site().name().equals(callee)
          && result.fellBack(m, i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The allocation site of the {@code n}-th (1-based) occurrence of {@code text} in {@code
   * file}: {@code new Type@File.java:line}.
   */
  String site(String file, String type, String text, int n) {
    String source = sources.get(sources.indexOf(file) + 1);
    int at = -1;
    for (int k = 0; k < n; k++) at = source.indexOf(text, at + 1);
    assertThat(at).as(text + " in " + file).isGreaterThanOrEqualTo(0);
    int line = 1;
    for (int i = 0; i < at; i++) if (source.charAt(i) == '\n') line++;
    return "new " + type + "@" + Path.of(file).getFileName() + ":" + line;
  }

  String site(String file, String type, String text) {
    return site(file, type, text, 1);
  }
}
