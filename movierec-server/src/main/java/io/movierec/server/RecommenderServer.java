package io.movierec.server;

import io.movierec.recommend.BundleStores;
import io.movierec.recommend.MovieStoreView;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.UserStoreView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PaddleRec's five online services as a JSON-over-HTTP/1.1 service, on the JDK alone:
 *
 * <pre>
 *   GET /um?user=5                          the user's profile and how many movies they rated
 *   GET /cm?movies=1,2,3                    movie information; unknown ids listed in "missing"
 *   GET /recall?user=5&amp;n=100                the recall stage alone: closest movies by cosine
 *   GET /rank?user=5&amp;movies=1,2,3           the ranker's predicted ratings, best first
 *   GET /as?user=5&amp;k=10&amp;hide_genre=Horror   recommendations for a known user, or a new one:
 *   GET /as?gender=M&amp;age=32&amp;occupation=5&amp;k=10
 *   GET /health                             {"status":"ok",...}: the server is up
 *   GET /metrics                            requests per endpoint and status, latency p50/p90/p99/max
 * </pre>
 *
 * <p>One selector thread accepts connections and reads requests without blocking, so idle or slow
 * connections hold no worker; each complete request to one of the five operations goes to a pool of
 * {@code threads} workers with a queue of {@code queueCapacity} requests, and a request that finds
 * the queue full is answered 503 at once (with {@code Retry-After: 1}). {@code /health} and {@code
 * /metrics} are answered by the selector thread itself, so they answer under load too. Connections
 * are kept alive (HTTP/1.1) and may pipeline requests.
 *
 * <p>Limits: a request must arrive completely within the read timeout (else 408 and the connection
 * is closed); a kept-alive connection with no request is closed after the idle timeout; a request
 * line over its limit is a 414, headers over theirs a 431, a body over its a 413; more than {@code
 * maxConnections} open connections are refused with a 503. Every failure answers {@code
 * {"error":"...","status":N}}: 400 for a bad parameter (named) or malformed percent-encoding, 404
 * for an unknown user or path, 405 (with {@code Allow: GET}) for another method, 501 for an
 * operation the server cannot answer (no ranker, or only the bundle's stores).
 *
 * <p>{@link #close} stops accepting connections, closes idle ones, lets the requests in flight
 * finish and their answers be written (up to the shutdown timeout), then stops the threads. The
 * server does not close the {@link Recommender}: its owner does, after the server.
 *
 * <pre>{@code
 * try (Recommender r = Recommender.load(bundle);
 *     RecommenderServer server = RecommenderServer.newBuilder(r).withPort(8080).build()) {
 *   server.start();
 *   ...
 * }
 * }</pre>
 */
public final class RecommenderServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RecommenderServer.class);

  /** The port without {@link Builder#withPort}. */
  public static final int DEFAULT_PORT = 8080;

  /** The address without {@link Builder#withHost}: this machine only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Requests waiting for a worker before more are answered 503. */
  public static final int DEFAULT_QUEUE_CAPACITY = 64;

  /** How long a request may take to arrive, from its first byte (or the connection) to its last. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  /** How long a kept-alive connection may wait for its next request. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  /** How long {@link #close} waits for requests in flight. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  /** The longest request line (method, path and query, version), in bytes. */
  public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 8 * 1024;

  /** The longest header block, in bytes. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;

  /** The longest request body, in bytes (the operations take none). */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

  /** Connections open at once before more are refused. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;

  /** The most results ({@code k}, {@code n}) or movie ids one request may ask for. */
  public static final int MAX_ITEMS = 1000;

  /**
   * How long a connection closed after an error keeps reading (discarding) what the client sent.
   */
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private enum State {
    /** Waiting for the first byte of a request. */
    IDLE,
    /** Part of a request received. */
    READING,
    /** A worker is answering. */
    PROCESSING,
    /** The answer is being written. */
    WRITING,
    /** Answered and output shut down; discarding input until the client closes. */
    DRAINING
  }

  /** One client connection; touched only by the selector thread. */
  private static final class Connection {
    final SocketChannel channel;
    final SelectionKey key;
    ByteBuffer in;
    @Nullable ByteBuffer out;
    State state = State.IDLE;
    long deadline;
    boolean keepAlive = true;
    boolean closeAfterWrite;
    String endpoint = ServerMetrics.OTHER;
    long requestStart;
    boolean closed;

    Connection(SocketChannel channel, SelectionKey key) {
      this.channel = channel;
      this.key = key;
      this.in = ByteBuffer.allocate(2048);
    }
  }

  private final @Nullable Recommender recommender;
  private final Endpoints endpoints;
  private final ServerMetrics metrics;
  private final RequestParser parser;
  private final String host;
  private final int requestedPort;
  private final int threads;
  private final int queueCapacity;
  private final long readTimeoutNanos;
  private final long idleTimeoutNanos;
  private final long shutdownTimeoutNanos;
  private final int maxConnections;

  private final Object lifecycle = new Object();
  private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final Set<Connection> connections = new HashSet<>();
  private int inFlight;
  private volatile boolean closing;
  private @Nullable ThreadPoolExecutor pool;
  private @Nullable Selector selector;
  private @Nullable ServerSocketChannel serverChannel;
  private @Nullable Thread loop;
  private int port = -1;
  private boolean started;
  private boolean closed;

  private RecommenderServer(Builder b) {
    this.recommender = b.recommender;
    this.endpoints = new Endpoints(b.recommender, b.movies, b.users, MAX_ITEMS);
    List<String> names = new ArrayList<>(Endpoints.OPERATIONS);
    names.add("/health");
    names.add("/metrics");
    this.metrics = new ServerMetrics(names);
    this.parser = new RequestParser(b.maxRequestLineBytes, b.maxHeaderBytes, b.maxRequestBytes);
    this.host = b.host;
    this.requestedPort = b.port;
    this.threads = b.threads;
    this.queueCapacity = b.queueCapacity;
    this.readTimeoutNanos = b.readTimeout.toNanos();
    this.idleTimeoutNanos = b.idleTimeout.toNanos();
    this.shutdownTimeoutNanos = b.shutdownTimeout.toNanos();
    this.maxConnections = b.maxConnections;
  }

  /** A server for all five operations of {@code recommender}, which must outlive the server. */
  public static Builder newBuilder(Recommender recommender) {
    Objects.requireNonNull(recommender, "recommender");
    return new Builder(recommender, recommender.movieStore(), recommender.users());
  }

  /**
   * A server for a bundle's stores alone ({@link BundleStores#load}): it answers {@code /um} and
   * {@code /cm} without any model, and 501 for the operations that need one.
   */
  public static Builder newBuilder(BundleStores stores) {
    Objects.requireNonNull(stores, "stores");
    return new Builder(null, stores.movies(), stores.users());
  }

  /**
   * Binds the address and starts serving.
   *
   * @throws IOException if the address cannot be bound (say, the port is taken)
   * @throws IllegalStateException if the server was already started or closed
   */
  public void start() throws IOException {
    synchronized (lifecycle) {
      if (started || closed) {
        throw new IllegalStateException(
            closed ? "the server is closed" : "the server is already started");
      }
      ServerSocketChannel ch = ServerSocketChannel.open();
      Selector sel;
      try {
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        ch.bind(new InetSocketAddress(host, requestedPort), 256);
        ch.configureBlocking(false);
        sel = Selector.open();
        ch.register(sel, SelectionKey.OP_ACCEPT);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw new IOException(
            "cannot listen on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
      }
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor p =
          new ThreadPoolExecutor(
              threads,
              threads,
              0,
              TimeUnit.MILLISECONDS,
              new ArrayBlockingQueue<>(queueCapacity),
              task -> new Thread(task, "movierec-server-worker-" + n.incrementAndGet()));
      p.prestartAllCoreThreads();
      this.pool = p;
      this.selector = sel;
      this.serverChannel = ch;
      this.port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
      Thread t = new Thread(this::run, "movierec-server-" + port);
      this.loop = t;
      started = true;
      t.start();
      LOG.info(
          "serving on {} ({} threads, queue {}, {})",
          url(),
          threads,
          queueCapacity,
          recommender == null ? "stores only: /um and /cm" : "all operations");
    }
  }

  /**
   * The port the server listens on (the one chosen when built with port 0).
   *
   * @throws IllegalStateException if the server has not been started
   */
  public int port() {
    synchronized (lifecycle) {
      if (!started) {
        throw new IllegalStateException("the server has not been started");
      }
      return port;
    }
  }

  /** {@code http://host:port}, the address clients use. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port();
  }

  /** Requests waiting for a worker now. */
  int queuedRequests() {
    ThreadPoolExecutor p = pool;
    return p == null ? 0 : p.getQueue().size();
  }

  /** The requests answered with {@code status} at {@code endpoint} (a path) so far. */
  long answered(String endpoint, int status) {
    return metrics.count(endpoint, status);
  }

  /**
   * Stops accepting connections, closes idle ones, lets the requests in flight finish and their
   * answers be written (for up to the shutdown timeout), then stops the threads. Idempotent.
   */
  @Override
  public void close() {
    Thread t;
    ThreadPoolExecutor p;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      t = loop;
      p = pool;
    }
    closing = true;
    long deadline = System.nanoTime() + shutdownTimeoutNanos + TimeUnit.SECONDS.toNanos(1);
    try {
      if (t != null) {
        Selector sel = selector;
        if (sel != null) {
          sel.wakeup();
        }
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
      if (p != null) {
        p.shutdown();
        if (!p.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          LOG.warn("requests still running after the shutdown timeout; interrupting them");
          p.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (p != null) {
        p.shutdownNow();
      }
    }
    LOG.info("stopped serving on port {}", port);
  }

  // ---- the selector loop ----

  private void run() {
    Selector sel = Objects.requireNonNull(selector);
    ServerSocketChannel server = Objects.requireNonNull(serverChannel);
    long tick =
        Math.max(
            10,
            Math.min(
                250,
                TimeUnit.NANOSECONDS.toMillis(Math.min(readTimeoutNanos, idleTimeoutNanos)) / 4));
    long nextSweep = System.nanoTime();
    long shutdownDeadline = Long.MAX_VALUE;
    try {
      while (true) {
        if (closing && shutdownDeadline == Long.MAX_VALUE) {
          shutdownDeadline = System.nanoTime() + shutdownTimeoutNanos;
          server.close();
          for (Connection c : List.copyOf(connections)) {
            if (c.state == State.IDLE || c.state == State.READING || c.state == State.DRAINING) {
              close(c);
            }
          }
        }
        if (closing && (connections.isEmpty() || System.nanoTime() - shutdownDeadline >= 0)) {
          break;
        }
        sel.select(tick);
        Runnable task;
        while ((task = pending.poll()) != null) {
          task.run();
        }
        for (SelectionKey key : sel.selectedKeys()) {
          handle(key, server);
        }
        sel.selectedKeys().clear();
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
          sweep(now);
          nextSweep = now + TimeUnit.MILLISECONDS.toNanos(tick);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("the server's selector loop failed; stopping", e);
      closing = true;
    } finally {
      for (Connection c : List.copyOf(connections)) {
        close(c);
      }
      try {
        server.close();
        sel.close();
      } catch (IOException e) {
        LOG.debug("closing the listening socket", e);
      }
    }
  }

  private void handle(SelectionKey key, ServerSocketChannel server) {
    if (key.attachment() == null) {
      if (key.isValid() && key.isAcceptable()) {
        accept(server);
      }
      return;
    }
    Connection c = (Connection) key.attachment();
    try {
      if (key.isValid() && key.isReadable()) {
        read(c);
      }
      if (!c.closed && key.isValid() && key.isWritable()) {
        write(c);
      }
    } catch (IOException | CancelledKeyException e) {
      LOG.debug("connection failed", e);
      close(c);
    } catch (RuntimeException e) {
      LOG.warn("connection handling failed", e);
      close(c);
    }
  }

  private void accept(ServerSocketChannel server) {
    SocketChannel ch;
    try {
      ch = server.accept();
    } catch (IOException e) {
      LOG.warn("accepting a connection failed", e);
      return;
    }
    if (ch == null) {
      return;
    }
    try {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (connections.size() >= maxConnections || closing) {
        ch.write(
            frame(
                Response.error(
                    503, "too many connections (" + maxConnections + "); try again", retry()),
                false));
        ch.close();
        metrics.record(ServerMetrics.OTHER, 503, 0);
        return;
      }
      SelectionKey key = ch.register(Objects.requireNonNull(selector), SelectionKey.OP_READ);
      Connection c = new Connection(ch, key);
      key.attach(c);
      c.deadline = System.nanoTime() + readTimeoutNanos; // the first request comes at once
      connections.add(c);
    } catch (IOException e) {
      LOG.debug("setting up a connection failed", e);
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }

  private void read(Connection c) throws IOException {
    if (c.state == State.DRAINING) {
      c.in.clear();
      if (c.channel.read(c.in) < 0) {
        close(c);
      }
      c.in.clear();
      return;
    }
    if (c.state != State.IDLE && c.state != State.READING) {
      return;
    }
    if (!c.in.hasRemaining()) {
      int cap = Math.min(c.in.capacity() * 2, parser.maxRequestBytes());
      if (cap <= c.in.capacity()) {
        fail(c, new HttpError(413, "the request is larger than " + cap + " bytes"));
        return;
      }
      ByteBuffer bigger = ByteBuffer.allocate(cap);
      c.in.flip();
      bigger.put(c.in);
      c.in = bigger;
    }
    int n = c.channel.read(c.in);
    if (n < 0) {
      close(c);
      return;
    }
    if (n > 0) {
      parse(c);
    }
  }

  /** Parses what has arrived; dispatches a complete request. */
  private void parse(Connection c) {
    skipLeadingNewlines(c);
    if (c.in.position() == 0) {
      return;
    }
    if (c.state == State.IDLE) {
      c.state = State.READING;
      c.requestStart = System.nanoTime();
      c.deadline = c.requestStart + readTimeoutNanos;
    }
    RequestParser.Request r;
    try {
      r = parser.parse(c.in);
    } catch (HttpError e) {
      fail(c, e);
      return;
    }
    if (r == null) {
      return;
    }
    c.in.flip();
    c.in.position(r.length());
    c.in.compact();
    c.keepAlive = r.keepAlive();
    c.endpoint = metrics.endpointOf(r.path());
    c.requestStart = System.nanoTime();
    dispatch(c, r);
  }

  private void parseIfIdle(Connection c) {
    if (!c.closed && c.state == State.IDLE) {
      parse(c);
    }
  }

  /** A client may send empty lines before a request (RFC 9112 section 2.2). */
  private static void skipLeadingNewlines(Connection c) {
    int skip = 0;
    while (skip < c.in.position() && (c.in.get(skip) == '\r' || c.in.get(skip) == '\n')) {
      skip++;
    }
    if (skip > 0) {
      c.in.flip();
      c.in.position(skip);
      c.in.compact();
    }
  }

  private void dispatch(Connection c, RequestParser.Request r) {
    if (!r.method().equals("GET")) {
      respond(
          c,
          Response.error(
              405,
              "method " + RequestParser.shorten(r.method()) + " not allowed; use GET",
              Map.of("Allow", "GET")));
      return;
    }
    switch (r.path()) {
      case "/health" -> {
        respond(
            c,
            closing
                ? Response.error(503, "the server is shutting down")
                : Response.ok(endpoints.health()));
        return;
      }
      case "/metrics" -> {
        respond(c, Response.ok(metrics.json(connections.size(), inFlight, queuedRequests())));
        return;
      }
      default -> {}
    }
    if (!Endpoints.isOperation(r.path())) {
      respond(
          c,
          Response.error(
              404,
              "no endpoint "
                  + RequestParser.shorten(r.path())
                  + " (try /um, /cm, /recall, /rank, /as, /health or /metrics)"));
      return;
    }
    c.state = State.PROCESSING;
    c.deadline = Long.MAX_VALUE;
    c.key.interestOps(0);
    inFlight++;
    try {
      Objects.requireNonNull(pool).execute(() -> work(c, r));
    } catch (RejectedExecutionException e) {
      inFlight--;
      respond(
          c,
          Response.error(
              503,
              "the server is busy: "
                  + threads
                  + " requests running and "
                  + queueCapacity
                  + " waiting; try again",
              retry()));
    }
  }

  /** On a worker: answers the request and hands the answer to the selector thread. */
  private void work(Connection c, RequestParser.Request r) {
    Response answer;
    try {
      answer = endpoints.answer(r.path(), r.rawQuery());
    } catch (HttpError e) {
      answer = Response.error(e.status(), e.getMessage());
    } catch (UnsupportedOperationException e) {
      answer = Response.error(501, String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("{}?{} failed", r.path(), r.rawQuery(), e);
      answer = Response.error(500, "internal error: " + e);
    }
    Response done = answer;
    pending.add(
        () -> {
          inFlight--;
          respond(c, done);
        });
    Selector sel = selector;
    if (sel != null) {
      sel.wakeup();
    }
  }

  /** Answers a request that broke the protocol or a limit, then closes the connection. */
  private void fail(Connection c, HttpError e) {
    c.keepAlive = false;
    c.endpoint = ServerMetrics.OTHER;
    respond(c, Response.error(e.status(), e.getMessage()));
  }

  /** Starts writing {@code r} on the selector thread and counts it. */
  private void respond(Connection c, Response r) {
    long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - c.requestStart);
    metrics.record(c.endpoint, r.status(), micros);
    if (c.closed) {
      return;
    }
    c.closeAfterWrite = !c.keepAlive || closing;
    c.out = frame(r, !c.closeAfterWrite);
    c.state = State.WRITING;
    c.deadline = System.nanoTime() + readTimeoutNanos;
    try {
      write(c);
    } catch (IOException | CancelledKeyException e) {
      LOG.debug("writing an answer failed", e);
      close(c);
    }
  }

  private void write(Connection c) throws IOException {
    ByteBuffer out = c.out;
    if (c.state != State.WRITING || out == null) {
      return;
    }
    c.channel.write(out);
    if (out.hasRemaining()) {
      c.key.interestOps(SelectionKey.OP_WRITE);
      return;
    }
    c.out = null;
    if (c.closeAfterWrite) {
      // Shut the output and read what the client still sends for a moment before closing, so
      // that unread request bytes do not turn the close into a reset that loses the answer.
      c.channel.shutdownOutput();
      c.state = State.DRAINING;
      c.deadline = System.nanoTime() + LINGER_NANOS;
      c.key.interestOps(SelectionKey.OP_READ);
      return;
    }
    c.state = State.IDLE;
    c.deadline = System.nanoTime() + idleTimeoutNanos;
    c.key.interestOps(SelectionKey.OP_READ);
    if (c.in.position() > 0) {
      // A pipelined request already arrived: parse it on the next turn of the loop, not here,
      // so that a long pipeline cannot deepen the stack.
      pending.add(() -> parseIfIdle(c));
      Objects.requireNonNull(selector).wakeup();
    }
  }

  /** Applies the timeouts. */
  private void sweep(long now) {
    for (Connection c : List.copyOf(connections)) {
      if (c.closed || now - c.deadline < 0) {
        continue;
      }
      switch (c.state) {
        case READING ->
            fail(
                c,
                new HttpError(
                    408,
                    "the request did not arrive within "
                        + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos)
                        + " ms"));
        case IDLE, WRITING, DRAINING -> close(c);
        case PROCESSING -> {}
      }
    }
  }

  private void close(Connection c) {
    if (c.closed) {
      return;
    }
    c.closed = true;
    connections.remove(c);
    c.key.cancel();
    try {
      c.channel.close();
    } catch (IOException e) {
      LOG.debug("closing a connection", e);
    }
  }

  private static Map<String, String> retry() {
    return Map.of("Retry-After", "1");
  }

  /** The response's bytes: status line, headers, JSON body. */
  private static ByteBuffer frame(Response r, boolean keepAlive) {
    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder(160);
    h.append("HTTP/1.1 ")
        .append(r.status())
        .append(' ')
        .append(Response.reason(r.status()))
        .append("\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ")
        .append(body.length)
        .append("\r\nConnection: ")
        .append(keepAlive ? "keep-alive" : "close")
        .append("\r\n");
    r.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
    h.append("\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(head.length + body.length);
    b.put(head).put(body).flip();
    return b;
  }

  /** Settings of a {@link RecommenderServer}. */
  public static final class Builder {
    private final @Nullable Recommender recommender;
    private final MovieStoreView movies;
    private final UserStoreView users;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private int maxRequestLineBytes = DEFAULT_MAX_REQUEST_LINE_BYTES;
    private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    private Builder(@Nullable Recommender recommender, MovieStoreView movies, UserStoreView users) {
      this.recommender = recommender;
      this.movies = movies;
      this.users = users;
    }

    /** The address to listen on (127.0.0.1 by default; 0.0.0.0 for every interface). */
    public Builder withHost(String host) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host;
      return this;
    }

    /** The port, 0 for any free one ({@value RecommenderServer#DEFAULT_PORT} by default). */
    public Builder withPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Worker threads answering operations at once (the number of processors by default). */
    public Builder withThreads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads must be in 1..1024, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Requests that may wait for a worker before more are answered 503. */
    public Builder withQueueCapacity(int capacity) {
      if (capacity < 1 || capacity > 1_000_000) {
        throw new IllegalArgumentException("queue capacity must be in 1..1000000, got " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /** How long a request may take to arrive completely before it is answered 408. */
    public Builder withReadTimeout(Duration timeout) {
      this.readTimeout = positive("read timeout", timeout);
      return this;
    }

    /** How long a kept-alive connection may wait for its next request before it is closed. */
    public Builder withIdleTimeout(Duration timeout) {
      this.idleTimeout = positive("idle timeout", timeout);
      return this;
    }

    /** How long {@link RecommenderServer#close} waits for the requests in flight. */
    public Builder withShutdownTimeout(Duration timeout) {
      this.shutdownTimeout = positive("shutdown timeout", timeout);
      return this;
    }

    /** The longest request line in bytes; a longer one is answered 414. */
    public Builder withMaxRequestLineBytes(int bytes) {
      this.maxRequestLineBytes = limit("request line limit", bytes);
      return this;
    }

    /** The longest header block in bytes; a longer one is answered 431. */
    public Builder withMaxHeaderBytes(int bytes) {
      this.maxHeaderBytes = limit("header limit", bytes);
      return this;
    }

    /** The longest request body in bytes; a longer one is answered 413. */
    public Builder withMaxRequestBytes(int bytes) {
      if (bytes < 0 || bytes > 16 * 1024 * 1024) {
        throw new IllegalArgumentException("request body limit must be in 0..16 MiB, got " + bytes);
      }
      this.maxRequestBytes = bytes;
      return this;
    }

    /** Connections open at once; more are answered 503 and closed. */
    public Builder withMaxConnections(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("connection limit must be positive, got " + connections);
      }
      this.maxConnections = connections;
      return this;
    }

    /** The server, not yet started. */
    public RecommenderServer build() {
      return new RecommenderServer(this);
    }

    private static Duration positive(String what, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }

    private static int limit(String what, int bytes) {
      if (bytes < 64 || bytes > 1024 * 1024) {
        throw new IllegalArgumentException(what + " must be in 64..1048576 bytes, got " + bytes);
      }
      return bytes;
    }
  }
}
