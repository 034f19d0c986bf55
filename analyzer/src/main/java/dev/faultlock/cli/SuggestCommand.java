package dev.faultlock.cli;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.findings.Problem;
import dev.faultlock.report.ToolInfo;
import dev.faultlock.suggest.AnnotationText;
import dev.faultlock.suggest.FileChange;
import dev.faultlock.suggest.Suggester;
import dev.faultlock.suggest.Suggestion;
import dev.faultlock.suggest.UnifiedDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultlock suggest}: prints, as a unified diff, the annotations that let the Error Prone
 * checkers see at compile time what the whole-program pass saw. Writes nothing unless asked.
 */
@Command(
    name = "suggest",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpWidth = 100,
    modelTransformer = SuggestCommand.OnlyReadingControls.class,
    header = "Print the annotations the compile-time checkers need, as a diff to review.",
    description = {
      "Analyses the program as 'check' does and prints a unified diff that adds the faultlock",
      "annotations that let the Error Prone checkers, which see one file at a time, flag at",
      "compile time what the whole-program pass found: @UserBuffer on a caller-supplied",
      "parameter a method hands to an alien call under a lock, @Acquires/@Releases on methods",
      "that return holding a lock or release one they did not take, @LockClass on fields that",
      "keep the parts of one lock under two names, and the imports they need. Only files under",
      "the PATHs change; the diff's paths are relative to --root, so 'git apply' takes it",
      "there. Why each annotation is suggested is printed on standard error.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  faultlock suggest src/main/java > faultlock.diff && git apply faultlock.diff",
      "  faultlock suggest --apply src/main/java"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the diff was printed (it is empty when nothing needs an annotation)",
      "2:bad usage or input (unknown option, a PATH that does not exist or holds no Java files,"
          + " a file that cannot be written)",
      "3:internal error (a bug in faultlock; please report it)"
    })
final class SuggestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--classpath",
      paramLabel = "CP",
      description =
          "Jars and class directories of the libraries the sources use, separated by"
              + " '${sys:path.separator}'.")
  String classpath;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description =
          "The directory the diff's paths are relative to, where 'git apply' runs (default: the"
              + " current directory).")
  Path root;

  @Option(
      names = "--apply",
      description = "Also write the change into the files (the same change the diff shows).")
  boolean apply;

  @Option(
      names = "--fault-handlers",
      description =
          "Also suggest @FaultHandler on the implementations an alien call runs. Error Prone does"
              + " not need them; the whole-program pass then reports such a copy once, as a"
              + " @MayFault copy or as the alien call.")
  boolean faultHandlers;

  // --exclude, --encoding, --config: what decides which files are read and how.
  @Mixin ControlOptions controls;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Java source files, or directories whose .java files are all read.")
  List<Path> paths;

  @Mixin JobsOption jobs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunControls run;
    try {
      run = RunControls.resolve(controls);
    } catch (RunControls.BadControl e) {
      return Main.badInput(err, e.getMessage());
    }
    InputPaths inputs = InputPaths.check(paths);
    inputs.errors().forEach(message -> err.println(ToolInfo.NAME + ": " + message));
    if (inputs.usable().isEmpty()) {
      err.flush();
      return Main.BAD_INPUT;
    }
    AnalyzerOptions options =
        run.settings()
            .applyTo(AnalyzerOptions.builder())
            .sources(inputs.roots(run.settings().encoding()))
            .classpath(Classpath.entries(classpath))
            .jobs(jobs.jobs())
            .build();
    Suggester.Result result =
        Suggester.suggest(
            options, file -> SourceRoots.isUnder(file, inputs.usable()), faultHandlers);
    for (Problem problem : result.problems()) {
      err.println(ToolInfo.NAME + ": " + problem.location() + ": " + problem.message());
    }

    Path base = (root == null ? Path.of("") : root).toAbsolutePath().normalize();
    List<FileChange> shown = new ArrayList<>();
    for (FileChange change : result.changes()) {
      Path file = change.path().toAbsolutePath().normalize();
      if (!file.startsWith(base)) {
        err.println(ToolInfo.NAME + ": " + change.path() + ": outside " + base
            + "; left out of the diff (run from a directory above it, or give --root)");
        continue;
      }
      out.print(UnifiedDiff.of(base.relativize(file).toString().replace('\\', '/'),
          change.before(), change.after()));
      shown.add(change);
    }
    for (Suggestion s : result.suggestions()) {
      err.println(ToolInfo.NAME + ": " + s.at() + ": " + AnnotationText.of(s) + ": " + s.why());
    }
    int code = inputs.errors().isEmpty() ? Main.OK : Main.BAD_INPUT;
    if (apply) {
      for (FileChange change : shown) {
        try {
          Files.write(change.path(), change.after().getBytes(run.settings().encoding()));
        } catch (IOException e) {
          err.println(ToolInfo.NAME + ": cannot write " + change.path() + ": " + e);
          code = Main.BAD_INPUT;
        }
      }
    }
    err.println(ToolInfo.NAME + ": " + summary(result.suggestions().size(), shown.size()));
    out.flush();
    err.flush();
    return code;
  }

  private String summary(int annotations, int files) {
    if (annotations == 0) return "no annotation to suggest";
    String counted = annotations + (annotations == 1 ? " annotation" : " annotations") + " in "
        + files + (files == 1 ? " file" : " files");
    return apply ? "wrote " + counted : "suggested " + counted + " (apply with --apply or git apply)";
  }

  /**
   * Keeps of {@link ControlOptions} what decides which files are read and how: a suggestion has
   * no severity to fail on, no rule to turn off and no baseline to match.
   */
  static final class OnlyReadingControls implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      for (String name : List.of("--fail-on", "--rule", "--baseline", "--write-baseline")) {
        CommandLine.Model.OptionSpec option = spec.findOption(name);
        if (option != null) spec.remove(option);
      }
      return spec;
    }
  }
}
