package io.movierec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of movierec on the class path, as saved files record it. */
public final class MovierecVersion {

  /** What {@link #get} returns when no version can be found. */
  public static final String UNKNOWN = "unknown";

  private static final String VERSION = find();

  private MovierecVersion() {}

  /**
   * The movierec version: the jar manifest's {@code Implementation-Version} if it has one, else the
   * Maven project version baked in at build time, else {@value #UNKNOWN}.
   */
  public static String get() {
    return VERSION;
  }

  private static String find() {
    String v = MovierecVersion.class.getPackage().getImplementationVersion();
    if (v != null && !v.isBlank()) {
      return v;
    }
    try (InputStream in =
        MovierecVersion.class.getResourceAsStream("movierec-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        v = p.getProperty("version", "").trim();
        if (!v.isEmpty() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through: unknown
    }
    return UNKNOWN;
  }
}
