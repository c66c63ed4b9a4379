package io.movierec.cli;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import io.movierec.evaluation.RecallMetrics;
import io.movierec.evaluation.RecallTally;
import io.movierec.prepare.ServingStores;
import io.movierec.prepare.SplitRatings;
import io.movierec.recommend.ChannelQuota;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.ScoredMovie;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The online path's figures for {@code evaluate --online}: the merged list {@code recommend} gives,
 * which channels found its movies, each channel alone, and new users from demographics only. Every
 * list is scored by {@link RecallTally}, as the offline evaluation is.
 */
final class OnlineEvaluation {

  private static final int LIST = 100;

  private final Recommender r;
  private final ServingStores stores;
  private final Map<Integer, Integer> heldOut = new TreeMap<>();
  private final Map<Integer, Long> heldOutTimes = new HashMap<>();
  private final Map<Integer, Set<Genre>> favourites;
  private final int[] top10ByChannel;
  private final int[] hitsByChannel;
  private int top10Slots;
  private int hits;

  OnlineEvaluation(
      Recommender r, SplitRatings ratings, ServingStores stores, SplitRatings.Part part) {
    this.r = r;
    this.stores = stores;
    for (int i = 0; i < ratings.size(); i++) {
      if (ratings.part(i) == part) {
        heldOut.put(ratings.user(i), ratings.movie(i));
        heldOutTimes.put(ratings.user(i), ratings.time(i));
      }
    }
    this.favourites = RecallTally.favouriteGenres(ratings, id -> stores.movies().get(id));
    this.top10ByChannel = new int[r.channels().size()];
    this.hitsByChannel = new int[r.channels().size()];
  }

  /** The merged lists of {@code recommend(user, 100)}; each written to {@code dump} if given. */
  RecallMetrics merged(@Nullable Writer dump) throws IOException {
    RecallTally tally = tally();
    List<String> names = r.channels().stream().map(ChannelQuota::name).toList();
    StringBuilder line = new StringBuilder();
    for (Map.Entry<Integer, Integer> e : heldOut.entrySet()) {
      List<Recommendation> recs = r.recommend(e.getKey(), LIST);
      List<Movie> top = new ArrayList<>(recs.size());
      int rank = -1;
      for (int i = 0; i < recs.size(); i++) {
        Recommendation x = recs.get(i);
        top.add(x.movie());
        if (x.movie().id() == e.getValue()) {
          rank = i;
          hits++;
          credit(x, names, hitsByChannel);
        }
        if (i < 10) {
          top10Slots++;
          credit(x, names, top10ByChannel);
        }
        if (dump != null) {
          line.setLength(0);
          line.append(e.getKey())
              .append('\t')
              .append(i + 1)
              .append('\t')
              .append(x.movie().id())
              .append('\t')
              .append(score(x))
              .append('\n');
          dump.append(line);
        }
      }
      tally.add(rank, top, favourites.getOrDefault(e.getKey(), Set.of()));
    }
    return tally.metrics();
  }

  /** The score the list is ordered by. */
  private float score(Recommendation x) {
    return r.effectiveOrdering().score(x);
  }

  private static void credit(Recommendation x, List<String> names, int[] counts) {
    for (String c : x.channels()) {
      counts[names.indexOf(c)]++;
    }
  }

  /** Which channels found the merged lists' top-10 movies and hits (after {@link #merged}). */
  String attribution() {
    StringBuilder s = new StringBuilder("found by:");
    for (int c = 0; c < top10ByChannel.length; c++) {
      s.append(
          String.format(
              Locale.ROOT,
              " %s %.1f%% of top-10 slots, %.1f%% of hits@100;",
              r.channels().get(c).name(),
              100.0 * top10ByChannel[c] / Math.max(1, top10Slots),
              100.0 * hitsByChannel[c] / Math.max(1, hits)));
    }
    return s.substring(0, s.length() - 1);
  }

  /** One channel's own top 100 for every user, in the channel's order. */
  RecallMetrics channelAlone(String channel) {
    RecallTally tally = tally();
    for (Map.Entry<Integer, Integer> e : heldOut.entrySet()) {
      List<ScoredMovie> list = r.recall(channel, e.getKey(), LIST);
      List<Movie> top = list.stream().map(ScoredMovie::movie).toList();
      tally.add(rankOf(top, e.getValue()), top, favourites.getOrDefault(e.getKey(), Set.of()));
    }
    return tally.metrics();
  }

  /**
   * New users: every held-out user with demographics, their history hidden, asked {@code
   * recommend(profile, 100, t)} at the time t of the held-out rating (time-aware channels count
   * only the ratings before it); against the same users shown the most rated movies (by the ratings
   * the recommender knows). Seen movies cannot be excluded for either: the history is hidden.
   */
  String coldStart() {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int id : stores.users().ids()) {
      for (int m : stores.users().history(id)) {
        counts.merge(m, 1, Integer::sum);
      }
    }
    List<Movie> mostRated =
        stores.movies().all().stream()
            .sorted(
                (x, y) ->
                    counts.getOrDefault(y.id(), 0) != counts.getOrDefault(x.id(), 0)
                        ? counts.getOrDefault(y.id(), 0) - counts.getOrDefault(x.id(), 0)
                        : x.id() - y.id())
            .limit(LIST)
            .toList();
    RecallTally cold = tally();
    RecallTally popular = tally();
    Map<String, RecallTally> alone = new java.util.LinkedHashMap<>();
    for (ChannelQuota c : r.channels()) {
      alone.put(c.name(), tally());
    }
    for (Map.Entry<Integer, Integer> e : heldOut.entrySet()) {
      UserProfile p = stores.users().user(e.getKey()).map(User::profile).orElse(null);
      if (p == null) {
        continue;
      }
      Set<Genre> fav = favourites.getOrDefault(e.getKey(), Set.of());
      Instant asked = Instant.ofEpochSecond(heldOutTimes.get(e.getKey()));
      List<Movie> top = r.recommend(p, LIST, asked).stream().map(Recommendation::movie).toList();
      cold.add(rankOf(top, e.getValue()), top, fav);
      for (Map.Entry<String, RecallTally> c : alone.entrySet()) {
        List<Movie> own =
            r.recall(c.getKey(), p, LIST, asked).stream().map(ScoredMovie::movie).toList();
        c.getValue().add(rankOf(own, e.getValue()), own, fav);
      }
      popular.add(rankOf(mostRated, e.getValue()), mostRated, fav);
    }
    StringBuilder s =
        new StringBuilder(
                "cold start (history hidden, demographics only; ordering "
                    + r.effectiveNewUserOrdering().name().toLowerCase(Locale.ROOT)
                    + "): recommend(profile, 100): ")
            .append(cold.metrics())
            .append("\n  most rated first, same users: ")
            .append(popular.metrics());
    alone.forEach(
        (name, t) -> s.append("\n  channel ").append(name).append(" alone: ").append(t.metrics()));
    return s.toString();
  }

  private RecallTally tally() {
    return new RecallTally(stores.movies().size());
  }

  private static int rankOf(List<Movie> top, int movieId) {
    for (int i = 0; i < top.size(); i++) {
      if (top.get(i).id() == movieId) {
        return i;
      }
    }
    return -1;
  }
}
