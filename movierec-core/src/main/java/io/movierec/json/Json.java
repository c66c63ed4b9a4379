package io.movierec.json;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import java.util.List;

/**
 * Just enough JSON writing for {@link HttpServerExample}, by hand so that the example needs no
 * library (the command line's {@code --json} uses it too): string literals with correct escaping, numbers, arrays and objects of already-written
 * values. A real service would use Jackson or Gson.
 */
public final class Json {

  private Json() {}

  /**
   * A JSON string literal: quotes, backslashes and control characters escaped, as are U+2028,
   * U+2029 (JavaScript line breaks) and lone surrogates (not encodable as UTF-8); {@code null}
   * becomes {@code null}.
   */
  public static String string(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
          boolean pairedLow = Character.isLowSurrogate(c) && i > 0
              && Character.isHighSurrogate(s.charAt(i - 1));
          if (c < 0x20 || c == '\u2028' || c == '\u2029'
              || (Character.isSurrogate(c) && !pairedHigh && !pairedLow)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** A number as Java prints a float (JSON accepts {@code 1.0E-5}); NaN and infinities are null. */
  static String number(float x) {
    return Float.isFinite(x) ? Float.toString(x) : "null";
  }

  /** An array of already-written JSON values. */
  public static String array(List<String> values) {
    return "[" + String.join(",", values) + "]";
  }

  /**
   * A movie as the example service and the command line's {@code --json} write it: {@code
   * {"movie":1,"title":"…","year":1995,"genres":["…"]}} (year null when unknown), open for more
   * fields.
   */
  public static Obj movie(Movie m) {
    return new Obj().num("movie", m.id()).text("title", m.title())
        .raw("year", m.year() == 0 ? "null" : Integer.toString(m.year()))
        .raw("genres", array(m.genres().stream().map(Genre::label).map(Json::string).toList()));
  }

  /** Builds an object field by field, in order. Not thread-safe (one per response). */
  public static final class Obj {
    private final StringBuilder b = new StringBuilder("{");

    /** Adds a field whose value is already JSON (a number, array, object, true, false, null). */
    public Obj raw(String key, String json) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(string(key)).append(':').append(json);
      return this;
    }

    /** Adds a string field. */
    public Obj text(String key, String value) {
      return raw(key, string(value));
    }

    /** Adds an integer field. */
    public Obj num(String key, long value) {
      return raw(key, Long.toString(value));
    }

    /** Adds a float field (NaN as null). */
    public Obj num(String key, float value) {
      return raw(key, number(value));
    }

    /** The object. */
    @Override
    public String toString() {
      return b + "}";
    }
  }
}
