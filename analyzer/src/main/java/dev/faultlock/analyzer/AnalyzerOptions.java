package dev.faultlock.analyzer;

import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.config.Excludes;
import dev.faultlock.config.RuleLevels;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
 * @param encoding the charset the sources are read in (javac's {@code -encoding}); a file that
 *     does not decode is a problem naming the line, and is skipped
 * @param excludes files under a source directory to leave out, by their path relative to it
 * @param rules per-rule levels, applied to the findings: rules turned off report nothing
 * @param faultMethods library or program methods that count as faulting copies, as {@code
 *     -XepOpt:FaultUnderLock:FaultMethods} names them for the compile-time pass
 * @param pointsTo whether the run also solves the points-to analysis ({@link
 *     dev.faultlock.pta.PointsToAnalysis}) over every method; it needs every file lowered, so
 *     the per-file cache's stored facts are not read (entries are still written). The findings
 *     then dispatch calls and know locks by it ({@code PointsToDispatch}, {@code LockObjects});
 *     its size is in {@link AnalysisResult.Stats#pointsTo()}
 */
public record AnalyzerOptions(
    List<Path> sources, List<Path> classpath, int jobs, Path cacheDir, Progress progress,
    boolean summarize, Charset encoding, Excludes excludes, RuleLevels rules,
    FaultMethods faultMethods, boolean pointsTo) {
  public AnalyzerOptions {
    sources = List.copyOf(sources);
    classpath = List.copyOf(classpath);
    if (jobs < 1) throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(excludes, "excludes");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(faultMethods, "faultMethods");
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
   * program summary, UTF-8, nothing excluded, every rule at its catalog severity, no fault
   * methods named.
   */
  public static final class Builder {
    private final List<Path> sources = new ArrayList<>();
    private final List<Path> classpath = new ArrayList<>();
    private int jobs = Runtime.getRuntime().availableProcessors();
    private Path cacheDir;
    private Progress progress = Progress.NONE;
    private boolean summarize;
    private Charset encoding = StandardCharsets.UTF_8;
    private Excludes excludes = Excludes.NONE;
    private RuleLevels rules = RuleLevels.DEFAULTS;
    private FaultMethods faultMethods = FaultMethods.NONE;
    private boolean pointsTo;

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

    public Builder encoding(Charset encoding) {
      this.encoding = encoding;
      return this;
    }

    public Builder excludes(Excludes excludes) {
      this.excludes = excludes;
      return this;
    }

    public Builder rules(RuleLevels rules) {
      this.rules = rules;
      return this;
    }

    public Builder faultMethods(FaultMethods faultMethods) {
      this.faultMethods = faultMethods;
      return this;
    }

    public Builder pointsTo(boolean pointsTo) {
      this.pointsTo = pointsTo;
      return this;
    }

    public AnalyzerOptions build() {
      return new AnalyzerOptions(
          sources, classpath, jobs, cacheDir, progress, summarize, encoding, excludes, rules,
          faultMethods, pointsTo);
    }
  }
}
