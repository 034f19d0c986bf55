package dev.faultlock.maven;

import dev.faultlock.findings.Problem;
import dev.faultlock.suggest.AnnotationText;
import dev.faultlock.suggest.FileChange;
import dev.faultlock.suggest.Suggester;
import dev.faultlock.suggest.Suggestion;
import dev.faultlock.suggest.UnifiedDiff;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes, as a unified diff, the annotations that let the Error Prone checkers see at compile
 * time what the whole-program pass saw in the module's main sources ({@code faultlock suggest}
 * on the command line). Paths in the diff are relative to the module's directory: apply it there
 * with {@code git apply target/faultlock/suggest.diff} after reading it. Changes no source unless
 * run with {@code -Dfaultlock.apply}. Bound to no phase: it is run when wanted.
 */
@Mojo(name = "suggest", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class SuggestMojo extends AbstractFaultlockMojo {
  /** Where the diff is written. */
  @Parameter(
      property = "faultlock.suggestFile",
      defaultValue = "${project.build.directory}/faultlock/suggest.diff")
  File suggestFile;

  /** Also writes the change into the sources (the same change the diff shows). */
  @Parameter(property = "faultlock.apply", defaultValue = "false")
  boolean apply;

  /**
   * Also suggests {@code @FaultHandler} on the implementations an alien call runs. Error Prone
   * does not need them; the whole-program pass then reports such a copy once, as a {@code
   * @MayFault} copy or as the alien call.
   */
  @Parameter(property = "faultlock.faultHandlers", defaultValue = "false")
  boolean faultHandlers;

  @Override
  void run() throws MojoExecutionException {
    Path basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
    // Generated sources (target/generated-sources) are rewritten by the next build: never edited.
    Path buildDir = Path.of(project.getBuild().getDirectory()).toAbsolutePath().normalize();
    Suggester.Result result = Suggester.suggest(options(false).build(),
        file -> !Path.of(file).toAbsolutePath().normalize().startsWith(buildDir), faultHandlers);
    for (Problem problem : result.problems()) {
      getLog().warn(relative(problem.location()) + ": " + problem.message());
    }
    StringBuilder diff = new StringBuilder();
    for (FileChange change : result.changes()) {
      Path file = change.path().toAbsolutePath().normalize();
      diff.append(UnifiedDiff.of(basedir.relativize(file).toString().replace('\\', '/'),
          change.before(), change.after()));
    }
    for (Suggestion s : result.suggestions()) {
      getLog().info(relative(s.at()) + ": " + AnnotationText.of(s) + ": " + s.why());
    }
    Path out = suggestFile.toPath();
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, diff, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("faultlock: cannot write " + out + ": " + e.getMessage(), e);
    }
    int annotations = result.suggestions().size();
    if (annotations == 0) {
      getLog().info("faultlock: no annotation to suggest in " + project.getArtifactId());
      return;
    }
    String counted = count(annotations, "annotation") + " in " + count(result.changes().size(), "file");
    if (!apply) {
      getLog().info("faultlock: suggested " + counted + "; review and apply with: git apply "
          + basedir.relativize(out.toAbsolutePath().normalize()).toString().replace('\\', '/'));
      return;
    }
    Charset encoding = settings.encoding();
    for (FileChange change : result.changes()) {
      try {
        Files.write(change.path(), change.after().getBytes(encoding));
      } catch (IOException e) {
        throw new MojoExecutionException(
            "faultlock: cannot write " + change.path() + ": " + e.getMessage(), e);
      }
    }
    getLog().info("faultlock: wrote " + counted);
  }
}
