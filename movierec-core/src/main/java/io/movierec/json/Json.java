package io.movierec.json;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON writing (RFC 8259) for the library's own output, by hand so that it needs no
 * JSON library at run time. Two forms, sharing one string escaper and one number rule:
 *
 * <ul>
 *   <li>compact, built piece by piece: {@link #string}, {@link #array}, {@link Obj} and {@link
 *       #movie} write one line with no spaces, as the example HTTP service and the command line's
 *       {@code client --json} answer;
 *   <li>indented, from a tree: {@link #indented} writes maps, lists and plain values one object
 *       member per line, as the training report's {@code report.json}.
 * </ul>
 *
 * <p>Strings: quotes, backslashes and control characters are escaped, as are U+2028 and U+2029
 * (JavaScript line breaks) and lone surrogates (not encodable as UTF-8). Numbers: an integer as
 * Java prints it; a float or double as {@link Float#toString(float)} or {@link
 * Double#toString(double)} print it (JSON accepts {@code 1.0E-5}), which reads back as the same
 * value; NaN and the infinities, which JSON cannot hold, are written as {@code null}.
 *
 * <p>A real service would use Jackson or Gson. Stateless and thread-safe, except {@link Obj}.
 */
public final class Json {

  private Json() {}

  // ---- values ----

  /**
   * A JSON string literal: quotes, backslashes and control characters escaped, as are U+2028,
   * U+2029 (JavaScript line breaks) and lone surrogates (not encodable as UTF-8); {@code null}
   * becomes {@code null}.
   */
  public static String string(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2);
    appendString(s, b);
    return b.toString();
  }

  /** Appends {@code s} as a JSON string literal, escaped as {@link #string} says. */
  private static void appendString(CharSequence s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isLoneSurrogate(CharSequence s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  /** A float as Java prints it (JSON accepts {@code 1.0E-5}); NaN and infinities are null. */
  static String number(float x) {
    return Float.isFinite(x) ? Float.toString(x) : "null";
  }

  /** A double as Java prints it (JSON accepts {@code 1.0E-5}); NaN and infinities are null. */
  static String number(double x) {
    return Double.isFinite(x) ? Double.toString(x) : "null";
  }

  // ---- compact ----

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
    return new Obj()
        .num("movie", m.id())
        .text("title", m.title())
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

    /** Adds a float field (NaN and infinities as null). */
    public Obj num(String key, float value) {
      return raw(key, number(value));
    }

    /** The object. */
    @Override
    public String toString() {
      return b + "}";
    }
  }

  // ---- indented ----

  /**
   * The JSON text of a tree, indented by two spaces, one object member per line, and ending in a
   * newline; a list holding no map, list or {@code double[]} stays on one line ({@code [1, 2]}).
   * The tree holds {@link Map}s with string keys (written in their iteration order), {@link List}s,
   * {@code double[]}s, {@link CharSequence}s, {@link Number}s (integers, floats and doubles),
   * {@link Boolean}s, enums (written as their names) and nulls.
   *
   * @throws IllegalArgumentException if the tree holds any other value, or a map key that is not a
   *     string
   */
  public static String indented(Object tree) {
    StringBuilder out = new StringBuilder();
    write(tree, "", out);
    return out.append('\n').toString();
  }

  private static void write(Object value, String indent, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      writeObject(map, indent, out);
    } else if (value instanceof List<?> list) {
      writeList(list, indent, out);
    } else if (value instanceof double[] numbers) {
      out.append('[');
      for (int i = 0; i < numbers.length; i++) {
        out.append(i == 0 ? "" : ",").append(number(numbers[i]));
      }
      out.append(']');
    } else if (value instanceof CharSequence s) {
      appendString(s, out);
    } else if (value instanceof Enum<?> e) {
      appendString(e.name(), out);
    } else if (value instanceof Double d) {
      out.append(number(d.doubleValue()));
    } else if (value instanceof Float f) {
      out.append(number(f.floatValue()));
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      out.append(value);
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else {
      throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
    }
  }

  private static void writeObject(Map<?, ?> map, String indent, StringBuilder out) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    String inner = indent + "  ";
    out.append("{\n");
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
      }
      out.append(first ? "" : ",\n").append(inner);
      appendString(key, out);
      out.append(": ");
      write(e.getValue(), inner, out);
      first = false;
    }
    out.append('\n').append(indent).append('}');
  }

  private static void writeList(List<?> list, String indent, StringBuilder out) {
    boolean nested =
        list.stream().anyMatch(v -> v instanceof Map || v instanceof List || v instanceof double[]);
    if (!nested) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        write(list.get(i), indent, out);
      }
      out.append(']');
      return;
    }
    String inner = indent + "  ";
    out.append("[\n");
    for (int i = 0; i < list.size(); i++) {
      out.append(i == 0 ? "" : ",\n").append(inner);
      write(list.get(i), inner, out);
    }
    out.append('\n').append(indent).append(']');
  }
}
