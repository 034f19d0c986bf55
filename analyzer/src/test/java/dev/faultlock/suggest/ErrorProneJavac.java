package dev.faultlock.suggest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A real javac run with Error Prone and faultlock's checkers, as a project's build runs them:
 * the test classpath (Error Prone, faultlock-rules, the annotations) is both the processor path
 * the plugin and checkers load from and the classpath the sources compile against.
 */
public final class ErrorProneJavac {
  private ErrorProneJavac() {}

  /** A diagnostic as {@code File.java:line: [Rule] message}, the file without directories. */
  public record Reported(String file, long line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** Compiles every {@code .java} file under {@code sources}; the diagnostics javac printed. */
  public static List<Reported> compile(Path sources, Path classes, String... extraFlags) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classpath = System.getProperty("java.class.path");
    StringBuilder plugin = new StringBuilder("-Xplugin:ErrorProne -XepDisableAllChecks");
    for (String check : List.of("FaultUnderLock", "UnsortedSameClassLocks", "AnnotationMisuse",
        "DeclaredOrderViolation")) {
      plugin.append(" -Xep:").append(check).append(":ERROR");
    }
    for (String f : extraFlags) plugin.append(' ').append(f);
    List<String> options = List.of(
        "-XDcompilePolicy=simple", "--should-stop=ifError=FLOW", plugin.toString(),
        "-processorpath", classpath, "-classpath", classpath, "-d", classes.toString(),
        "-implicit:none", "-Xlint:none");
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null);
        Stream<Path> walk = Files.walk(sources)) {
      Files.createDirectories(classes);
      List<Path> java = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      StringWriter out = new StringWriter();
      javac.getTask(out, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(java))
          .call();
      List<Reported> reported = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName().toString();
        reported.add(new Reported(file, d.getLineNumber(), d.getMessage(Locale.ROOT)));
      }
      if (!out.toString().isBlank()) reported.add(new Reported("javac", 0, out.toString()));
      return reported;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
