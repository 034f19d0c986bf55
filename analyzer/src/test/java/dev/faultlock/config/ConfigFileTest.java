package dev.faultlock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Confidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;

  private Path write(String json) throws IOException {
    Path file = dir.resolve("conf/faultlock.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return file;
  }

  @Test
  void everyKeyIsRead() throws IOException {
    Path file =
        write(
            """
            {
              "excludes": ["**/generated/**", "com/acme/Legacy.java"],
              "rules": {"UnsortedSameClassLocks": "off", "FaultUnderLock": "warning"},
              "encoding": "windows-1252",
              "baseline": "../faultlock-baseline.json", // beside the project, not the file
              "failOn": "never",
              "faultMethods": ["java.nio.channels.FileChannel#transferTo, java.io.Reader#*"],
              "minConfidence": "LOW",
            }
            """);

    Settings settings = ConfigFile.read(file);

    assertThat(settings.excludes().globs())
        .containsExactly("**/generated/**", "com/acme/Legacy.java");
    assertThat(settings.rules().levels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Rule.UNSORTED_SAME_CLASS_LOCKS, RuleLevels.Level.OFF,
                Rule.FAULT_UNDER_LOCK, RuleLevels.Level.WARNING));
    assertThat(settings.encoding().name()).isEqualTo("windows-1252");
    assertThat(settings.baseline()).isEqualTo(dir.resolve("faultlock-baseline.json").toAbsolutePath());
    assertThat(settings.failOn()).isEqualTo(FailOn.NEVER);
    assertThat(settings.faultMethods().patterns())
        .containsExactly(new FaultMethods.Pattern("java.nio.channels.FileChannel", "transferTo"),
            new FaultMethods.Pattern("java.io.Reader", "*"));
    assertThat(settings.minConfidence()).isEqualTo(Confidence.LOW);
  }

  @Test
  void anEmptyObjectLeavesEverythingToTheLayersBelow() throws IOException {
    Settings settings = ConfigFile.read(write("{}"));

    assertThat(settings).isEqualTo(Settings.NONE);
    assertThat(settings.over(Settings.DEFAULTS)).isEqualTo(Settings.DEFAULTS);
  }

  @Test
  void eachMistakeIsNamedAtItsLine() throws IOException {
    assertThatThrownBy(() -> ConfigFile.read(write("{\n\n  \"failOn\": \"often\"\n}")))
        .hasMessageEndingWith(
            ":3: failOn: unknown level 'often' (expected one of error, warning, never)");
    assertThatThrownBy(() -> ConfigFile.read(write("{\n  \"encoding\": \"klingon\"\n}")))
        .hasMessageContaining(":2: encoding: unknown encoding 'klingon'");
    assertThatThrownBy(() -> ConfigFile.read(write("{\n  \"excludes\": \"*.java\"\n}")))
        .hasMessageContaining(":2: excludes: expected an array of strings");
    assertThatThrownBy(() -> ConfigFile.read(write("{\"excludes\": [\"a/{b\"]}")))
        .hasMessageContaining(":1: excludes: 'a/{b' is not a glob");
    assertThatThrownBy(
            () -> ConfigFile.read(write("{\n \"rules\": {\n  \"FaultUnderLock\": \"off\",\n"
                + "  \"LockOrderInversion\": 1\n }\n}")))
        .hasMessageContaining(":4: rules: expected a string");
    assertThatThrownBy(() -> ConfigFile.read(write("{\n  \"minConfidence\": \"medium\"\n}")))
        .hasMessageEndingWith(":2: minConfidence: unknown confidence 'medium' (high or low)");
    assertThatThrownBy(() -> ConfigFile.read(write("[\"rules\"]")))
        .hasMessageContaining(":1: a faultlock configuration is a JSON object");
    assertThatThrownBy(() -> ConfigFile.read(write("{\n  \"rules\": {\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.resolve("conf/faultlock.json") + ":3: ");
  }

  @Test
  void theMessageStartsWithTheFile() throws IOException {
    Path file = write("{\"color\": \"red\"}");

    assertThatThrownBy(() -> ConfigFile.read(file))
        .hasMessage(
            file + ":1: color: unknown key, expected one of excludes, rules, encoding, baseline,"
                + " failOn, faultMethods, minConfidence");
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("absent.json")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void layersOverrideScalarsAndAddExcludes() {
    Settings file =
        new Settings(
            new Excludes(List.of("a/**")), RuleLevels.parse(List.of("FaultUnderLock=off")),
            StandardCharsets.ISO_8859_1, Path.of("file-baseline.json"), FailOn.WARNING,
            FaultMethods.parse(List.of("a.File#copy")));
    Settings parameters =
        new Settings(
            new Excludes(List.of("b/**")), RuleLevels.DEFAULTS, StandardCharsets.UTF_16, null,
            FailOn.NEVER, FaultMethods.parse(List.of("b.Channel#*")));

    Settings merged = parameters.over(file).over(Settings.DEFAULTS);

    assertThat(merged.excludes().globs()).containsExactly("b/**", "a/**");
    assertThat(merged.rules()).isEqualTo(RuleLevels.parse(List.of("FaultUnderLock=off")));
    assertThat(merged.encoding()).isEqualTo(StandardCharsets.UTF_16);
    assertThat(merged.baseline()).isEqualTo(Path.of("file-baseline.json"));
    assertThat(merged.failOn()).isEqualTo(FailOn.NEVER);
    assertThat(merged.faultMethods().patterns()).extracting(Object::toString)
        .containsExactly("b.Channel#*", "a.File#copy");
    assertThat(Settings.NONE.over(Settings.DEFAULTS).encoding()).isEqualTo(StandardCharsets.UTF_8);
    // Not said by either layer: only the sure findings are reported.
    assertThat(merged.minConfidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void theCommandLinesConfidenceOverridesTheFiles() {
    Settings file = new Settings(null, null, null, null, null, null, Confidence.LOW);
    Settings parameters = new Settings(null, null, null, null, null, null, Confidence.HIGH);

    assertThat(file.over(Settings.DEFAULTS).minConfidence()).isEqualTo(Confidence.LOW);
    assertThat(parameters.over(file).over(Settings.DEFAULTS).minConfidence())
        .isEqualTo(Confidence.HIGH);
  }
}
