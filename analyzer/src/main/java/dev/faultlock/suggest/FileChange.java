package dev.faultlock.suggest;

import java.nio.file.Path;

/**
 * One source file's text before and after its suggestions.
 *
 * @param path where it is read from (and written to by {@code --apply})
 */
public record FileChange(Path path, String before, String after) {}
