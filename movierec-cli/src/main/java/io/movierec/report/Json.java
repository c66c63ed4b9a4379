package io.movierec.report;

import java.util.List;
import java.util.Map;

/**
 * Writes a tree of maps, lists, strings, numbers, booleans and nulls as JSON text (RFC 8259).
 * Objects are indented, one member per line; lists of plain values stay on one line. A NaN or
 * infinite number, which JSON cannot hold, is written as {@code null}.
 */
final class Json {

  private Json() {}

  /**
   * The JSON text of {@code value}: a {@link Map} with string keys (written in its iteration
   * order), a {@link List}, a {@code double[]}, a {@link CharSequence}, a {@link Number}, a
   * {@link Boolean}, an enum (its name) or null.
   */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, "", out);
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
      string(s, out);
    } else if (value instanceof Enum<?> e) {
      string(e.name(), out);
    } else if (value instanceof Double d) {
      out.append(number(d));
    } else if (value instanceof Float f) {
      out.append(Float.isFinite(f) ? Float.toString(f) : "null");
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
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
      string(key, out);
      out.append(": ");
      write(e.getValue(), inner, out);
      first = false;
    }
    out.append('\n').append(indent).append('}');
  }

  private static void writeList(List<?> list, String indent, StringBuilder out) {
    boolean nested = list.stream().anyMatch(v -> v instanceof Map || v instanceof List
        || v instanceof double[]);
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

  private static String number(double d) {
    return Double.isFinite(d) ? Double.toString(d) : "null";
  }

  /**
   * Appends {@code s} as a JSON string: quotes, backslashes and control characters escaped, and
   * lone surrogates (which no UTF-8 encoder can write) as {@code \\uXXXX}.
   */
  static void string(CharSequence s, StringBuilder out) {
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
          if (c < 0x20 || isLoneSurrogate(s, i)) {
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
}
