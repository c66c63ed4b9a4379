package io.movierec.server;

import io.movierec.domain.Gender;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of a request's query string ({@code a=1&b=x%20y}), read with errors (400) that
 * name the parameter and the offending value.
 */
final class Query {

  private final Map<String, String> values = new HashMap<>();

  /**
   * Parses a raw (still percent-encoded) query string; null or empty is no parameters.
   *
   * @throws HttpError 400 if a parameter is given twice or the encoding is malformed
   */
  Query(@Nullable String raw) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (values.put(key, value) != null) {
        throw HttpError.badRequest("parameter '" + key + "' is given more than once");
      }
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(
          "malformed percent-encoding in the query text '" + s + "': " + e.getMessage());
    }
  }

  /** True if the parameter is present. */
  boolean has(String name) {
    return values.containsKey(name);
  }

  /** Rejects parameters not in {@code names}: a typo would otherwise be silently ignored. */
  void allow(String... names) {
    Set<String> allowed = Set.of(names);
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        throw HttpError.badRequest(
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
      throw HttpError.badRequest("parameter '" + name + "' must be an integer, got '" + v + "'");
    }
    if (x < min || x > max) {
      throw HttpError.badRequest(
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
      throw HttpError.badRequest(
          "parameter '" + name + "' lists " + parts.length + " ids; at most " + max);
    }
    int[] ids = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        ids[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw HttpError.badRequest(
            "parameter '"
                + name
                + "' must list integer ids separated by commas, got '"
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
      throw HttpError.badRequest("parameter '" + name + "': " + e.getMessage());
    }
  }

  /** A required text parameter. */
  String text(String name) {
    return required(name);
  }

  private String required(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw HttpError.badRequest("missing parameter '" + name + "'");
    }
    return v;
  }
}
