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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * {@code movierec client --bundle DIR [--json] <op> ...}: the reference's test_client.py against an
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
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "movierec client --bundle DIR [--json] [--k N] [--n N] OPERATION ARGS...",
    },
    description = {
      "The reference's test_client.py against a recommender bundle loaded in this process.",
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

  @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "The bundle.")
  Path bundle = Path.of("");

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
    try (Recommender r = Recommender.load(bundle)) {
      answer(r, Main.out(spec));
    }
    return Main.OK;
  }

  /** Answers the operation in {@link #words} from {@code r}. */
  void answer(Recommender r, PrintStream out) {
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
          throw new UsageException("cm needs at least one MOVIE_ID");
        }
        int[] ids = new int[rest.size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = intArg(rest, i, "MOVIE_ID");
        }
        printMovies(r.movies(ids), json, out);
      }
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
