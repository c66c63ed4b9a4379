package io.movierec.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.movierec.domain.AgeBucket;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import io.movierec.io.AtomicFiles;
import io.movierec.json.Json;
import io.movierec.recommend.MovieLookup;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.ScoredMovie;
import io.movierec.recommend.UnknownUserException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PaddleRec's five online services as one tiny JSON-over-HTTP endpoint, with nothing but the JDK's
 * {@link HttpServer} over a {@link Recommender}:
 *
 * <pre>
 *   GET /um?user=5                          the user's profile and how many movies they rated
 *   GET /cm?movies=1,2,3                    movie information; unknown ids listed in "missing"
 *   GET /recall?user=5&amp;n=100                the recall stage alone: closest movies by cosine
 *   GET /rank?user=5&amp;movies=1,2,3           the ranker's predicted ratings, best first
 *   GET /as?user=5&amp;k=10                     recommendations for a known user, or for a new one:
 *   GET /as?gender=M&amp;age=32&amp;occupation=5&amp;k=10
 * </pre>
 *
 * A bad parameter answers 400 with {@code {"error": "..."}} naming it; an unknown user id 404; a
 * method other than GET 405. The server binds to 127.0.0.1 only: put a real gateway in front of it
 * before exposing it.
 *
 * <p>Run: {@code HttpServerExample [BUNDLE_DIR] [PORT]} (port 0 = any free one; default {@value
 * #DEFAULT_PORT}). Without a bundle, a small one is trained first, in a temporary directory removed
 * at the end. Ctrl-C (or SIGTERM) stops it gracefully.
 */
public final class HttpServerExample {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServerExample.class);

  /** The port {@code main} listens on without one given. */
  public static final int DEFAULT_PORT = 8080;

  /** Threads serving requests at once; the Recommender itself is thread-safe. */
  public static final int THREADS = 4;

  /** The most results ({@code k}, {@code n}) or movie ids one request may ask for. */
  public static final int MAX_ITEMS = 1000;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Recommender recommender;

  private HttpServerExample(HttpServer server, ExecutorService executor, Recommender recommender) {
    this.server = server;
    this.executor = executor;
    this.recommender = recommender;
  }

  /**
   * Serves {@code recommender} on 127.0.0.1:{@code port} (0 = any free port) until {@link #stop}.
   */
  public static HttpServerExample start(Recommender recommender, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS, task -> new Thread(task, "movierec-http-" + threads.incrementAndGet()));
    HttpServerExample s = new HttpServerExample(server, executor, recommender);
    server.createContext("/", s::handle);
    server.setExecutor(executor);
    server.start();
    return s;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops taking requests, lets running ones finish (up to a second), and stops the threads. */
  public void stop() {
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    String url = "http://127.0.0.1:" + server.port();
    int user = recommender.users().size() > 0 ? recommender.users().ids()[0] : 1;
    System.out.println("serving " + bundle + " on " + url + "/ (Ctrl-C stops); try");
    System.out.println("  curl '" + url + "/as?user=" + user + "&k=5'");
    System.out.println("  curl '" + url + "/as?gender=F&age=27&occupation=2&k=5'");
    // main returns; the server's (non-daemon) threads keep the JVM running until it is stopped.
  }

  // ---- requests ----

  private void handle(HttpExchange exchange) throws IOException {
    int status = 200;
    String body;
    String path = exchange.getRequestURI().getPath();
    try {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        status = 405;
        body = error("method " + exchange.getRequestMethod() + " not allowed; use GET");
      } else {
        Query q = new Query(exchange.getRequestURI().getRawQuery());
        body =
            switch (path) {
              case "/um" -> userInfo(q);
              case "/cm" -> movieInfo(q);
              case "/recall" -> recall(q);
              case "/rank" -> rank(q);
              case "/as" -> recommend(q);
              default -> {
                status = 404;
                yield error("no endpoint " + path + " (try /um, /cm, /recall, /rank or /as)");
              }
            };
      }
    } catch (Query.BadRequest e) {
      status = 400;
      body = error(e.getMessage());
    } catch (UnknownUserException e) {
      status = 404;
      body = error(e.getMessage());
    } catch (UnsupportedOperationException e) {
      status = 501;
      body = error(e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("{} failed", exchange.getRequestURI(), e);
      status = 500;
      body = error("internal error: " + e);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  // {"user":5,"gender":"M","age":"25-34","occupation":"customer service","zip":"..","rated":20}
  private String userInfo(Query q) {
    q.allow("user");
    int id = q.integer("user");
    User u = recommender.users().user(id).orElseThrow(() -> new UnknownUserException(id));
    UserProfile p = u.profile(); // null when the data set did not record it
    return new Json.Obj()
        .num("user", u.id())
        .text("gender", p == null ? null : p.gender().code())
        .text("age", p == null ? null : p.age().label())
        .text("occupation", p == null ? null : p.occupation().label())
        .text("zip", u.zip())
        .num("rated", recommender.users().seenCount(id))
        .toString();
  }

  // {"movies":[{"movie":1,"title":"..","year":1995,"genres":["Comedy"]}],"missing":[7]}
  private String movieInfo(Query q) {
    q.allow("movies");
    MovieLookup lookup = recommender.movies(q.ids("movies", MAX_ITEMS));
    return new Json.Obj()
        .raw(
            "movies",
            Json.array(lookup.found().stream().map(m -> Json.movie(m).toString()).toList()))
        .raw("missing", ids(lookup.missing()))
        .toString();
  }

  // {"user":5,"movies":[{..movie..,"score":0.83}]}, score = cosine of user and movie vectors
  private String recall(Query q) {
    q.allow("user", "n");
    int user = q.integer("user");
    List<ScoredMovie> movies = recommender.recall(user, q.integer("n", 1, MAX_ITEMS, 100));
    return new Json.Obj().num("user", user).raw("movies", scored(movies)).toString();
  }

  // {"user":5,"movies":[{..movie..,"score":4.2}],"missing":[]}, score = predicted rating
  private String rank(Query q) {
    q.allow("user", "movies");
    int user = q.integer("user");
    int[] ids = q.ids("movies", MAX_ITEMS);
    if (recommender.ranker().isEmpty()) {
      throw new UnsupportedOperationException("this recommender has no ranker");
    }
    return new Json.Obj()
        .num("user", user)
        .raw("movies", scored(recommender.rank(user, ids)))
        .raw("missing", ids(recommender.movies(ids).missing()))
        .toString();
  }

  // {"user":5,"recommendations":[{..movie..,"recall_score":0.03,"watch_score":0.41,
  // "predicted_rating":4.1,"channels":["index","co-occurrence"]}]} (a score the recommender does
  // not have is null), or for a new user {"profile":{"gender":"M","age":"25-34","occupation":".."},
  // "recommendations":[..]}. hide_genre=Horror leaves out a genre: a filter applied before ranking,
  // so the list still has k movies.
  private String recommend(Query q) {
    Json.Obj o = new Json.Obj();
    List<Recommendation> recs;
    if (q.has("user")) {
      q.allow("user", "k", "hide_genre");
      int user = q.integer("user");
      recs = recommender.recommend(user, q.integer("k", 1, MAX_ITEMS, 10), hidden(q));
      o.num("user", user);
    } else {
      q.allow("gender", "age", "occupation", "k", "hide_genre");
      // Any age in years maps onto MovieLens' buckets; occupations are ml-1m's codes 0..20.
      UserProfile p =
          new UserProfile(
              q.gender("gender"),
              AgeBucket.fromYears(q.integer("age", 0, 150)),
              Occupation.fromCode(q.integer("occupation", 0, 20)));
      recs = recommender.recommend(p, q.integer("k", 1, MAX_ITEMS, 10), hidden(q));
      o.raw(
          "profile",
          new Json.Obj()
              .text("gender", p.gender().code())
              .text("age", p.age().label())
              .text("occupation", p.occupation().label())
              .toString());
    }
    return o.raw(
            "recommendations",
            Json.array(
                recs.stream()
                    .map(
                        r ->
                            Json.movie(r.movie())
                                .num("recall_score", r.recallScore())
                                .num("watch_score", r.watchScore())
                                .num("predicted_rating", r.predictedRating())
                                .raw(
                                    "channels",
                                    Json.array(r.channels().stream().map(Json::string).toList()))
                                .toString())
                    .toList()))
        .toString();
  }

  /** The filter of a {@code hide_genre} parameter: the movies not of that genre; null if none. */
  private static java.util.function.@org.jspecify.annotations.Nullable Predicate<
          io.movierec.domain.Movie>
      hidden(Query q) {
    if (!q.has("hide_genre")) {
      return null;
    }
    String label = q.text("hide_genre");
    io.movierec.domain.Genre g =
        io.movierec.domain.Genre.fromLabel(label)
            .orElseThrow(() -> new Query.BadRequest("unknown genre '" + label + "'"));
    return m -> !m.genres().contains(g);
  }

  private static String scored(List<ScoredMovie> movies) {
    return Json.array(
        movies.stream()
            .map(s -> Json.movie(s.movie()).num("score", s.score()).toString())
            .toList());
  }

  private static String ids(List<Integer> ids) {
    return Json.array(ids.stream().map(String::valueOf).toList());
  }

  private static String error(String message) {
    return new Json.Obj().text("error", message).toString();
  }
}
