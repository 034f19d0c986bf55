package dev.faultlock.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/**
 * {@code --progress}: when {@code check} draws its progress line. The line goes to standard error,
 * so {@code auto} asks whether standard error is a terminal, whatever standard output is: {@code
 * faultlock check src > report.txt} in a terminal still shows it, {@code 2> log} or a CI runner
 * does not. {@link System#console()} cannot tell: it is about standard input and output.
 */
enum ProgressMode {
  AUTO,
  ALWAYS,
  NEVER;

  /**
   * Whether the line is drawn, given whether standard error is a terminal and the {@code TERM}
   * environment variable ({@code null} when unset): a {@code dumb} terminal cannot redraw a line
   * in place.
   */
  boolean shows(boolean stderrIsTerminal, String term) {
    return switch (this) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> stderrIsTerminal && !"dumb".equals(term);
    };
  }

  /** {@link #shows(boolean, String)} for this process. */
  boolean showsHere() {
    // Only auto looks: /proc is not read when the user said.
    return shows(this == AUTO && stderrIsTerminal(), System.getenv("TERM"));
  }

  /**
   * Whether this process's standard error is a terminal. On Linux, where file descriptor 2 leads:
   * a terminal is a {@code /dev/pts/N} or {@code /dev/ttyN} device, anything else (a pipe, a file,
   * {@code /dev/null}) is not. Elsewhere (no {@code /proc}), the console is the best guess left.
   */
  static boolean stderrIsTerminal() {
    try {
      return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Whether a file descriptor leading to {@code target} (a {@code readlink} answer) is a terminal. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/")
        || target.matches("/dev/tty[^/]*")
        || target.equals("/dev/console");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code --progress}: {@code auto}, {@code always} or {@code never}, in any case. */
  static final class Converter implements CommandLine.ITypeConverter<ProgressMode> {
    @Override
    public ProgressMode convert(String value) {
      for (ProgressMode mode : values()) {
        if (mode.toString().equalsIgnoreCase(value.trim())) {
          return mode;
        }
      }
      throw new CommandLine.TypeConversionException(
          "unknown value '" + value + "' (expected auto, always or never)");
    }
  }
}
