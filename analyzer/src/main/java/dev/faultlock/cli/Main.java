package dev.faultlock.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.faultlock.report.ToolInfo;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code faultlock} command line: {@code faultlock check PATH...}, {@code faultlock suggest
 * PATH...} for the annotations the compile-time checkers need, and {@code faultlock explain
 * RULE} for a rule's page.
 */
@Command(
    name = "faultlock",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    subcommands = {
      CheckCommand.class, SuggestCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class
    },
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Finds ABBA deadlocks in Java storage code: a lock held while copying to or from a"
          + " caller's buffer whose page fault takes another lock of the same class, lock-order"
          + " cycles, and locks of one class taken in no global order.",
      ""
    },
    footer = {"", "Run 'faultlock check --help' for the options, an example and the exit codes."})
public final class Main implements Callable<Integer> {
  /** Nothing at or above {@code --fail-on} was found. */
  static final int OK = 0;

  /** Findings at or above {@code --fail-on}. */
  static final int FINDINGS = 1;

  /** Bad usage or input: an unknown option or format, a path with nothing to analyse. */
  static final int BAD_INPUT = 2;

  /** Says {@code message} on {@code err} as the tool's own line and gives {@link #BAD_INPUT}. */
  static int badInput(PrintWriter err, String message) {
    err.println(ToolInfo.NAME + ": " + message);
    err.flush();
    return BAD_INPUT;
  }

  /** A bug in faultlock itself. */
  static final int INTERNAL_ERROR = 3;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    CommandLine commandLine = commandLine();
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true));
    int code;
    try {
      code = commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      // A program larger than the heap is not a bug to report with a stack trace: say what to do.
      System.err.println(
          ToolInfo.NAME + ": out of memory with a " + Runtime.getRuntime().maxMemory() / (1 << 20)
              + " MB heap; give the JVM more: FAULTLOCK_JAVA_OPTS=-Xmx8g ./faultlock ..."
              + " (or java -Xmx8g -jar ...)");
      code = INTERNAL_ERROR;
    }
    System.exit(code);
  }

  /** The command line with faultlock's error handling; tests give it their own out and err. */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setParameterExceptionHandler(Main::usageError)
        .setExecutionExceptionHandler(Main::internalError);
  }

  /** {@code faultlock} alone: say what there is to run. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return BAD_INPUT;
  }

  // One line that says what is wrong and where help is, instead of picocli's full usage text.
  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(ToolInfo.NAME + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println(
        "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    return BAD_INPUT;
  }

  // Bad input never gets here (it is a Problem or a usage error); this is a bug in faultlock.
  private static int internalError(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println(ToolInfo.NAME + ": internal error: " + e);
    if (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose")) {
      e.printStackTrace(err);
    } else {
      err.println("Please report it with the output of the same command run with --verbose.");
    }
    return INTERNAL_ERROR;
  }

  /** {@code --version}: the version Maven built. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {ToolInfo.NAME + " " + ToolInfo.version()};
    }
  }
}
