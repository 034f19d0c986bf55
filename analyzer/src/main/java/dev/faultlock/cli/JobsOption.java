package dev.faultlock.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --jobs N}, the same for every command that parses and analyses. */
final class JobsOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private int jobs = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "Threads for parsing and analysis (default: the number of processors).")
  void setJobs(int jobs) {
    if (jobs < 1) {
      throw new ParameterException(mixee.commandLine(), "--jobs must be at least 1, was " + jobs);
    }
    this.jobs = jobs;
  }

  int jobs() {
    return jobs;
  }
}
