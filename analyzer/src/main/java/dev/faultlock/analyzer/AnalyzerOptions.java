package dev.faultlock.analyzer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to analyse and how.
 *
 * @param sources files and directories; every {@code .java} file under a directory is read
 * @param classpath jars and class directories for library types; {@code
 *     META-INF/faultlock/summaries.json} found in them describes what library methods do with
 *     locks and faults (written by the Maven plugin for each module)
 * @param jobs parsing and analysis threads, at least 1
 * @param cacheDir where per-file facts are cached between runs, or {@code null} for no cache
 * @param progress told how far the run is; {@link Progress#NONE} for silence
 * @param summarize whether the result carries the program's {@link
 *     dev.faultlock.summary.ProgramSummary} (what the Maven plugin ships in a module's jar); it
 *     costs time and memory in proportion to what the program's public methods reach, so
 *     checking alone leaves it empty
 */
public record AnalyzerOptions(
    List<Path> sources, List<Path> classpath, int jobs, Path cacheDir, Progress progress,
    boolean summarize) {
  public AnalyzerOptions {
    sources = List.copyOf(sources);
    classpath = List.copyOf(classpath);
    if (jobs < 1) throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
    Objects.requireNonNull(progress, "progress");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Receives progress: a phase name ("parsing", "analysing") and how many of how many are done. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (phase, done, total) -> {};

    void update(String phase, int done, int total);
  }

  /**
   * Builds options with the defaults: no classpath, one job per core, no cache, no progress, no
   * program summary.
   */
  public static final class Builder {
    private final List<Path> sources = new ArrayList<>();
    private final List<Path> classpath = new ArrayList<>();
    private int jobs = Runtime.getRuntime().availableProcessors();
    private Path cacheDir;
    private Progress progress = Progress.NONE;
    private boolean summarize;

    private Builder() {}

    public Builder sources(List<Path> paths) {
      sources.addAll(paths);
      return this;
    }

    public Builder source(Path path) {
      sources.add(path);
      return this;
    }

    public Builder classpath(List<Path> entries) {
      classpath.addAll(entries);
      return this;
    }

    public Builder jobs(int jobs) {
      this.jobs = jobs;
      return this;
    }

    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = cacheDir;
      return this;
    }

    public Builder progress(Progress progress) {
      this.progress = progress;
      return this;
    }

    public Builder summarize(boolean summarize) {
      this.summarize = summarize;
      return this;
    }

    public AnalyzerOptions build() {
      return new AnalyzerOptions(sources, classpath, jobs, cacheDir, progress, summarize);
    }
  }
}
