package io.movierec.cli;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import io.movierec.json.Json;
import io.movierec.recommend.MovieLookup;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.ScoredMovie;
import io.movierec.recommend.UnknownUserException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code movierec client --bundle DIR <op> ...}: the reference's test_client.py against an
 * in-process recommender.
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
 * {@code as} prints each movie's recall score, watch score, predicted rating and the recall
 * channels that found it.
 *
 * <p>Every answer prints as a table, or as JSON with {@code --json}.
 */
final class ClientCommand {

  static final String USAGE =
      "client --bundle DIR [--json] [--k 10] [--n 100] um USER | cm MOVIE... | recall USER |\n"
          + "        rank USER MOVIE... | as GENDER AGE OCCUPATION | as --user USER\n"
          + "        [--hide-genre GENRE]";

  private ClientCommand() {}

  static void run(String[] argv, PrintStream out) throws IOException {
    Args a = new Args(argv, Set.of("bundle", "k", "n", "user", "hide-genre"), Set.of("json"));
    List<String> words = a.positional();
    if (words.isEmpty()) {
      throw new Args.UsageException("client needs an operation: um, cm, recall, rank or as");
    }
    try (Recommender r = Recommender.load(a.path("bundle"))) {
      run(r, a, words, out);
    }
  }

  static void run(Recommender r, Args a, List<String> words, PrintStream out) {
    boolean json = a.flag("json");
    String op = words.get(0);
    List<String> rest = words.subList(1, words.size());
    switch (op) {
      case "um" -> {
        int id = intArg(rest, 0, "USER_ID");
        User u = r.users().user(id).orElseThrow(() -> new UnknownUserException(id));
        printUser(u, r.users().seenCount(id), json, out);
      }
      case "cm" -> {
        if (rest.isEmpty()) {
          throw new Args.UsageException("cm needs at least one MOVIE_ID");
        }
        int[] ids = new int[rest.size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = intArg(rest, i, "MOVIE_ID");
        }
        printMovies(r.movies(ids), json, out);
      }
      case "recall" ->
          printScored(
              r.recall(intArg(rest, 0, "USER_ID"), a.integer("n", Recommender.DEFAULT_CANDIDATES)),
              "recall score",
              json,
              out);
      case "rank" -> {
        int user = intArg(rest, 0, "USER_ID");
        if (rest.size() < 2) {
          throw new Args.UsageException("rank needs USER_ID and at least one MOVIE_ID");
        }
        int[] ids = new int[rest.size() - 1];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = intArg(rest, i + 1, "MOVIE_ID");
        }
        MovieLookup lookup = r.movies(ids);
        printScored(r.rank(user, ids), "rank score", json, out);
        if (!lookup.missing().isEmpty() && !json) {
          out.println("not in the catalogue: " + lookup.missing());
        }
      }
      case "as" -> {
        int k = a.integer("k", 10);
        java.util.function.Predicate<Movie> filter = null;
        if (a.has("hide-genre")) {
          String label = a.get("hide-genre", "");
          Genre hidden =
              Genre.fromLabel(label)
                  .orElseThrow(() -> new Args.UsageException("unknown genre '" + label + "'"));
          filter = m -> !m.genres().contains(hidden);
        }
        List<Recommendation> recs;
        if (a.has("user")) {
          recs = r.recommend(a.integer("user", 0), k, filter);
        } else {
          if (rest.size() != 3) {
            throw new Args.UsageException(
                "as needs GENDER AGE OCCUPATION (e.g. as M 32 5) or --user");
          }
          recs =
              r.recommend(
                  UserProfile.of(
                      rest.get(0), intArg(rest, 1, "AGE"), intArg(rest, 2, "OCCUPATION")),
                  k,
                  filter);
        }
        printRecommendations(recs, json, out);
      }
      default ->
          throw new Args.UsageException(
              "unknown client operation '" + op + "' (expected um, cm, recall, rank or as)");
    }
  }

  private static int intArg(List<String> words, int i, String name) {
    if (i >= words.size()) {
      throw new Args.UsageException("missing " + name);
    }
    try {
      return Integer.parseInt(words.get(i));
    } catch (NumberFormatException e) {
      throw new Args.UsageException(name + " must be an integer, got '" + words.get(i) + "'");
    }
  }

  static void printUser(User u, int seen, boolean json, PrintStream out) {
    String gender = u.profile() == null ? "" : u.profile().gender().code();
    String age = u.profile() == null ? "" : u.profile().age().label();
    String occupation = u.profile() == null ? "" : u.profile().occupation().label();
    if (json) {
      out.printf(
          Locale.ROOT,
          "{\"user\":%d,\"gender\":%s,\"age\":%s,\"occupation\":%s," + "\"zip\":%s,\"rated\":%d}%n",
          u.id(),
          Json.string(gender),
          Json.string(age),
          Json.string(occupation),
          Json.string(u.zip()),
          seen);
    } else {
      out.printf(
          "user %d: gender %s, age %s, occupation %s, zip %s, %d movies rated%n",
          u.id(), gender, age, occupation, u.zip(), seen);
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
                .raw("channels", Json.array(r.channels().stream().map(Json::string).toList()))
                .toString());
      }
      out.println("[" + String.join(",", items) + "]");
      return;
    }
    out.printf(
        "%-3s %-7s %-40s %-24s %-7s %-6s %-6s %s%n",
        "#", "movie", "title", "genres", "recall", "watch", "rating", "channels");
    int i = 1;
    for (Recommendation r : recs) {
      out.printf(
          Locale.ROOT,
          "%-3d %-7d %-40s %-24s %-7.4f %-6s %-6s %s%n",
          i++,
          r.movie().id(),
          cut(r.movie().title(), 40),
          cut(genres(r.movie()), 24),
          r.recallScore(),
          Float.isNaN(r.watchScore()) ? "-" : String.format(Locale.ROOT, "%.3f", r.watchScore()),
          Float.isNaN(r.predictedRating())
              ? "-"
              : String.format(Locale.ROOT, "%.2f", r.predictedRating()),
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
