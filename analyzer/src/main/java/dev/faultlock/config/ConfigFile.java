package dev.faultlock.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.findings.Confidence;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's configuration file, {@code faultlock.json}, read by the command line and the
 * Maven plugin alike. Every key is optional:
 *
 * <pre>{@code
 * {
 *   // comments are allowed
 *   "excludes": ["com/acme/generated/**"],      // globs relative to each source root
 *   "rules": {"UnsortedSameClassLocks": "off"}, // off, warning or error, per rule id
 *   "encoding": "ISO-8859-1",                   // the sources' encoding (default UTF-8)
 *   "baseline": "faultlock-baseline.json",      // relative to this file's directory
 *   "failOn": "warning",                        // error (default), warning or never
 *   "faultMethods": ["java.nio.channels.FileChannel#transferTo"], // Type#method or Type#*
 *   "minConfidence": "low"                      // high (default) or low: the least sure finding reported
 * }
 * }</pre>
 *
 * It is read with Jackson's streaming parser rather than bound to a class so that every mistake,
 * a typo in a key as much as an unknown rule, is reported at its line.
 */
public final class ConfigFile {
  /** The file's name at the project root. */
  public static final String NAME = "faultlock.json";

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  private static final List<String> KEYS =
      List.of("excludes", "rules", "encoding", "baseline", "failOn", "faultMethods", "minConfidence");

  private ConfigFile() {}

  /**
   * Reads the settings of {@code file}.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException when it is not valid, the message starting with {@code
   *     file:line:}
   */
  public static Settings read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try (JsonParser json = JSON.createParser(bytes)) {
      return new Reader(file, json).settings();
    } catch (JsonProcessingException e) {
      throw bad(file, e.getLocation(), e.getOriginalMessage());
    }
  }

  private static Located bad(Path file, JsonLocation at, String message) {
    String line = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr();
    return new Located(file + line + ": " + message);
  }

  /** A mistake already named with its file and line. */
  private static final class Located extends IllegalArgumentException {
    private static final long serialVersionUID = 1;

    Located(String message) {
      super(message);
    }
  }

  /** One pass over the file's tokens. */
  private static final class Reader {
    private final Path file;
    private final JsonParser json;
    private Excludes excludes = Excludes.NONE;
    private RuleLevels rules = RuleLevels.DEFAULTS;
    private Charset encoding;
    private Path baseline;
    private FailOn failOn;
    private FaultMethods faultMethods = FaultMethods.NONE;
    private Confidence minConfidence;

    Reader(Path file, JsonParser json) {
      this.file = file;
      this.json = json;
    }

    Settings settings() throws IOException {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw fail("a faultlock configuration is a JSON object ({ \"rules\": ... })");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String key = json.currentName();
        JsonLocation at = json.currentTokenLocation();
        json.nextToken();
        try {
          read(key);
        } catch (Located e) {
          throw e;
        } catch (IllegalArgumentException e) {
          throw bad(file, at, key + ": " + e.getMessage());
        }
      }
      return new Settings(excludes, rules, encoding, baseline, failOn, faultMethods, minConfidence);
    }

    private void read(String key) throws IOException {
      switch (key) {
        case "excludes" -> excludes = new Excludes(strings());
        case "rules" -> rules = RuleLevels.of(levels());
        case "encoding" -> encoding = Settings.charset(string());
        case "baseline" -> baseline = resolve(string());
        case "failOn" -> failOn = FailOn.parse(string());
        case "faultMethods" -> faultMethods = FaultMethods.parseStrict(strings());
        case "minConfidence" -> minConfidence = Settings.confidence(string());
        default ->
            throw new IllegalArgumentException(
                "unknown key, expected one of " + String.join(", ", KEYS));
      }
    }

    private Path resolve(String path) {
      Path dir = file.toAbsolutePath().getParent();
      return dir == null ? Path.of(path) : dir.resolve(path).normalize();
    }

    private String string() throws IOException {
      if (json.currentToken() != JsonToken.VALUE_STRING) throw new IllegalArgumentException("expected a string");
      return json.getText();
    }

    private List<String> strings() throws IOException {
      if (json.currentToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("expected an array of strings");
      }
      List<String> values = new ArrayList<>();
      while (json.nextToken() != JsonToken.END_ARRAY) values.add(string());
      return values;
    }

    // Each rule's mistake is named at its own line, not at the line of "rules".
    private Map<String, String> levels() throws IOException {
      if (json.currentToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected an object of rule ids to levels");
      }
      Map<String, String> levels = new LinkedHashMap<>();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String rule = json.currentName();
        JsonLocation at = json.currentTokenLocation();
        json.nextToken();
        try {
          RuleLevels.of(Map.of(rule, string()));
        } catch (IllegalArgumentException e) {
          throw bad(file, at, "rules: " + e.getMessage());
        }
        levels.put(rule, json.getText());
      }
      return levels;
    }

    private Located fail(String message) {
      return bad(file, json.currentTokenLocation(), message);
    }
  }
}
