package io.movierec.cli;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import io.movierec.json.Json;
import io.movierec.json.JsonReader;
import io.movierec.recommend.BundleStores;
import io.movierec.recommend.MovieLookup;
import io.movierec.recommend.MovieStoreView;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.ScoredMovie;
import io.movierec.recommend.UnknownUserException;
import io.movierec.recommend.UserStoreView;
import io.movierec.server.RecommenderClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code movierec client (--bundle DIR | --url URL) [--json] <op> ...}: the reference's
 * test_client.py against an in-process recommender, or a running {@code movierec serve} over HTTP
 * (one kept-alive connection; {@code --repeat N} asks N times and prints the round-trip p50 and
 * p99). With {@code --bundle}, {@code um} and {@code cm} read only the bundle's stores ({@link
 * BundleStores}): no model is opened and TensorFlow is never loaded.
 *
 * <pre>
 *   um USER_ID                 the user's profile and history size
 *   cm MOVIE_ID [MOVIE_ID...]  movie information; unknown ids are listed
 *   recall USER_ID [--n 100]   the recall stage alone
 *   rank USER_ID MOVIE_ID...   the ranker's scores
 *   as GENDER AGE OCCUPATION   recommendations for a new user, e.g. as M 32 5
 *   as --user USER_ID          recommendations for a known user
 *   as ... --hide-genre GENRE  without the movies of a genre (a filter applied before ranking)
 * </pre>
 *
 * {@code as} prints each movie's recall score, watch score, predicted rating, combined score (what
 * the combined ordering sorts by) and the recall channels that found it.
 *
 * <p>Every answer prints as a table, or as JSON with {@code --json}.
 */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "movierec client (--bundle DIR | --url URL) [--json] [--k N] [--n N] [--repeat N]"
          + " OPERATION ARGS...",
    },
    description = {
      "The reference's test_client.py: against a bundle loaded in this process (--bundle; um and"
          + " cm read only its stores, no TensorFlow), or a running 'movierec serve' (--url).",
      "Operations:",
      "  um USER_ID                 the user's profile and history size",
      "  cm MOVIE_ID [MOVIE_ID...]  movie information; unknown ids are listed",
      "  recall USER_ID             the recall stage alone (--n candidates)",
      "  rank USER_ID MOVIE_ID...   the ranker's scores",
      "  as GENDER AGE OCCUPATION   recommendations for a new user, e.g. as M 32 5",
      "  as --user USER_ID          recommendations for a known user"
    })
