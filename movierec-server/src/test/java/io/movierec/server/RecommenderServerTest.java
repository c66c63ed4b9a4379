package io.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.movierec.domain.UserProfile;
import io.movierec.recommend.BundleMismatchException;
import io.movierec.recommend.BundleStores;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.ScoredMovie;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP service over a small recommender on stand-in models, through real sockets. */
class RecommenderServerTest {

  /** A strict reader: no trailing text, no duplicate keys. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static Recommender recommender;
  private static RecommenderServer server;

  @BeforeAll
  static void start() throws IOException {
    recommender = new SmallRecommender().build();
    server = RecommenderServer.newBuilder(recommender).withPort(0).withThreads(4).build();
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
    recommender.close();
  }

  // ---- the five operations ----

  @Test
  void umAnswersTheUsersProfileAndRatingCount() throws Exception {
    Map<String, Object> o = object(ok(server, "/um?user=4"));
    UserProfile p = recommender.users().user(4).orElseThrow().profile();
    assertThat(o)
        .containsEntry("user", 4)
        .containsEntry("gender", p.gender().code())
        .containsEntry("age", p.age().label())
        .containsEntry("occupation", p.occupation().label())
        .containsEntry("zip", "01004")
        .containsEntry("rated", recommender.users().seenCount(4));
  }

  @Test
  void cmListsTheMoviesFoundAndTheIdsMissing() throws Exception {
    Map<String, Object> o = object(ok(server, "/cm?movies=3,1,5000"));
    assertThat(movieIds(o.get("movies"))).containsExactly(3, 1);
    assertThat(maps(o.get("movies")).get(0))
        .containsEntry("title", "Movie 3 (1943)")
        .containsEntry("year", 1943);
    assertThat(o.get("missing")).isEqualTo(List.of(5000));
  }

  @Test
  void recallAnswersTheRecommendersClosestMovies() throws Exception {
    Map<String, Object> o = object(ok(server, "/recall?user=7&n=12"));
    assertThat(movieIds(o.get("movies")))
        .hasSize(12)
        .isEqualTo(recommender.recall(7, 12).stream().map(s -> s.movie().id()).toList());
  }

  @Test
  void rankScoresTheGivenMoviesBestFirstAndListsTheMissing() throws Exception {
    Map<String, Object> o = object(ok(server, "/rank?user=2&movies=9,4,30,7000"));
    List<ScoredMovie> expected = recommender.rank(2, 9, 4, 30);
    assertThat(movieIds(o.get("movies")))
        .containsExactly(4, 9, 30)
        .isEqualTo(expected.stream().map(s -> s.movie().id()).toList());
    assertThat(o.get("missing")).isEqualTo(List.of(7000));
  }

  @Test
  void asForAKnownUserAnswersWhatTheRecommenderDoes() throws Exception {
    Map<String, Object> o = object(ok(server, "/as?user=11&k=6"));
    List<Recommendation> expected = recommender.recommend(11, 6);
    assertThat(o).containsEntry("user", 11);
    assertThat(maps(o.get("recommendations")).get(0))
        .containsKeys("recall_score", "watch_score", "predicted_rating", "combined_score")
        .containsEntry("channels", List.of("index"));
    assertThat(movieIds(o.get("recommendations")))
        .hasSize(6)
        .isEqualTo(expected.stream().map(r -> r.movie().id()).toList());
  }

  @Test
  void asForANewUserEchoesTheProfile() throws Exception {
    Map<String, Object> o = object(ok(server, "/as?gender=F&age=27&occupation=2&k=5"));
    assertThat(o.get("profile"))
        .isEqualTo(Map.of("gender", "F", "age", "25-34", "occupation", "artist"));
    assertThat(movieIds(o.get("recommendations")))
        .isEqualTo(
            recommender.recommend(UserProfile.of("F", 27, 2), 5).stream()
                .map(r -> r.movie().id())
                .toList());
  }

  @Test
  void healthSaysOkAndTheCatalogueSize() throws Exception {
    Map<String, Object> o = object(ok(server, "/health"));
    assertThat(o).containsEntry("status", "ok").containsEntry("movies", 60);
    assertThat(o.get("operations")).isEqualTo(List.of("/um", "/cm", "/recall", "/rank", "/as"));
  }

  @Test
  void metricsCountRequestsPerEndpointAndStatusWithLatencies() throws Exception {
    try (Recommender r = new SmallRecommender().build();
        RecommenderServer s = RecommenderServer.newBuilder(r).withPort(0).build()) {
      s.start();
      for (int i = 0; i < 3; i++) {
        ok(s, "/um?user=1");
      }
      get(s, "/um?user=x");
      Map<String, Object> m = object(ok(s, "/metrics"));
      Map<String, Object> um = map(map(m.get("endpoints")).get("/um"));
      assertThat(um).containsEntry("requests", 4);
      assertThat(um.get("statuses")).isEqualTo(Map.of("200", 3, "400", 1));
      assertThat(map(um.get("latency_ms"))).containsOnlyKeys("p50", "p90", "p99", "max");
      assertThat(map(m.get("endpoints"))).doesNotContainKey("/as");
    }
  }

  // ---- errors ----

  static Stream<Arguments> badRequests() {
    String host = "Host: x\r\n";
    return Stream.of(
        Arguments.of("GET /um?user=%zz HTTP/1.1\r\n" + host + "\r\n", 400, "percent-encoding"),
        Arguments.of("GET /um?user=abc HTTP/1.1\r\n" + host + "\r\n", 400, "'user'"),
        Arguments.of("GET /um?user=1&user=2 HTTP/1.1\r\n" + host + "\r\n", 400, "more than once"),
        Arguments.of("GET /as?user=1&k=0 HTTP/1.1\r\n" + host + "\r\n", 400, "'k'"),
        Arguments.of("GARBAGE\r\n\r\n", 400, "request line"),
        Arguments.of("GET /um?user=12345 HTTP/1.1\r\n" + host + "\r\n", 404, "12345"),
        Arguments.of("GET /nowhere HTTP/1.1\r\n" + host + "\r\n", 404, "/nowhere"),
        Arguments.of(
            "POST /as?user=1 HTTP/1.1\r\n" + host + "Content-Length: 2\r\n\r\n{}", 405, "POST"),
        Arguments.of(
            "GET /cm?movies=" + "1,".repeat(5000) + "1 HTTP/1.1\r\n" + host + "\r\n",
            414,
            "request line"),
        Arguments.of(
            "GET /um?user=1 HTTP/1.1\r\n" + host + "X-Big: " + "y".repeat(20_000) + "\r\n\r\n",
            431,
            "headers"),
        Arguments.of(
            "GET /um?user=1 HTTP/1.1\r\n" + host + "Content-Length: 100000\r\n\r\n", 413, "body"),
        Arguments.of(
            "GET /um?user=1 HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n",
            501,
            "Transfer-Encoding"),
        Arguments.of("GET /um?user=1 HTTP/2.0\r\n" + host + "\r\n", 505, "version"));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void answersEachBadRequestWithAJsonErrorAndItsStatus(String request, int status, String says)
      throws Exception {
    RawHttp.Reply r = RawHttp.exchange(server.port(), request);
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.headers()).containsEntry("content-type", "application/json; charset=utf-8");
    Map<String, Object> o = object(r.body());
    assertThat(o).containsOnlyKeys("error", "status").containsEntry("status", status);
    assertThat((String) o.get("error")).contains(says);
  }

  @Test
  void answers405WithAllowGet() throws Exception {
    RawHttp.Reply r =
        RawHttp.exchange(server.port(), "DELETE /um?user=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.headers()).containsEntry("allow", "GET");
  }

  @Test
  void answers408WhenARequestDoesNotArriveWithinTheReadTimeout() throws Exception {
    try (Recommender r = new SmallRecommender().build();
        RecommenderServer s =
            RecommenderServer.newBuilder(r)
                .withPort(0)
                .withReadTimeout(Duration.ofMillis(300))
                .build()) {
      s.start();
      try (Socket socket = new Socket("127.0.0.1", s.port())) {
        socket.setSoTimeout(5_000);
        socket
            .getOutputStream()
            .write("GET /um?user=1 HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Reply reply = RawHttp.read(socket.getInputStream());
        assertThat(reply.status()).isEqualTo(408);
        assertThat(object(reply.body())).containsEntry("status", 408);
        assertThat(socket.getInputStream().read()).as("closed after the 408").isEqualTo(-1);
      }
    }
  }

  // ---- serving ----

  @Test
  void idleAndHalfSentConnectionsDoNotHoldTheWorkers() throws Exception {
    try (Recommender r = new SmallRecommender().build();
        RecommenderServer s = RecommenderServer.newBuilder(r).withPort(0).withThreads(2).build()) {
      s.start();
      List<Socket> hogs = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          hogs.add(new Socket("127.0.0.1", s.port()));
          Socket half = new Socket("127.0.0.1", s.port());
          half.getOutputStream().write("GET /um?us".getBytes(StandardCharsets.US_ASCII));
          hogs.add(half);
        }
        long start = System.nanoTime();
        HttpResponse<String> answer = get(s, "/um?user=1");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      } finally {
        for (Socket h : hogs) {
          h.close();
        }
      }
    }
  }

  @Test
  void answers503WhenTheQueueIsFull() throws Exception {
    SmallRecommender fixture = new SmallRecommender();
    try (Recommender r = fixture.build();
        RecommenderServer s =
            RecommenderServer.newBuilder(r)
                .withPort(0)
                .withThreads(1)
                .withQueueCapacity(1)
                .build()) {
      s.start();
      String slow = "/recall?user=" + SmallRecommender.SLOW_USER + "&n=3";
      CompletableFuture<HttpResponse<String>> running = getAsync(s, slow);
      fixture.awaitSlowRequest();
      CompletableFuture<HttpResponse<String>> queued = getAsync(s, "/um?user=1");
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (s.queuedRequests() < 1 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      HttpResponse<String> refused = get(s, "/um?user=2");
      fixture.release();
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(object(refused.body())).containsEntry("status", 503);
      assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(queued.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void eightConcurrentClientsGetTheSameAnswersAsOne() throws Exception {
    List<String> paths = new ArrayList<>();
    for (int u = 1; u <= 30; u += 3) {
      paths.add("/um?user=" + u);
      paths.add("/cm?movies=" + u + "," + (u + 1) + ",999");
      paths.add("/recall?user=" + u + "&n=10");
      paths.add("/rank?user=" + u + "&movies=1,2,3," + (u + 10));
      paths.add("/as?user=" + u + "&k=8");
      paths.add("/as?gender=M&age=" + (20 + u) + "&occupation=" + (u % 21));
    }
    List<String> alone = new ArrayList<>();
    for (String p : paths) {
      alone.add(ok(server, p));
    }
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<Map<String, String>>> results = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        List<String> order = new ArrayList<>(paths);
        Collections.shuffle(order, new Random(c));
        results.add(
            clients.submit(
                () -> {
                  HttpClient own =
                      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                  Map<String, String> bodies = new java.util.HashMap<>();
                  for (String p : order) {
                    HttpResponse<String> r =
                        own.send(
                            HttpRequest.newBuilder(URI.create(server.url() + p)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(p).isEqualTo(200);
                    bodies.put(p, r.body());
                  }
                  return bodies;
                }));
      }
      for (Future<Map<String, String>> f : results) {
        Map<String, String> bodies = f.get(60, TimeUnit.SECONDS);
        for (int i = 0; i < paths.size(); i++) {
          assertThat(bodies.get(paths.get(i))).as(paths.get(i)).isEqualTo(alone.get(i));
        }
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void answersPipelinedRequestsInOrderOnOneConnection() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /um?user=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /um?user=2 HTTP/1.1\r\nHost: x\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      assertThat(object(RawHttp.read(in).body())).containsEntry("user", 1);
      assertThat(object(RawHttp.read(in).body())).containsEntry("user", 2);
    }
  }

  @Test
  void closeFinishesTheRequestInFlightAndRefusesNewConnections() throws Exception {
    SmallRecommender fixture = new SmallRecommender();
    try (Recommender r = fixture.build()) {
      RecommenderServer s = RecommenderServer.newBuilder(r).withPort(0).withThreads(2).build();
      s.start();
      int port = s.port();
      CompletableFuture<HttpResponse<String>> inFlight =
          getAsync(s, "/as?user=" + SmallRecommender.SLOW_USER + "&k=3");
      fixture.awaitSlowRequest();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      boolean refused = false;
      while (!refused && System.nanoTime() < until) {
        try {
          new Socket("127.0.0.1", port).close();
          Thread.sleep(10);
        } catch (ConnectException e) {
          refused = true;
        }
      }
      assertThat(refused).as("new connections refused while closing").isTrue();
      assertThat(closing).isNotDone();
      fixture.release();
      HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(movieIds(object(answer.body()).get("recommendations"))).hasSize(3);
      closing.get(10, TimeUnit.SECONDS);
    }
  }

  // ---- a bundle's stores alone ----

  @Test
  void aServerOverABundlesStoresAnswersUmAndCmAsTheFullOne(@TempDir Path dir) throws Exception {
    recommender.save(dir.resolve("bundle"));
    BundleStores stores = BundleStores.load(dir.resolve("bundle"));
    try (RecommenderServer s = RecommenderServer.newBuilder(stores).withPort(0).build()) {
      s.start();
      for (String p : List.of("/um?user=3", "/um?user=28", "/cm?movies=5,6,700")) {
        assertThat(ok(s, p)).as(p).isEqualTo(ok(server, p));
      }
      HttpResponse<String> as = get(s, "/as?user=3");
      assertThat(as.statusCode()).isEqualTo(501);
      assertThat((String) object(as.body()).get("error")).contains("only the bundle's stores");
    }
  }

  @Test
  void bundleStoresRefuseAStoreThatIsNotTheOneTheManifestRecords(@TempDir Path dir)
      throws Exception {
    Path bundle = dir.resolve("bundle");
    recommender.save(bundle);
    try (Stream<Path> files = Files.list(bundle)) {
      Path users =
          files
              .filter(f -> f.getFileName().toString().startsWith("users-"))
              .findFirst()
              .orElseThrow();
      byte[] b = Files.readAllBytes(users);
      b[b.length / 2] ^= 1;
      Files.write(users, b);
    }
    assertThatThrownBy(() -> BundleStores.load(bundle))
        .isInstanceOf(BundleMismatchException.class)
        .hasMessageContaining("users");
  }

  // ---- helpers ----

  private static HttpResponse<String> get(RecommenderServer s, String path)
      throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static CompletableFuture<HttpResponse<String>> getAsync(
      RecommenderServer s, String path) {
    return HttpClient.newHttpClient()
        .sendAsync(
            HttpRequest.newBuilder(URI.create(s.url() + path))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The body of a GET that must answer 200. */
  private static String ok(RecommenderServer s, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> r = get(s, path);
    assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
    return r.body();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String json) throws IOException {
    Object value = JSON.readValue(json, Object.class);
    assertThat(value).as(json).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object jsonArray) {
    return (List<Map<String, Object>>) jsonArray;
  }

  private static List<Integer> movieIds(Object jsonArray) {
    return maps(jsonArray).stream().map(m -> (Integer) m.get("movie")).toList();
  }
}
