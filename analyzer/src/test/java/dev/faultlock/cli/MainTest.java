package dev.faultlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class MainTest {
  /** Stands for a bug in the analysis: the one way to reach the internal-error path. */
  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Option(names = "--verbose")
    boolean verbose;

    @Override
    public Integer call() {
      throw new IllegalStateException("analysis broke");
    }
  }

  private static CommandLine withBoom() {
    return Main.commandLine().addSubcommand(new Boom());
  }

  @Test
  void internalErrorExitsThreeAndAsksForAReportWithoutAStackTrace() {
    CliRun run = CliRun.run(withBoom(), "boom");

    assertThat(run.err().lines())
        .containsExactly(
            "faultlock: internal error: java.lang.IllegalStateException: analysis broke",
            "Please report it with the output of the same command run with --verbose.");
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @Test
  void verboseInternalErrorShowsTheStackTrace() {
    CliRun run = CliRun.run(withBoom(), "boom", "--verbose");

    assertThat(run.err())
        .startsWith("faultlock: internal error: java.lang.IllegalStateException: analysis broke\n")
        .contains("\tat dev.faultlock.cli.MainTest$Boom.call");
    assertThat(run.exitCode()).isEqualTo(3);
  }
}
