package io.movierec.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads one HTTP/1.x request from the bytes received so far, enforcing the size limits: a request
 * line longer than {@code maxLine} is a 414, a header block longer than {@code maxHeaders} (or with
 * more than {@value #MAX_HEADER_COUNT} fields) a 431, a body longer than {@code maxBody} a 413.
 * Malformed text is a 400, an HTTP version other than 1.0 and 1.1 a 505, a chunked body a 501.
 */
final class RequestParser {

  /** The most header fields one request may have. */
  static final int MAX_HEADER_COUNT = 100;

  /** A complete request; {@code length} bytes of the buffer, body included. */
  record Request(
      String method, String path, @Nullable String rawQuery, boolean keepAlive, int length) {}

  private final int maxLine;
  private final int maxHeaders;
  private final int maxBody;

  RequestParser(int maxLine, int maxHeaders, int maxBody) {
    this.maxLine = maxLine;
    this.maxHeaders = maxHeaders;
    this.maxBody = maxBody;
  }

  /** The most bytes a buffer must hold for one request within the limits. */
  int maxRequestBytes() {
    return maxLine + maxHeaders + maxBody + 8;
  }

  /**
   * The request at the start of {@code buf}'s bytes {@code [0, buf.position())}, or null if more
   * bytes are needed; the buffer is not changed.
   *
   * @throws HttpError if the request breaks a limit or is malformed
   */
  @Nullable Request parse(ByteBuffer buf) {
    int n = buf.position();
    int lineEnd = indexOfLf(buf, 0, n);
    if (lineEnd < 0) {
      if (n > maxLine + 1) {
        throw tooLongLine();
      }
      return null;
    }
    if (lineEnd > maxLine + 1) {
      throw tooLongLine();
    }
    String line = text(buf, 0, lineEnd);
    int headersStart = lineEnd + 1;
    int pos = headersStart;
    String connection = "";
    long contentLength = 0;
    boolean sawLength = false;
    int count = 0;
    while (true) {
      int e = indexOfLf(buf, pos, n);
      if (e < 0) {
        if (n - headersStart > maxHeaders) {
          throw tooManyHeaders();
        }
        return null;
      }
      if (e + 1 - headersStart > maxHeaders) {
        throw tooManyHeaders();
      }
      String h = text(buf, pos, e);
      pos = e + 1;
      if (h.isEmpty()) {
        break;
      }
      if (++count > MAX_HEADER_COUNT) {
        throw new HttpError(431, "more than " + MAX_HEADER_COUNT + " header fields");
      }
      int colon = h.indexOf(':');
      if (colon <= 0 || !isToken(h.substring(0, colon))) {
        throw HttpError.badRequest("malformed header line '" + shorten(h) + "'");
      }
      String name = h.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "connection" -> connection = value.toLowerCase(Locale.ROOT);
        case "content-length" -> {
          long v = contentLength(value);
          if (sawLength && v != contentLength) {
            throw HttpError.badRequest("two different Content-Length headers");
          }
          sawLength = true;
          contentLength = v;
        }
        case "transfer-encoding" ->
            throw new HttpError(
                501, "Transfer-Encoding '" + shorten(value) + "' is not supported; send no body");
        default -> {}
      }
    }
    if (contentLength > maxBody) {
      throw new HttpError(
          413, "the request body has " + contentLength + " bytes; at most " + maxBody);
    }
    if (n - pos < contentLength) {
      return null;
    }
    return requestLine(line, connection, pos + (int) contentLength);
  }

  private Request requestLine(String line, String connection, int length) {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
      throw HttpError.badRequest("malformed request line '" + shorten(line) + "'");
    }
    String version = parts[2];
    boolean keepAlive;
    if (version.equals("HTTP/1.1")) {
      keepAlive = !connection.contains("close");
    } else if (version.equals("HTTP/1.0")) {
      keepAlive = connection.contains("keep-alive");
    } else if (version.startsWith("HTTP/")) {
      throw new HttpError(505, "HTTP version '" + shorten(version) + "' not supported; use 1.1");
    } else {
      throw HttpError.badRequest("malformed request line '" + shorten(line) + "'");
    }
    String target = parts[1];
    if (!target.startsWith("/")) {
      throw HttpError.badRequest("request target '" + shorten(target) + "' must start with /");
    }
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? null : target.substring(q + 1);
    return new Request(parts[0], path, query, keepAlive, length);
  }

  private HttpError tooLongLine() {
    return new HttpError(414, "the request line is longer than " + maxLine + " bytes");
  }

  private HttpError tooManyHeaders() {
    return new HttpError(431, "the request headers are longer than " + maxHeaders + " bytes");
  }

  private static long contentLength(String value) {
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
      throw HttpError.badRequest("malformed Content-Length '" + shorten(value) + "'");
    }
    return Long.parseLong(value);
  }

  /** The first LF in bytes {@code [from, to)}, or -1. */
  private static int indexOfLf(ByteBuffer buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf.get(i) == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Bytes {@code [from, lf)} as ISO-8859-1 text, without a CR before the LF. */
  private static String text(ByteBuffer buf, int from, int lf) {
    int end = lf > from && buf.get(lf - 1) == '\r' ? lf - 1 : lf;
    byte[] b = new byte[end - from];
    for (int i = 0; i < b.length; i++) {
      b[i] = buf.get(from + i);
    }
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** RFC 9110 token: a method or a header name. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Client text quoted in a message, cut to 100 characters. */
  static String shorten(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }
}
