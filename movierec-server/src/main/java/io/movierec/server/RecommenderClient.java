package io.movierec.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A client for a {@link RecommenderServer}: GET requests over one kept-alive HTTP/1.1 connection,
 * opened on first use and opened again when the server has closed it. One request at a time (not
 * thread-safe; use one client per thread).
 *
 * <pre>{@code
 * try (RecommenderClient c = RecommenderClient.connect("http://127.0.0.1:8080")) {
 *   RecommenderClient.Reply r = c.get(RecommenderClient.path("/as", Map.of("user", "5")));
 * }
 * }</pre>
 */
public final class RecommenderClient implements AutoCloseable {

  /** The longest answer read, in bytes. */
  public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param body the JSON text
   */
  public record Reply(int status, String body) {

    /** True for a 200. */
    public boolean ok() {
      return status == 200;
    }
  }

  private final String host;
  private final int port;
  private final int timeoutMillis;
  private @Nullable Socket socket;
  private @Nullable InputStream in;
  private @Nullable OutputStream out;

  private RecommenderClient(String host, int port, Duration timeout) {
    this.host = host;
    this.port = port;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }

  /** A client for the server at {@code url} ({@code http://host:port}), 30 s timeouts. */
  public static RecommenderClient connect(String url) {
    return connect(url, Duration.ofSeconds(30));
  }

  /**
   * A client for the server at {@code url} ({@code http://host:port}, no path); {@code timeout}
   * bounds connecting and each wait for bytes of an answer.
   *
   * @throws IllegalArgumentException if the URL is not {@code http://host:port}
   */
  public static RecommenderClient connect(String url, Duration timeout) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed URL '" + url + "': " + e.getMessage(), e);
    }
    if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException(
          "URL '" + url + "' must be http://HOST:PORT (https is not served)");
    }
    String path = u.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || u.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "URL '" + url + "' must have no path or query: the operation adds them");
    }
    String h = u.getHost();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return new RecommenderClient(h, u.getPort() < 0 ? 80 : u.getPort(), timeout);
  }

  /**
   * {@code path?name=value&...} with names and values percent-encoded, in the map's order.
   *
   * @param path an endpoint such as {@code /as}
   */
  public static String path(String path, Map<String, String> params) {
    if (params.isEmpty()) {
      return path;
    }
    StringJoiner j = new StringJoiner("&", path + "?", "");
    params.forEach((k, v) -> j.add(encode(k) + "=" + encode(v)));
    return j.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Sends {@code GET pathAndQuery} and reads the answer. A kept-alive connection the server has
   * closed meanwhile is opened again once.
   *
   * @throws IOException if the server cannot be reached or answers something that is not HTTP
   */
  public Reply get(String pathAndQuery) throws IOException {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("'" + pathAndQuery + "' must start with /");
    }
    boolean reused = socket != null;
    try {
      return exchange(pathAndQuery);
    } catch (IOException e) {
      close();
      if (!reused || e instanceof SocketTimeoutException) {
        throw e;
      }
      return exchange(pathAndQuery); // the server closed an idle connection: once more, fresh
    }
  }

  private Reply exchange(String pathAndQuery) throws IOException {
    if (socket == null) {
      Socket s = new Socket();
      try {
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        s.setSoTimeout(timeoutMillis);
      } catch (IOException e) {
        s.close();
        throw new IOException(
            "cannot connect to http://" + host + ":" + port + ": " + e.getMessage(), e);
      }
      socket = s;
      in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
      out = s.getOutputStream();
    }
    String hostHeader = host.contains(":") ? "[" + host + "]" : host;
    byte[] request =
        ("GET "
                + pathAndQuery
                + " HTTP/1.1\r\nHost: "
                + hostHeader
                + ":"
                + port
                + "\r\nAccept: application/json\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    OutputStream o = out;
    InputStream i = in;
    if (o == null || i == null) {
      throw new IOException("not connected");
    }
    o.write(request);
    o.flush();
    String statusLine = line(i);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: '" + statusLine + "'");
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status line: '" + statusLine + "'", e);
    }
    long length = -1;
    boolean close = statusLine.startsWith("HTTP/1.0");
    for (String h = line(i); !h.isEmpty(); h = line(i)) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line '" + h + "'");
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        try {
          length = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new IOException("malformed Content-Length '" + value + "'", e);
        }
      } else if (name.equals("connection")) {
        close = value.toLowerCase(Locale.ROOT).contains("close");
      } else if (name.equals("transfer-encoding")) {
        throw new IOException("chunked answers are not read; is this a movierec server?");
      }
    }
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new IOException("answer without a usable Content-Length (" + length + ")");
    }
    byte[] body = i.readNBytes((int) length);
    if (body.length != length) {
      throw new IOException("answer cut short: " + body.length + " of " + length + " bytes");
    }
    if (close) {
      close();
    }
    return new Reply(status, new String(body, StandardCharsets.UTF_8));
  }

  /** One CRLF-ended line, without the CRLF. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed by the server");
      }
      if (c == '\n') {
        break;
      }
      if (b.size() > 64 * 1024) {
        throw new IOException("header line longer than 64 KiB");
      }
      b.write(c);
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** Closes the connection; the next request opens a new one. */
  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    in = null;
    out = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing: nothing more to do
      }
    }
  }
}
