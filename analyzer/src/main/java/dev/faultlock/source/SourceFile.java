package dev.faultlock.source;

import com.github.javaparser.ast.CompilationUnit;
import java.nio.file.Path;

/**
 * One parsed {@code .java} file.
 *
 * @param path where it is read from
 * @param shown the path as the user named it, with forward slashes: what reports print
 * @param unit its syntax tree
 */
public record SourceFile(Path path, String shown, CompilationUnit unit) {}
