package io.movierec.server;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import io.movierec.json.Json;
import io.movierec.recommend.MovieLookup;
import io.movierec.recommend.MovieStoreView;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.ScoredMovie;
import io.movierec.recommend.UnknownUserException;
import io.movierec.recommend.UserStoreView;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * PaddleRec's five online services over a {@link Recommender} (or only its stores), one method
 * each, turning query parameters into JSON. Thread-safe: the recommender is.
 */
final class Endpoints {

  /** The paths served, in the order {@code /health} lists them. */
  static final List<String> OPERATIONS = List.of("/um", "/cm", "/recall", "/rank", "/as");

  private final @Nullable Recommender recommender;
  private final MovieStoreView movies;
  private final UserStoreView users;
  private final int maxItems;

  Endpoints(
      @Nullable Recommender recommender, MovieStoreView movies, UserStoreView users, int max) {
    this.recommender = recommender;
    this.movies = movies;
    this.users = users;
    this.maxItems = max;
  }

  /** True if {@code path} is one of the five operations. */
  static boolean isOperation(String path) {
    return OPERATIONS.contains(path);
  }

  /** Answers one of the five operations; errors are thrown as {@link HttpError}s. */
  Response answer(String path, @Nullable String rawQuery) {
    Query q = new Query(rawQuery);
    try {
      return Response.ok(
          switch (path) {
            case "/um" -> userInfo(q);
            case "/cm" -> movieInfo(q);
            case "/recall" -> recall(q);
            case "/rank" -> rank(q);
            case "/as" -> recommend(q);
            default -> throw new HttpError(404, "no endpoint " + path);
          });
    } catch (UnknownUserException e) {
      throw new HttpError(404, e.getMessage());
    }
  }

  /** {@code {"status":"ok","movies":N,"users":N,"operations":[…]}}. */
  String health() {
    List<String> served = recommender != null ? OPERATIONS : List.of("/um", "/cm");
    return new Json.Obj()
        .text("status", "ok")
        .num("movies", movies.size())
        .num("users", users.size())
        .raw("operations", Json.array(served.stream().map(Json::string).toList()))
        .text(
            "ranker", recommender == null ? null : recommender.ranker().isPresent() ? "yes" : "no")
        .toString();
  }

  private Recommender models(String path) {
    if (recommender == null) {
      throw new HttpError(
          501,
          path
              + " needs the models: this server holds only the bundle's stores (it answers /um and"
              + " /cm); serve a Recommender for the other operations");
    }
    return recommender;
  }

  // {"user":5,"gender":"M","age":"25-34","occupation":"customer service","zip":"..","rated":20}
  private String userInfo(Query q) {
    q.allow("user");
    int id = q.integer("user");
    User u = users.user(id).orElseThrow(() -> new UnknownUserException(id));
    UserProfile p = u.profileIfKnown().orElse(null);
    return new Json.Obj()
        .num("user", u.id())
        .text("gender", p == null ? null : p.gender().code())
        .text("age", p == null ? null : p.age().label())
        .text("occupation", p == null ? null : p.occupation().label())
        .text("zip", u.zip())
        .num("rated", users.seenCount(id))
        .toString();
  }

  // {"movies":[{"movie":1,"title":"..","year":1995,"genres":["Comedy"]}],"missing":[7]}
  private String movieInfo(Query q) {
    q.allow("movies");
    MovieLookup lookup = movies.lookup(q.ids("movies", maxItems));
    return new Json.Obj()
        .raw(
            "movies",
            Json.array(lookup.found().stream().map(m -> Json.movie(m).toString()).toList()))
        .raw("missing", ids(lookup.missing()))
        .toString();
  }

  // {"user":5,"movies":[{..movie..,"score":0.83}]}, score = cosine of user and movie vectors
  private String recall(Query q) {
    Recommender r = models("/recall");
    q.allow("user", "n");
    int user = q.integer("user");
    List<ScoredMovie> found = r.recall(user, q.integer("n", 1, maxItems, 100));
    return new Json.Obj().num("user", user).raw("movies", scored(found)).toString();
  }

  // {"user":5,"movies":[{..movie..,"score":4.2}],"missing":[]}, score = predicted rating
  private String rank(Query q) {
    Recommender r = models("/rank");
    q.allow("user", "movies");
    int user = q.integer("user");
    int[] ids = q.ids("movies", maxItems);
    if (r.ranker().isEmpty()) {
      throw new HttpError(501, "this recommender has no ranker");
    }
    return new Json.Obj()
        .num("user", user)
        .raw("movies", scored(r.rank(user, ids)))
        .raw("missing", ids(r.movies(ids).missing()))
        .toString();
  }

  // {"user":5,"recommendations":[{..movie..,"recall_score":0.03,"watch_score":0.41,
  // "predicted_rating":4.1,"combined_score":0.02,"channels":["index","co-occurrence"]}]} (a score
  // the recommender does not have is null), or for a new user {"profile":{"gender":"M",
  // "age":"25-34","occupation":".."},"recommendations":[..]}. hide_genre=Horror leaves out a
  // genre: a filter applied before ranking, so the list still has k movies.
  private String recommend(Query q) {
    Recommender r = models("/as");
    Json.Obj o = new Json.Obj();
    List<Recommendation> recs;
    if (q.has("user")) {
      q.allow("user", "k", "hide_genre");
      int user = q.integer("user");
      recs = r.recommend(user, q.integer("k", 1, maxItems, 10), hidden(q));
      o.num("user", user);
    } else {
      q.allow("gender", "age", "occupation", "k", "hide_genre");
      // Any age in years maps onto MovieLens' buckets; occupations are ml-1m's codes 0..20.
      UserProfile p =
          new UserProfile(
              q.gender("gender"),
              AgeBucket.fromYears(q.integer("age", 0, 150)),
              Occupation.fromCode(q.integer("occupation", 0, 20)));
      recs = r.recommend(p, q.integer("k", 1, maxItems, 10), hidden(q));
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
                        x ->
                            Json.movie(x.movie())
                                .num("recall_score", x.recallScore())
                                .num("watch_score", x.watchScore())
                                .num("predicted_rating", x.predictedRating())
                                .num("combined_score", x.combinedScore())
                                .raw(
                                    "channels",
                                    Json.array(x.channels().stream().map(Json::string).toList()))
                                .toString())
                    .toList()))
        .toString();
  }

  /** The filter of a {@code hide_genre} parameter: the movies not of that genre; null if none. */
  private static @Nullable Predicate<Movie> hidden(Query q) {
    if (!q.has("hide_genre")) {
      return null;
    }
    String label = q.text("hide_genre");
    Genre g =
        Genre.fromLabel(label)
            .orElseThrow(() -> HttpError.badRequest("unknown genre '" + label + "'"));
    return m -> !m.genres().contains(g);
  }

  private static String scored(List<ScoredMovie> found) {
    return Json.array(
        found.stream().map(s -> Json.movie(s.movie()).num("score", s.score()).toString()).toList());
  }

  private static String ids(List<Integer> ids) {
    return Json.array(ids.stream().map(String::valueOf).toList());
  }
}
