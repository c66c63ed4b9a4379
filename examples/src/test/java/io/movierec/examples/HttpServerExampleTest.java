package io.movierec.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.ScoredMovie;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP endpoint over a small trained recommender, through a real HTTP client. */
class HttpServerExampleTest {

  /** A movie whose title needs every kind of JSON escaping. */
  private static final Movie AWKWARD =
      Movie.of(
          90_001,
          "Say \"Cheese\" \\ Back\tslash\nNew line \u0001 caf\u00e9 \ud83c\udfac (2001)",
          List.of(Genre.COMEDY));

  /** A user whose data set recorded no profile. */
  private static final int FACELESS = 90_002;

  @TempDir static Path dir;
  private static TinyModels models;
  private static Recommender recommender;
  private static HttpServerExample server;

  /** A strict reader: no trailing text, no duplicate keys, no NaN. */
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

  @BeforeAll
  static void start() throws IOException {
    models = TinyModels.train(dir);
    recommender = models.open(true);
    recommender.addMovie(AWKWARD);
    recommender.addUser(User.withoutProfile(FACELESS));
    server = HttpServerExample.start(recommender, 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
    if (recommender != null) {
      recommender.close();
    }
  }

  // ---- the five operations ----

  @Test
  void umAnswersTheUsersProfileAndRatingCount() throws Exception {
    int user = recommender.users().ids()[0];
    UserProfile p = recommender.users().user(user).orElseThrow().profile();
    Map<String, Object> o = object(ok("/um?user=" + user));
    assertThat(o)
        .containsEntry("user", user)
        .containsEntry("gender", p.gender().code())
        .containsEntry("age", p.age().label())
        .containsEntry("occupation", p.occupation().label())
        .containsEntry("rated", recommender.users().seenCount(user));
  }

  @Test
  void umAnswersNullsForAUserWithoutAProfile() throws Exception {
    Map<String, Object> o = object(ok("/um?user=" + FACELESS));
    assertThat(o)
        .containsEntry("gender", null)
        .containsEntry("age", null)
        .containsEntry("occupation", null)
        .containsEntry("rated", 0);
  }

  @Test
  void cmListsTheMoviesFoundAndTheIdsMissing() throws Exception {
    Map<String, Object> o = object(ok("/cm?movies=2,1,999999"));
    assertThat(movieIds(o.get("movies"))).containsExactly(2, 1);
    assertThat(o.get("missing")).isEqualTo(List.of(999999));
    Map<String, Object> first = maps(o.get("movies")).get(0);
    Movie two = recommender.movieStore().get(2).orElseThrow();
    assertThat(first)
        .containsEntry("title", two.title())
        .containsEntry("year", two.year() == 0 ? null : two.year());
    assertThat(first.get("genres")).isEqualTo(two.genres().stream().map(Genre::label).toList());
  }

  @Test
  void cmEscapesTitlesSoTheyReadBackExactly() throws Exception {
    Map<String, Object> o = object(ok("/cm?movies=" + AWKWARD.id()));
    assertThat(maps(o.get("movies")).get(0)).containsEntry("title", AWKWARD.title());
  }

  @Test
  void recallAnswersNMoviesTheUserHasNotSeenClosestFirst() throws Exception {
    int user = recommender.users().ids()[1];
    Map<String, Object> o = object(ok("/recall?user=" + user + "&n=20"));
    List<Map<String, Object>> movies = maps(o.get("movies"));
    assertThat(movies).hasSize(20);
    assertThat(movieIds(movies))
        .noneMatch(id -> recommender.users().hasSeen(user, id))
        .isEqualTo(recommender.recall(user, 20).stream().map(s -> s.movie().id()).toList());
    assertThat(scores(movies, "score")).isSortedAccordingTo((a, b) -> Float.compare(b, a));
  }

  @Test
  void recallAnswersAHundredMoviesByDefault() throws Exception {
    int user = recommender.users().ids()[1];
    assertThat(maps(object(ok("/recall?user=" + user)).get("movies"))).hasSize(100);
  }

  @Test
  void rankScoresTheGivenMoviesBestFirstAndListsTheMissing() throws Exception {
    int user = recommender.users().ids()[2];
    Map<String, Object> o = object(ok("/rank?user=" + user + "&movies=1,2,3,999999"));
    List<ScoredMovie> expected = recommender.rank(user, 1, 2, 3);
    List<Map<String, Object>> movies = maps(o.get("movies"));
    assertThat(movieIds(movies)).isEqualTo(expected.stream().map(s -> s.movie().id()).toList());
    assertThat(scores(movies, "score"))
        .containsExactlyElementsOf(expected.stream().map(ScoredMovie::score).toList());
    assertThat(o.get("missing")).isEqualTo(List.of(999999));
  }

  @Test
  void asForAKnownUserAnswersWhatTheRecommenderDoes() throws Exception {
    int user = recommender.users().ids()[3];
    Map<String, Object> o = object(ok("/as?user=" + user + "&k=7"));
    assertThat(o).containsEntry("user", user);
    List<Map<String, Object>> recs = maps(o.get("recommendations"));
    List<Recommendation> expected = recommender.recommend(user, 7);
    assertThat(movieIds(recs)).isEqualTo(expected.stream().map(r -> r.movie().id()).toList());
    assertThat(scores(recs, "predicted_rating"))
        .containsExactlyElementsOf(expected.stream().map(Recommendation::predictedRating).toList());
  }

  @Test
  void asNamesTheChannelsOfEachMovieAndLeavesOutAHiddenGenre() throws Exception {
    int user = recommender.users().ids()[3];
    List<Map<String, Object>> recs =
        maps(object(ok("/as?user=" + user + "&k=12&hide_genre=Drama")).get("recommendations"));
    assertThat(recs).hasSize(12);
    assertThat(recs)
        .allSatisfy(r -> assertThat(r.get("genres").toString()).doesNotContain("Drama"));
    assertThat(recs).allSatisfy(r -> assertThat(r.get("channels").toString()).contains("index"));
    assertThat(recs).allSatisfy(r -> assertThat(r).containsKeys("watch_score", "recall_score"));
  }

  @Test
  void asForANewUserEchoesTheProfileAndAnswersTenByDefault() throws Exception {
    Map<String, Object> o = object(ok("/as?gender=M&age=32&occupation=5"));
    assertThat(o.get("profile"))
        .isEqualTo(Map.of("gender", "M", "age", "25-34", "occupation", "customer service"));
    assertThat(movieIds(o.get("recommendations")))
        .isEqualTo(
            recommender.recommend(UserProfile.of("M", 32, 5), 10).stream()
                .map(r -> r.movie().id())
                .toList());
  }

  @Test
  void answersJsonWithItsContentType() throws Exception {
    HttpResponse<String> r = get("/um?user=" + recommender.users().ids()[0]);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
  }

  // ---- errors ----

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/um                                        | user",
        "/um?user=abc                               | user",
        "/um?user=1&bogus=2                         | bogus",
        "/um?user=1&user=2                          | user",
        "/cm?movies=1,x                             | movies",
        "/cm?movies=                                | movies",
        "/recall?user=1&n=0                         | n",
        "/recall?user=1&n=1001                      | n",
        "/rank?user=1                               | movies",
        "/as?user=1&k=ten                           | k",
        "/as?gender=X&age=30&occupation=1           | gender",
        "/as?gender=M&age=-3&occupation=1           | age",
        "/as?gender=M&age=30&occupation=21          | occupation",
        "/as?gender=M&age=30                        | occupation",
        "/as?age=30&occupation=1                    | gender"
      })
  void answers400NamingTheBadParameter(String path, String parameter) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(400);
    assertThat((String) object(r.body()).get("error")).as(path).contains(parameter);
  }

  @Test
  void answers404ForAnUnknownUser() throws Exception {
    for (String path :
        List.of(
            "/um?user=999999",
            "/recall?user=999999",
            "/rank?user=999999&movies=1",
            "/as?user=999999")) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat((String) object(r.body()).get("error")).as(path).contains("999999");
    }
  }

  @Test
  void answers404ForAnUnknownEndpoint() throws Exception {
    HttpResponse<String> r = get("/recommend?user=1");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat((String) object(r.body()).get("error")).contains("/recommend");
  }

  @Test
  void answers405WithAllowGetForOtherMethods() throws Exception {
    for (String method : List.of("POST", "PUT", "DELETE")) {
      HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(uri("/as?user=1"))
                  .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(method).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).as(method).hasValue("GET");
      assertThat(object(r.body())).as(method).containsKey("error");
    }
  }

  @Test
  void answers501ForRankWhenTheRecommenderHasNoRanker() throws Exception {
    try (Recommender noRanker = models.open(false)) {
      HttpServerExample s = HttpServerExample.start(noRanker, 0);
      try {
        HttpResponse<String> r =
            CLIENT.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.port() + "/rank?user=1&movies=1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat((String) object(r.body()).get("error")).contains("no ranker");
      } finally {
        s.stop();
      }
    }
  }

  // ---- serving ----

  @Test
  void answersConcurrentRequestsAllWithOk() throws Exception {
    int[] users = recommender.users().ids();
    List<IntFunction<String>> paths =
        List.of(
            u -> "/um?user=" + u,
            u -> "/cm?movies=1,2," + u,
            u -> "/recall?user=" + u + "&n=50",
            u -> "/rank?user=" + u + "&movies=4,5,6",
            u -> "/as?user=" + u + "&k=10",
            u -> "/as?gender=F&age=" + (u % 60) + "&occupation=3");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        Callable<List<Integer>> job =
            () -> {
              List<Integer> statuses = new ArrayList<>();
              for (int i = 0; i < 50; i++) {
                int user = users[(thread * 50 + i) % users.length];
                statuses.add(get(paths.get(i % paths.size()).apply(user)).statusCode());
              }
              return statuses;
            };
        results.add(pool.submit(job));
      }
      for (Future<List<Integer>> f : results) {
        assertThat(f.get()).hasSize(50).containsOnly(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void stopsListeningWhenStopped() throws Exception {
    try (Recommender r = models.open(false)) {
      HttpServerExample s = HttpServerExample.start(r, 0);
      int port = s.port();
      assertThat(
              CLIENT
                  .send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + port + "/cm?movies=1"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      s.stop();
      HttpClient fresh = HttpClient.newHttpClient(); // no pooled connection to the old server
      assertThatThrownBy(
              () ->
                  fresh.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + port + "/cm?movies=1"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(ConnectException.class);
    }
  }

  // ---- helpers ----

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The body of a GET that must answer 200. */
  private static String ok(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
    return r.body();
  }

  /** A JSON object, read strictly. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String json) throws IOException {
    Object value = JSON.readValue(json, Object.class);
    assertThat(value).as(json).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object jsonArray) {
    return (List<Map<String, Object>>) jsonArray;
  }

  private static List<Integer> movieIds(Object jsonArray) {
    return maps(jsonArray).stream().map(m -> (Integer) m.get("movie")).toList();
  }

  /** Scores as the server's floats (Float.toString read back as a double, then a float). */
  private static List<Float> scores(List<Map<String, Object>> movies, String field) {
    return movies.stream().map(m -> ((Double) m.get(field)).floatValue()).toList();
  }
}
