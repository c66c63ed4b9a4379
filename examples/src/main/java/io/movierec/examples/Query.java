package io.movierec.examples;

import io.movierec.domain.Gender;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a request's query string ({@code a=1&b=x%20y}) for {@link HttpServerExample},
 * read with errors that name the parameter and the offending value.
 */
final class Query {

  /** A request the client got wrong; the server answers 400 with the message. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  private final Map<String, String> values = new HashMap<>();

  /**
   * Parses a raw (still percent-encoded) query string; null or empty is no parameters.
   *
   * @throws BadRequest if a parameter is given twice or the encoding is malformed
   */
  Query(String raw) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (values.put(key, value) != null) {
        throw new BadRequest("parameter '" + key + "' is given more than once");
      }
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("malformed query text '" + s + "': " + e.getMessage());
    }
  }

  /** True if the parameter is present. */
  boolean has(String name) {
    return values.containsKey(name);
  }

  /** Rejects parameters not in {@code names}: a typo would otherwise be silently ignored. */
  void allow(String... names) {
    for (String key : values.keySet()) {
      if (!Set.of(names).contains(key)) {
        throw new BadRequest(
            "unknown parameter '" + key + "' (expected " + String.join(", ", names) + ")");
      }
    }
  }

  /** A required integer. */
  int integer(String name) {
    return integer(name, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** A required integer within [min, max]. */
  int integer(String name, int min, int max) {
    String v = required(name);
    int x;
    try {
      x = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new BadRequest("parameter '" + name + "' must be an integer, got '" + v + "'");
    }
    if (x < min || x > max) {
      throw new BadRequest(
          "parameter '" + name + "' must be in " + min + ".." + max + ", got " + x);
    }
    return x;
  }

  /** An optional integer within [min, max]. */
  int integer(String name, int min, int max, int defaultValue) {
    return has(name) ? integer(name, min, max) : defaultValue;
  }

  /** A required comma-separated list of at most {@code max} integer ids. */
  int[] ids(String name, int max) {
    String[] parts = required(name).split(",", -1);
    if (parts.length > max) {
      throw new BadRequest(
          "parameter '" + name + "' lists " + parts.length + " ids; at most " + max);
    }
    int[] ids = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        ids[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new BadRequest(
            "parameter '"
                + name
                + "' must list integer ids separated by commas, "
                + "got '"
                + parts[i]
                + "'");
      }
    }
    return ids;
  }

  /** A required gender code, M or F. */
  Gender gender(String name) {
    String v = required(name);
    try {
      return Gender.fromCode(v);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("parameter '" + name + "': " + e.getMessage());
    }
  }

  /** A required text parameter. */
  String text(String name) {
    return required(name);
  }

  private String required(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new BadRequest("missing parameter '" + name + "'");
    }
    return v;
  }
}
