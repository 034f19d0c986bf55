package dev.faultlock.report;

import dev.faultlock.catalog.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Who wrote a report: the name, version and web pages that reports and {@code --version} show. */
public final class ToolInfo {
  public static final String NAME = "faultlock";

  /** The project's home page; rule pages live under it at {@link Rule#docPath()}. */
  public static final String INFORMATION_URI = "https://github.com/faultlock/faultlock";

  private static final String VERSION = readVersion();

  private ToolInfo() {}

  /** The version Maven built, such as {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return VERSION;
  }

  /** The absolute address of a rule's documentation page. */
  public static String helpUri(Rule rule) {
    return INFORMATION_URI + "/blob/main/" + rule.docPath();
  }

  // Maven's resource filtering writes the version into this file, so a class on the class path
  // (tests) and one in the shaded jar report the same version without reading a manifest.
  private static String readVersion() {
    try (InputStream in = ToolInfo.class.getResourceAsStream("faultlock.properties")) {
      if (in == null) {
        throw new IllegalStateException("faultlock.properties is missing from the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
