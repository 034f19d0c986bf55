package dev.faultlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProgressModeTest {
  @Test
  void autoFollowsStandardErrorNotStandardOutput() {
    // Standard output redirected to a file does not matter: only whether stderr is a terminal.
    assertThat(ProgressMode.AUTO.shows(true, "xterm-256color")).isTrue();
    assertThat(ProgressMode.AUTO.shows(true, null)).isTrue();
    assertThat(ProgressMode.AUTO.shows(false, "xterm-256color")).isFalse();
    // A dumb terminal cannot redraw a line in place.
    assertThat(ProgressMode.AUTO.shows(true, "dumb")).isFalse();
  }

  @Test
  void alwaysAndNeverOverrideTheTerminal() {
    assertThat(ProgressMode.ALWAYS.shows(false, "dumb")).isTrue();
    assertThat(ProgressMode.NEVER.shows(true, "xterm")).isFalse();
  }

  @Test
  void terminalDevicesAreTerminalsAndPipesFilesAndNullAreNot() {
    assertThat(ProgressMode.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(ProgressMode.isTerminalDevice("/dev/tty1")).isTrue();
    assertThat(ProgressMode.isTerminalDevice("/dev/tty")).isTrue();
    assertThat(ProgressMode.isTerminalDevice("/dev/console")).isTrue();
    assertThat(ProgressMode.isTerminalDevice("pipe:[123456]")).isFalse();
    assertThat(ProgressMode.isTerminalDevice("socket:[98765]")).isFalse();
    assertThat(ProgressMode.isTerminalDevice("/dev/null")).isFalse();
    assertThat(ProgressMode.isTerminalDevice("/tmp/build.log")).isFalse();
    assertThat(ProgressMode.isTerminalDevice("/dev/ttyS0/x")).isFalse();
  }

  @Test
  void theOptionTakesTheNamesInAnyCase() {
    ProgressMode.Converter converter = new ProgressMode.Converter();
    assertThat(converter.convert("Always")).isEqualTo(ProgressMode.ALWAYS);
    assertThat(converter.convert(" never ")).isEqualTo(ProgressMode.NEVER);
    assertThatThrownBy(() -> converter.convert("sometimes"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessage("unknown value 'sometimes' (expected auto, always or never)");
  }
}
