package dev.faultlock.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine;

/** One in-process run of {@code faultlock}, with what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun faultlock(String... args) {
    return run(Main.commandLine(), args);
  }

  static CliRun run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** A program under {@code src/test/resources/dev/faultlock/cli/programs}. */
  static String program(String name) {
    try {
      return Path.of(CliRun.class.getResource("programs/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
