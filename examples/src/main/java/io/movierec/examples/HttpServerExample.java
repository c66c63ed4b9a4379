package io.movierec.examples;

import io.movierec.io.AtomicFiles;
import io.movierec.recommend.Recommender;
import io.movierec.server.RecommenderServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PaddleRec's five online services as a JSON-over-HTTP endpoint: a {@link Recommender} loaded from
 * a bundle, served by movierec-server's {@link RecommenderServer}:
 *
 * <pre>
 *   GET /um?user=5                          the user's profile and how many movies they rated
 *   GET /cm?movies=1,2,3                    movie information; unknown ids listed in "missing"
 *   GET /recall?user=5&amp;n=100                the recall stage alone: closest movies by cosine
 *   GET /rank?user=5&amp;movies=1,2,3           the ranker's predicted ratings, best first
 *   GET /as?user=5&amp;k=10                     recommendations for a known user, or for a new one:
 *   GET /as?gender=M&amp;age=32&amp;occupation=5&amp;k=10
 *   GET /health, GET /metrics               liveness; request counts and latency percentiles
 * </pre>
 *
 * The server binds to 127.0.0.1 only: put a real gateway in front of it before exposing it. See
 * {@link RecommenderServer} for its limits, timeouts and error answers.
 *
 * <p>Run: {@code HttpServerExample [BUNDLE_DIR] [PORT]} (port 0 = any free one; default {@value
 * #DEFAULT_PORT}). Without a bundle, a small one is trained first, in a temporary directory removed
 * at the end. Ctrl-C (or SIGTERM) stops it gracefully.
 */
public final class HttpServerExample {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServerExample.class);

  /** The port {@code main} listens on without one given. */
  public static final int DEFAULT_PORT = RecommenderServer.DEFAULT_PORT;

  /** Threads serving requests at once; the Recommender itself is thread-safe. */
  public static final int THREADS = 4;

  private final RecommenderServer server;

  private HttpServerExample(RecommenderServer server) {
    this.server = server;
  }

  /**
   * Serves {@code recommender} on 127.0.0.1:{@code port} (0 = any free port) until {@link #stop}.
   */
  public static HttpServerExample start(Recommender recommender, int port) throws IOException {
    RecommenderServer server =
        RecommenderServer.newBuilder(recommender).withPort(port).withThreads(THREADS).build();
    server.start();
    return new HttpServerExample(server);
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** Stops taking requests, lets running ones finish, and stops the threads. */
  public void stop() {
    server.close();
  }

  /** Runs the server; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    Path bundle = null;
    int port = DEFAULT_PORT;
    for (String arg : args) { // a number is the port, anything else the bundle
      if (arg.matches("\\d+")) {
        port = Integer.parseInt(arg);
      } else {
        bundle = Path.of(arg);
      }
    }
    Path temp = bundle != null ? null : Files.createTempDirectory("movierec-");
    if (temp != null) {
      System.out.println("No bundle given: training a small one first.");
      bundle = temp.resolve("bundle");
      try (Recommender trained =
          QuickstartExample.train(temp, QuickstartExample.Size.SMALL, System.out)) {
        trained.save(bundle);
      }
    }
    Recommender recommender = Recommender.load(bundle);
    HttpServerExample server = start(recommender, port);
    // SIGTERM and Ctrl-C run shutdown hooks: finish the requests in flight, then free the models.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  recommender.close();
                  try {
                    if (temp != null) {
                      AtomicFiles.deleteRecursively(temp);
                    }
                  } catch (IOException e) {
                    LOG.warn("could not remove {}", temp, e);
                  }
                  System.out.println("stopped");
                }));
    String url = server.server.url();
    int user = recommender.users().size() > 0 ? recommender.users().ids()[0] : 1;
    System.out.println("serving " + bundle + " on " + url + "/ (Ctrl-C stops); try");
    System.out.println("  curl '" + url + "/as?user=" + user + "&k=5'");
    System.out.println("  curl '" + url + "/as?gender=F&age=27&occupation=2&k=5'");
    System.out.println("  curl '" + url + "/metrics'");
    // main returns; the server's (non-daemon) threads keep the JVM running until it is stopped.
  }
}
