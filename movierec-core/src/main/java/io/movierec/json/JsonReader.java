package io.movierec.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON text (RFC 8259) into plain Java values: objects as {@link Map}s in document order,
 * arrays as {@link List}s, strings, numbers as {@link Long} (integers that fit) or {@link Double},
 * booleans, and {@code null}. Enough for reading what {@link Json} writes, say a movierec server's
 * answers; nesting deeper than {@value #MAX_DEPTH} is refused.
 */
public final class JsonReader {

  /** The deepest nesting of arrays and objects read. */
  public static final int MAX_DEPTH = 256;

  private final String s;
  private int i;

  private JsonReader(String s) {
    this.s = s;
  }

  /**
   * The value of {@code text}.
   *
   * @throws IllegalArgumentException naming the offset if the text is not one JSON value
   */
  public static @Nullable Object parse(String text) {
    JsonReader r = new JsonReader(text);
    r.space();
    Object v = r.value(0);
    r.space();
    if (r.i != text.length()) {
      throw r.error("text after the value");
    }
    return v;
  }

  private @Nullable Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{' -> {
        i++;
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        space();
        if (peek('}')) {
          return m;
        }
        do {
          space();
          if (i >= s.length() || s.charAt(i) != '"') {
            throw error("expected a member name");
          }
          String key = string();
          space();
          expect(':');
          space();
          m.put(key, value(depth + 1));
          space();
        } while (peek(','));
        expect('}');
        return m;
      }
      case '[' -> {
        i++;
        List<@Nullable Object> a = new ArrayList<>();
        space();
        if (peek(']')) {
          return a;
        }
        do {
          space();
          a.add(value(depth + 1));
          space();
        } while (peek(','));
        expect(']');
        return a;
      }
      case '"' -> {
        return string();
      }
      case 't' -> {
        word("true");
        return Boolean.TRUE;
      }
      case 'f' -> {
        word("false");
        return Boolean.FALSE;
      }
      case 'n' -> {
        word("null");
        return null;
      }
      default -> {
        return number();
      }
    }
  }

  private String string() {
    i++; // the opening quote
    StringBuilder b = new StringBuilder();
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (i >= s.length()) {
        throw error("unterminated escape");
      }
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw error("short \\u escape");
          }
          try {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          } catch (NumberFormatException x) {
            throw error("malformed \\u escape");
          }
          i += 4;
        }
        default -> throw error("unknown escape \\" + e);
      }
    }
  }

  private Object number() {
    int start = i;
    if (peek('-')) {
      // sign read
    }
    digits();
    boolean integer = true;
    if (peek('.')) {
      integer = false;
      digits();
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      integer = false;
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      digits();
    }
    String t = s.substring(start, i);
    if (integer && t.length() < 19) {
      return Long.parseLong(t);
    }
    return Double.parseDouble(t);
  }

  private void digits() {
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i == start) {
      throw error("expected a value");
    }
  }

  private void word(String w) {
    if (!s.startsWith(w, i)) {
      throw error("expected " + w);
    }
    i += w.length();
  }

  private boolean peek(char c) {
    if (i < s.length() && s.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private void space() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("malformed JSON at offset " + i + ": " + what);
  }
}
