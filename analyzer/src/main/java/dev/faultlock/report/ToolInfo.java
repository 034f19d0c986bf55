package dev.faultlock.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Who wrote a report: the name and version that reports and {@code --version} show. */
public final class ToolInfo {
  public static final String NAME = "faultlock";

  private static final String VERSION = readVersion();

  private ToolInfo() {}

  /** The version Maven built, such as {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return VERSION;
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
