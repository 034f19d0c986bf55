package dev.faultlock.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the module's summaries (what its methods do with locks and faults) to {@code
 * META-INF/faultlock/summaries.json} in its classes. Bound to {@code process-classes}, before
 * {@code package}, so the file ships in the module's jar: a module that depends on this one then
 * sees its fault handlers and lock acquisitions when it is checked. Never fails on findings; that
 * is {@code check}'s job, which reuses this analysis.
 */
@Mojo(
    name = "summarize",
    defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class SummarizeMojo extends AbstractFaultlockMojo {
  /** Project context key: set once this goal has written the module's summaries. */
  static final String DONE = "dev.faultlock.maven.summarized";

  @Override
  void run() throws MojoExecutionException {
    getLog().info("faultlock: summaries written to " + writeSummaries(analyze(false)));
    project.setContextValue(DONE, Boolean.TRUE);
  }
}