final class ClientCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--bundle",
      paramLabel = "DIR",
      description =
          "The bundle, loaded in this process (um and cm read only its stores: no model, no"
              + " TensorFlow).")
  @Nullable Path bundle;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "A running 'movierec serve' to ask instead: http://HOST:PORT.")
  @Nullable String url;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description =
          "With --url: ask N times over one kept-alive connection, print the answer once and the"
              + " round-trip p50, p99 and max (default: ${DEFAULT-VALUE}).")
  int repeat = 1;

  @Option(names = "--json", description = "Answer in JSON instead of a table.")
  boolean json;

  @Option(
      names = "--k",
      paramLabel = "N",
      description = "as: recommendations (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(
      names = "--n",
      paramLabel = "N",
      description = "recall: candidates (default: ${DEFAULT-VALUE}).")
  int n = Recommender.DEFAULT_CANDIDATES;

  @Option(names = "--user", paramLabel = "USER_ID", description = "as: a known user.")
  @Nullable Integer user;

  @Option(
      names = "--hide-genre",
      paramLabel = "GENRE",
      description = "as: leave out the movies of a genre (filtered before ranking).")
  @Nullable String hideGenre;

  @Parameters(
      paramLabel = "OPERATION",
      arity = "0..*",
      description = "um, cm, recall, rank or as, and its arguments.")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (words.isEmpty()) {
      throw new UsageException("client needs an operation: um, cm, recall, rank or as");
    }
    if ((bundle == null) == (url == null)) {
      throw new UsageException("client needs --bundle DIR or --url URL (one of the two)");
    }
    if (repeat < 1) {
      throw new UsageException("--repeat must be at least 1, got " + repeat);
    }
    PrintStream out = Main.out(spec);
    if (url != null) {
      remote(url, out);
      return Main.OK;
    }
    if (repeat != 1) {
      throw new UsageException("--repeat goes with --url");
    }
    Path dir = java.util.Objects.requireNonNull(bundle);
    if (words.get(0).equals("um") || words.get(0).equals("cm")) {
      // The catalogue and the user store alone: no model is opened, so TensorFlow never loads.
      BundleStores stores = BundleStores.load(dir);
      lookUp(stores.users(), stores.movies(), out);
      return Main.OK;
    }
    try (Recommender r = Recommender.load(dir)) {
      answer(r, out);
    }
    return Main.OK;
  }

  /** Answers {@code um} or {@code cm} from the stores. */
  void lookUp(UserStoreView users, MovieStoreView movies, PrintStream out) {
    List<String> rest = words.subList(1, words.size());
    if (words.get(0).equals("um")) {
      int id = intArg(rest, 0, "USER_ID");
      User u = users.user(id).orElseThrow(() -> new UnknownUserException(id));
      printUser(u, users.seenCount(id), json, out);
    } else {
      printMovies(movies.lookup(movieIds(rest, 0)), json, out);
    }
  }

  /** Answers the operation in {@link #words} from {@code r}. */
  void answer(Recommender r, PrintStream out) {
    String op = words.get(0);
    List<String> rest = words.subList(1, words.size());
    switch (op) {
      case "um", "cm" -> lookUp(r.users(), r.movieStore(), out);
      case "recall" ->
          printScored(r.recall(intArg(rest, 0, "USER_ID"), n), "recall score", json, out);
      case "rank" -> {
        int id = intArg(rest, 0, "USER_ID");
        if (rest.size() < 2) {
          throw new UsageException("rank needs USER_ID and at least one MOVIE_ID");
        }
        int[] ids = new int[rest.size() - 1];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = intArg(rest, i + 1, "MOVIE_ID");
        }
        MovieLookup lookup = r.movies(ids);
        printScored(r.rank(id, ids), "rank score", json, out);
        if (!lookup.missing().isEmpty() && !json) {
          out.println("not in the catalogue: " + lookup.missing());
        }
      }
      case "as" -> {
        Predicate<Movie> filter = null;
        if (hideGenre != null) {
          String label = hideGenre;
          Genre hidden =
              Genre.fromLabel(label)
                  .orElseThrow(
                      () -> new UsageException("--hide-genre: unknown genre '" + label + "'"));
          filter = m -> !m.genres().contains(hidden);
        }
        List<Recommendation> recs;
        if (user != null) {
          recs = r.recommend(user, k, filter);
        } else {
          if (rest.size() != 3) {
            throw new UsageException(
                "as needs GENDER AGE OCCUPATION (e.g. as M 32 5) or --user USER_ID");
          }
          UserProfile profile;
          try {
            profile =
                UserProfile.of(rest.get(0), intArg(rest, 1, "AGE"), intArg(rest, 2, "OCCUPATION"));
          } catch (IllegalArgumentException e) {
            throw new UsageException("as: " + e.getMessage());
          }
          recs = r.recommend(profile, k, filter);
        }
        printRecommendations(recs, json, out);
      }
      default ->
          throw new UsageException(
              "unknown client operation '" + op + "' (expected um, cm, recall, rank or as)");
    }
  }

  // ---- against a running server ----

  /** Asks the server at {@code base} ({@link #repeat} times) and prints its answer as a table. */
  private void remote(String base, PrintStream out) throws IOException {
    String path = requestPath();
    RecommenderClient client;
    try {
      client = RecommenderClient.connect(base);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--url: " + e.getMessage());
    }
    long[] nanos = new long[repeat];
    RecommenderClient.Reply reply = null;
    try (client) {
      for (int i = 0; i < repeat; i++) {
        long start = System.nanoTime();
        reply = client.get(path);
        nanos[i] = System.nanoTime() - start;
        if (!reply.ok()) {
          break;
        }
      }
    }
    if (reply == null || !reply.ok()) {
      String body = reply == null ? "" : reply.body();
      Object error = null;
      try {
        if (JsonReader.parse(body) instanceof Map<?, ?> m) {
          error = m.get("error");
        }
      } catch (IllegalArgumentException e) {
        error = body;
      }
      throw new IOException(
          base + " answered " + (reply == null ? "nothing" : reply.status()) + ": " + error);
    }
    printAnswer(reply.body(), out);
    if (repeat > 1) {
      Arrays.sort(nanos);
      out.printf(
          Locale.ROOT,
          "%,d calls over one connection: round trip p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
          repeat,
          nanos[(int) Math.ceil(0.50 * repeat) - 1] / 1e6,
          nanos[(int) Math.ceil(0.99 * repeat) - 1] / 1e6,
          nanos[repeat - 1] / 1e6);
    }
  }

  /** The server path of the operation in {@link #words}, its arguments checked as locally. */
  String requestPath() {
    String op = words.get(0);
    List<String> rest = words.subList(1, words.size());
    Map<String, String> q = new LinkedHashMap<>();
    switch (op) {
      case "um" -> q.put("user", Integer.toString(intArg(rest, 0, "USER_ID")));
      case "cm" -> q.put("movies", ids(movieIds(rest, 0)));
      case "recall" -> {
        q.put("user", Integer.toString(intArg(rest, 0, "USER_ID")));
        q.put("n", Integer.toString(n));
      }
      case "rank" -> {
        q.put("user", Integer.toString(intArg(rest, 0, "USER_ID")));
        if (rest.size() < 2) {
          throw new UsageException("rank needs USER_ID and at least one MOVIE_ID");
        }
        q.put("movies", ids(movieIds(rest, 1)));
      }
      case "as" -> {
        if (user != null) {
          q.put("user", Integer.toString(user));
        } else {
          if (rest.size() != 3) {
            throw new UsageException(
                "as needs GENDER AGE OCCUPATION (e.g. as M 32 5) or --user USER_ID");
          }
          int age = intArg(rest, 1, "AGE");
          int occupation = intArg(rest, 2, "OCCUPATION");
          try {
            UserProfile.of(rest.get(0), age, occupation); // the same checks as a local answer
          } catch (IllegalArgumentException e) {
            throw new UsageException("as: " + e.getMessage());
          }
          q.put("gender", rest.get(0));
          q.put("age", Integer.toString(age));
          q.put("occupation", Integer.toString(occupation));
        }
        q.put("k", Integer.toString(k));
        if (hideGenre != null) {
          String label = hideGenre;
          Genre.fromLabel(label)
              .orElseThrow(() -> new UsageException("--hide-genre: unknown genre '" + label + "'"));
          q.put("hide_genre", label);
        }
      }
      default ->
          throw new UsageException(
              "unknown client operation '" + op + "' (expected um, cm, recall, rank or as)");
    }
    return RecommenderClient.path("/" + op, q);
  }

  /** Prints the server's answer exactly as the same operation answered locally prints. */
  private void printAnswer(String body, PrintStream out) {
    Map<?, ?> o = (Map<?, ?>) JsonReader.parse(body);
    switch (words.get(0)) {
      case "um" ->
          printUser(
              integer(o.get("user")),
              text(o.get("gender")),
              text(o.get("age")),
              text(o.get("occupation")),
              text(o.get("zip")),
              integer(o.get("rated")),
              json,
              out);
      case "cm" -> printMovies(new MovieLookup(movies(o.get("movies")), missing(o)), json, out);
      case "recall", "rank" -> {
        List<ScoredMovie> scored = new ArrayList<>();
        for (Object m : (List<?>) o.get("movies")) {
          scored.add(new ScoredMovie(movie((Map<?, ?>) m), decimal(((Map<?, ?>) m).get("score"))));
        }
        boolean rank = words.get(0).equals("rank");
        printScored(scored, rank ? "rank score" : "recall score", json, out);
        if (rank && !missing(o).isEmpty() && !json) {
          out.println("not in the catalogue: " + missing(o));
        }
      }
      default -> {
        List<Recommendation> recs = new ArrayList<>();
        for (Object x : (List<?>) o.get("recommendations")) {
          Map<?, ?> m = (Map<?, ?>) x;
          List<String> channels = new ArrayList<>();
          for (Object c : (List<?>) m.get("channels")) {
            channels.add((String) c);
          }
          recs.add(
              new Recommendation(
                  movie(m),
                  decimal(m.get("recall_score")),
                  decimal(m.get("watch_score")),
                  decimal(m.get("predicted_rating")),
                  decimal(m.get("combined_score")),
                  channels));
        }
        printRecommendations(recs, json, out);
      }
    }
  }

  private static List<Movie> movies(@Nullable Object array) {
    List<Movie> found = new ArrayList<>();
    for (Object m : (List<?>) java.util.Objects.requireNonNull(array)) {
      found.add(movie((Map<?, ?>) m));
    }
    return found;
  }

  private static Movie movie(Map<?, ?> m) {
    List<Genre> genres = new ArrayList<>();
    for (Object g : (List<?>) m.get("genres")) {
      genres.add(Genre.fromLabel((String) g).orElseThrow());
    }
    return Movie.of(integer(m.get("movie")), (String) m.get("title"), genres);
  }

  private static List<Integer> missing(Map<?, ?> o) {
    List<Integer> ids = new ArrayList<>();
    Object m = o.get("missing");
    if (m != null) {
      for (Object id : (List<?>) m) {
        ids.add(integer(id));
      }
    }
    return ids;
  }

  private static int integer(@Nullable Object x) {
    return ((Number) java.util.Objects.requireNonNull(x)).intValue();
  }

  private static float decimal(@Nullable Object x) {
    return x == null ? Float.NaN : ((Number) x).floatValue();
  }

  private static String text(@Nullable Object x) {
    return x == null ? "" : (String) x;
  }

  private static String ids(int[] ids) {
    StringBuilder b = new StringBuilder();
    for (int id : ids) {
      b.append(b.length() == 0 ? "" : ",").append(id);
    }
    return b.toString();
  }

  /** The MOVIE_ID arguments from {@code from} on; at least one. */
  private static int[] movieIds(List<String> rest, int from) {
    if (rest.size() <= from) {
      throw new UsageException(
          from == 0 ? "cm needs at least one MOVIE_ID" : "rank needs at least one MOVIE_ID");
    }
    int[] ids = new int[rest.size() - from];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = intArg(rest, from + i, "MOVIE_ID");
    }
    return ids;
  }

  private static int intArg(List<String> words, int i, String name) {
    if (i >= words.size()) {
      throw new UsageException("missing " + name);
    }
    try {
      return Integer.parseInt(words.get(i));
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be an integer, got '" + words.get(i) + "'");
    }
  }

  static void printUser(User u, int seen, boolean json, PrintStream out) {
    String gender = u.profile() == null ? "" : u.profile().gender().code();
    String age = u.profile() == null ? "" : u.profile().age().label();
    String occupation = u.profile() == null ? "" : u.profile().occupation().label();
    printUser(u.id(), gender, age, occupation, u.zip(), seen, json, out);
  }

  private static void printUser(
      int id,
      String gender,
      String age,
      String occupation,
      String zip,
      int seen,
      boolean json,
      PrintStream out) {
    if (json) {
      out.printf(
          Locale.ROOT,
          "{\"user\":%d,\"gender\":%s,\"age\":%s,\"occupation\":%s," + "\"zip\":%s,\"rated\":%d}%n",
          id,
          Json.string(gender),
          Json.string(age),
          Json.string(occupation),
          Json.string(zip),
          seen);
    } else {
      out.printf(
          "user %d: gender %s, age %s, occupation %s, zip %s, %d movies rated%n",
          id, gender, age, occupation, zip, seen);
    }
  }

  static void printMovies(MovieLookup lookup, boolean json, PrintStream out) {
    if (json) {
      out.println(
          "{\"movies\":["
              + lookup.found().stream()
                  .map(m -> Json.movie(m).toString())
                  .collect(Collectors.joining(","))
              + "],\"missing\":"
              + lookup.missing()
              + "}");
      return;
    }
    out.printf("%-7s %-50s %s%n", "movie", "title", "genres");
    for (Movie m : lookup.found()) {
      out.printf("%-7d %-50s %s%n", m.id(), cut(m.title(), 50), genres(m));
    }
    if (!lookup.missing().isEmpty()) {
      out.println("not in the catalogue: " + lookup.missing());
    }
  }

  static void printScored(
      List<ScoredMovie> movies, String scoreName, boolean json, PrintStream out) {
    if (json) {
      List<String> items = new ArrayList<>();
      for (ScoredMovie s : movies) {
        items.add(Json.movie(s.movie()).raw("score", decimal(s.score())).toString());
      }
      out.println("[" + String.join(",", items) + "]");
      return;
    }
    out.printf("%-5s %-7s %-50s %-30s %s%n", "#", "movie", "title", "genres", scoreName);
    int i = 1;
    for (ScoredMovie s : movies) {
      out.printf(
          Locale.ROOT,
          "%-5d %-7d %-50s %-30s %.4f%n",
          i++,
          s.movie().id(),
          cut(s.movie().title(), 50),
          cut(genres(s.movie()), 30),
          s.score());
    }
  }

  static void printRecommendations(List<Recommendation> recs, boolean json, PrintStream out) {
    if (json) {
      List<String> items = new ArrayList<>();
      for (Recommendation r : recs) {
        items.add(
            Json.movie(r.movie())
                .raw("recall_score", decimal(r.recallScore()))
                .raw("watch_score", orNull(r.watchScore()))
                .raw("predicted_rating", orNull(r.predictedRating()))
                .raw("combined_score", orNull(r.combinedScore()))
                .raw("channels", Json.array(r.channels().stream().map(Json::string).toList()))
                .toString());
      }
      out.println("[" + String.join(",", items) + "]");
      return;
    }
    out.printf(
        "%-3s %-7s %-40s %-24s %-7s %-6s %-6s %-8s %s%n",
        "#", "movie", "title", "genres", "recall", "watch", "rating", "combined", "channels");
    int i = 1;
    for (Recommendation r : recs) {
      out.printf(
          Locale.ROOT,
          "%-3d %-7d %-40s %-24s %-7.4f %-6s %-6s %-8s %s%n",
          i++,
          r.movie().id(),
          cut(r.movie().title(), 40),
          cut(genres(r.movie()), 24),
          r.recallScore(),
          Float.isNaN(r.watchScore()) ? "-" : String.format(Locale.ROOT, "%.3f", r.watchScore()),
          Float.isNaN(r.predictedRating())
              ? "-"
              : String.format(Locale.ROOT, "%.2f", r.predictedRating()),
          Float.isNaN(r.combinedScore())
              ? "-"
              : String.format(Locale.ROOT, "%.5f", r.combinedScore()),
          String.join(",", r.channels()));
    }
  }

  private static String orNull(float x) {
    return Float.isNaN(x) ? "null" : decimal(x);
  }

  private static String genres(Movie m) {
    return m.genres().stream().map(Genre::label).collect(Collectors.joining("|"));
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  /** A score with six decimals, as the JSON output gives it. */
  private static String decimal(float x) {
    return String.format(Locale.ROOT, "%.6f", x);
  }
}
