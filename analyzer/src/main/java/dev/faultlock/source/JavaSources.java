package dev.faultlock.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.config.Excludes;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.Problem;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds and parses the program's sources: every {@code .java} file under the given files and
 * directories, in parallel, one parse per file. Bad input (a missing path, an unreadable file, a
 * syntax error, nesting too deep for the parser) becomes a {@link Problem}; the other files are
 * still parsed.
 */
public final class JavaSources {
  private JavaSources() {}

  /** What parsing gave: the files that parsed, in path order, and the problems met. */
  public record Parsed(List<SourceFile> files, List<Problem> problems, int filesSeen) {}

  /** Parses every source of {@code options} with {@code options.jobs()} threads. */
  public static Parsed parse(AnalyzerOptions options) {
    List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    List<Path> paths = collect(options, problems);
    SourceFile[] parsed = new SourceFile[paths.size()];
    AtomicInteger done = new AtomicInteger();
    Workers.run(
        options.jobs(),
        paths.size(),
        i -> {
          parsed[i] = parse(paths.get(i), options.encoding(), problems);
          options.progress().update("parsing", done.incrementAndGet(), paths.size());
        });
    List<SourceFile> files = new ArrayList<>();
    for (SourceFile f : parsed) if (f != null) files.add(f);
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort((a, b) -> a.location().compareTo(b.location()));
    return new Parsed(files, sorted, paths.size());
  }

  private static final ThreadLocal<JavaParser> PARSERS = ThreadLocal.withInitial(JavaSources::newParser);

  /**
   * Reads and parses one file in {@code encoding}; {@code null} (and a problem) when it cannot.
   * Thread-safe.
   */
  public static SourceFile parse(Path path, Charset encoding, List<Problem> problems) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      problems.add(cannotRead(show(path), e));
      return null;
    }
    return parse(path, bytes, encoding, problems);
  }

  /** Parses one file's bytes, already read; {@code null} (and a problem) when it cannot. */
  public static SourceFile parse(Path path, byte[] bytes, Charset encoding, List<Problem> problems) {
    String shown = show(path);
    SourceText.Decoded decoded = SourceText.decode(bytes, encoding);
    if (decoded.text() == null) {
      problems.add(new Problem(new Location(shown, decoded.line(), decoded.column()), decoded.error()));
      return null;
    }
    return parseText(path, shown, decoded.text(), problems);
  }

  /** The problem of a file that cannot be read. */
  public static Problem cannotRead(String shown, IOException e) {
    return new Problem(new Location(shown, 0, 0), "cannot read file: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " " + e.getMessage()));
  }

  private static SourceFile parseText(Path path, String shown, String text, List<Problem> problems) {
    try {
      return parseOne(PARSERS.get(), path, shown, text, problems);
    } catch (StackOverflowError e) {
      problems.add(new Problem(new Location(shown, 0, 0), "nesting too deep to parse; file skipped"));
      return null;
    }
  }

  /** The user's spelling of a path, with forward slashes. */
  public static String show(Path path) {
    return path.toString().replace('\\', '/');
  }

  private static JavaParser newParser() {
    return new JavaParser(configuration());
  }

  private static ParserConfiguration configuration() {
    return new ParserConfiguration()
        .setLanguageLevel(LanguageLevel.JAVA_25)
        .setAttributeComments(false)
        .setLexicalPreservationEnabled(false);
  }

  private static SourceFile parseOne(
      JavaParser parser, Path path, String shown, String text, List<Problem> problems) {
    ParseResult<CompilationUnit> result = parser.parse(text);
    if (!result.isSuccessful() || result.getResult().isEmpty()) {
      result.getProblems().stream()
          .findFirst()
          .ifPresentOrElse(
              p -> {
                int line =
                    p.getLocation()
                        .flatMap(l -> l.toRange())
                        .map(r -> r.begin)
                        .map(pos -> pos.line)
                        .orElseGet(() -> lineInMessage(p.getMessage()));
                problems.add(
                    new Problem(new Location(shown, line, 0), "syntax error: " + firstLine(p.getMessage())));
              },
              () -> problems.add(new Problem(new Location(shown, 0, 0), "syntax error")));
      return null;
    }
    CompilationUnit unit = result.getResult().get();
    dropTokens(unit);
    // Node.toString() creates the unit's printer lazily and stores it in the unit's data, a
    // plain IdentityHashMap: two analysis threads printing nodes of one unit race on it and
    // corrupt it (IllegalStateException on every later print). Set it while one thread owns it.
    unit.printer(new DefaultPrettyPrinter());
    return new SourceFile(path, shown, unit);
  }

  /**
   * Keeps each node's position but lets go of the token list it was computed from: the tokens
   * are most of a syntax tree's memory, and the analysis of a large program keeps every tree.
   */
  private static void dropTokens(CompilationUnit unit) {
    unit.walk(
        n -> {
          Range range = n.getRange().orElse(null);
          n.setTokenRange(null);
          n.setRange(range);
        });
  }

  // Without stored tokens the parser reports the position only inside its message.
  private static final Pattern LINE = Pattern.compile("line (\\d+)");

  private static int lineInMessage(String message) {
    Matcher m = LINE.matcher(message);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    String line = (nl < 0 ? message : message.substring(0, nl)).strip();
    // The parser lists every token it would have accepted; the one it found is what helps.
    int expected = line.indexOf(", expected one of");
    return expected < 0 ? line : line.substring(0, expected);
  }

  /**
   * Every {@code .java} file under the sources of {@code options}, in a stable order, each once,
   * less those under a source directory that its excludes match (a file named as a source is
   * always read).
   */
  public static List<Path> collect(AnalyzerOptions options, List<Problem> problems) {
    List<Path> out = new ArrayList<>();
    Excludes excludes = options.excludes();
    for (Path source : options.sources()) {
      if (Files.isDirectory(source)) {
        try (Stream<Path> walk = Files.walk(source)) {
          walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
              .filter(p -> !excludes.excludes(source.relativize(p)))
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          problems.add(new Problem(new Location(show(source), 0, 0), "cannot list directory"));
        }
      } else if (Files.isRegularFile(source)) {
        out.add(source);
      } else {
        problems.add(new Problem(new Location(show(source), 0, 0), "no such file or directory"));
      }
    }
    return out.stream().distinct().toList();
  }
}
