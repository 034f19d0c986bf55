package dev.faultlock.maven;

import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.config.Baseline;
import dev.faultlock.config.Settings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Accepts the module's current findings: writes their fingerprints to the baseline file, after
 * which {@code check} fails only on findings that are not in it. Run it from the command line
 * ({@code mvn dev.faultlock:faultlock-maven-plugin:baseline}) and commit the file.
 */
@Mojo(name = "baseline", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class BaselineMojo extends AbstractFaultlockMojo {
  /** Where {@code baseline} writes and {@code check} looks when no baseline is configured. */
  static final String DEFAULT_FILE = "faultlock-baseline.json";

  /**
   * The baseline file to write. When not set, {@code faultlock.json}'s {@code baseline}, else
   * {@code faultlock-baseline.json} in the module's directory.
   */
  @Parameter(property = "faultlock.baseline")
  File baseline;

  /** Analyses the test sources too (set it as for {@code check}, so the two agree). */
  @Parameter(property = "faultlock.includeTests", defaultValue = "false")
  boolean includeTests;

  @Override
  Settings parameters() throws MojoExecutionException {
    Settings own = super.parameters();
    return new Settings(
        own.excludes(), own.rules(), own.encoding(), baseline == null ? null : baseline.toPath(),
        null, own.faultMethods());
  }

  @Override
  void run() throws MojoExecutionException {
    AnalysisResult result = analyze(includeTests);
    Path file =
        settings.baseline() != null
            ? settings.baseline()
            : project.getBasedir().toPath().resolve(DEFAULT_FILE);
    try {
      Baseline.of(result.findings(), f -> relative(f.location())).write(file);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "faultlock: baseline (faultlock.baseline): cannot write " + file + ": " + e.getMessage(),
          e);
    }
    getLog().info(
        "faultlock: baselined "
            + count(result.findings().size(), "finding")
            + " in "
            + file
            + "; check now fails only on new ones");
  }
}
