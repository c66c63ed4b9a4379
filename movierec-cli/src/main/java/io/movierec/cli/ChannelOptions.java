package io.movierec.cli;

import io.movierec.prepare.ServingStores;
import io.movierec.recommend.CoOccurrenceChannel;
import io.movierec.recommend.GenrePopularityChannel;
import io.movierec.recommend.Ordering;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.TrendingChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The recall channels and the ordering of a recommender the command line assembles ({@code bundle},
 * {@code evaluate --online}):
 *
 * <pre>
 *   --channels index=Q[:W],co-occurrence=Q[:W],genre-popular=Q[:W]   quotas (and fusion weights)
 *   --ordering auto|watch|rating|recall|watch-times-rating|combined   --combination-weight W
 *   --new-user-ordering O  (the ordering for new users; default: --ordering's)
 *   --cooc-window N --cooc-neighbours N --cooc-recent N --cooc-decay X
 *   --genre-latest N --genre-history N --genre-demographic-weight X
 *   --trending-days X      (channel trending, new users only; built from the rating times)
 * </pre>
 *
 * The default channels, {@value #DEFAULT_CHANNELS}, were chosen on the ml-100k validation split
 * (docs/results.md, "Recall channels"); {@code --channels index=100} is the index alone.
 *
 * @param quotas each channel's quota, in order, the index first
 * @param weights each channel's fusion weight
 * @param ordering the ordering
 * @param combinationWeight the weight of the watch order in {@link Ordering#COMBINED}
 * @param newUserOrdering the ordering for new users; null: {@code ordering}
 */
record ChannelOptions(
    Map<String, Integer> quotas,
    Map<String, Double> weights,
    Ordering ordering,
    double combinationWeight,
    @Nullable Ordering newUserOrdering,
    CoOccurrenceChannel.Builder coOccurrence,
    GenrePopularityChannel.Builder genrePopular,
    TrendingChannel.Builder trending) {

  static final String DEFAULT_CHANNELS = "index=60,co-occurrence=30,genre-popular=10:0.5";

  /**
   * The channel options as a picocli mixin, shared by the commands that assemble a recommender.
   * Defaults are those of a bundle built without them.
   */
  static final class Flags {

    @Option(
        names = "--channels",
        paramLabel = "NAME=QUOTA[:WEIGHT],...",
        defaultValue = DEFAULT_CHANNELS,
        description =
            "Recall channels (index, co-occurrence, genre-popular), each with its quota and"
                + " fusion weight (default: ${DEFAULT-VALUE}).")
    String channels = DEFAULT_CHANNELS;

    @Option(
        names = "--candidates",
        paramLabel = "N",
        description = "The index channel's quota (overrides index=Q of --channels).")
    @Nullable Integer candidates;

    @Option(
        names = "--ordering",
        paramLabel = "ORDERING",
        defaultValue = "auto",
        description =
            "auto, watch, rating, recall, watch-times-rating or combined (default:"
                + " ${DEFAULT-VALUE}: combined with a ranker that predicts watching, else recall).")
    String ordering = "auto";

    @Option(
        names = "--combination-weight",
        paramLabel = "W",
        description =
            "The combined ordering scores 1/(60 + recall place) + W/(60 + watch place), 0 <= W <="
                + " 1e6 (default: "
                + Recommender.DEFAULT_COMBINATION_WEIGHT
                + ").")
    double combinationWeight = Recommender.DEFAULT_COMBINATION_WEIGHT;

    @Option(
        names = "--cooc-window",
        paramLabel = "N",
        description =
            "Co-occurrence: two movies co-occur when a user rated them at most N ratings apart"
                + " (default: 10).")
    int coocWindow = 10;

    @Option(
        names = "--cooc-neighbours",
        paramLabel = "N",
        description = "Co-occurrence: the most similar movies kept for each movie (default: 100).")
    int coocNeighbours = 100;

    @Option(
        names = "--cooc-recent",
        paramLabel = "N",
        description =
            "Co-occurrence: how many of the user's latest movies a request looks from"
                + " (default: 10).")
    int coocRecent = 10;

    @Option(
        names = "--cooc-decay",
        paramLabel = "X",
        description = "Co-occurrence: the i-th latest movie weighs X^i, 0 < X <= 1 (default: 0.8).")
    float coocDecay = 0.8f;

    @Option(
        names = "--genre-latest",
        paramLabel = "N",
        description =
            "Genre-popular: counts only each user's N latest ratings, 0 all (default: 50).")
    int genreLatest = 50;

    @Option(
        names = "--genre-history",
        paramLabel = "N",
        description =
            "Genre-popular: a user's genre affinity from their latest N movies (default: 50).")
    int genreHistory = 50;

    @Option(
        names = "--genre-demographic-weight",
        paramLabel = "X",
        description =
            "Genre-popular: weight of a movie's share in the user's demographic groups against"
                + " its share among everyone, 0 everyone only (default: 1).")
    float genreDemographicWeight = 1f;

    @Option(
        names = "--new-user-ordering",
        paramLabel = "ORDERING",
        description =
            "The ordering for new users (known by demographics only), when it should differ from"
                + " --ordering: auto, watch, rating, recall, watch-times-rating or combined.")
    @Nullable String newUserOrdering;

    @Option(
        names = "--trending-days",
        paramLabel = "X",
        description =
            "Trending: time constant of the decay of a rating's weight, in days (default: 14).")
    double trendingDays = 14;

    /**
     * The channel options these flags give.
     *
     * @throws UsageException naming the flag whose value is wrong
     */
    ChannelOptions toOptions() {
      Map<String, Integer> quotas = new LinkedHashMap<>();
      Map<String, Double> weights = new LinkedHashMap<>();
      for (String item : channels.split(",")) {
        String[] kv = item.trim().split("=");
        String[] qw = kv.length == 2 ? kv[1].split(":") : new String[0];
        String name = kv[0];
        if (qw.length < 1
            || qw.length > 2
            || !Set.of(
                    Recommender.INDEX_CHANNEL,
                    CoOccurrenceChannel.NAME,
                    GenrePopularityChannel.NAME,
                    TrendingChannel.NAME)
                .contains(name)) {
          throw new UsageException(
              "--channels takes NAME=QUOTA[:WEIGHT],... with NAME index, co-occurrence, "
                  + "genre-popular or trending; got '"
                  + item
                  + "'");
        }
        try {
          quotas.put(name, Integer.parseInt(qw[0]));
          weights.put(name, qw.length == 2 ? Double.parseDouble(qw[1]) : 1.0);
        } catch (NumberFormatException e) {
          throw new UsageException("--channels: quota or weight is not a number in '" + item + "'");
        }
      }
      if (candidates != null) {
        quotas.put(Recommender.INDEX_CHANNEL, candidates);
        weights.putIfAbsent(Recommender.INDEX_CHANNEL, 1.0);
      }
      if (!quotas.containsKey(Recommender.INDEX_CHANNEL)) {
        throw new UsageException("--channels must give the index channel's quota (index=Q)");
      }
      Ordering o = parseOrdering("--ordering", ordering);
      Ordering nu =
          newUserOrdering == null ? null : parseOrdering("--new-user-ordering", newUserOrdering);
      if (!(combinationWeight >= 0 && combinationWeight <= 1e6)) {
        throw new UsageException(
            "--combination-weight must be in 0..1e6, got " + combinationWeight);
      }
      try {
        CoOccurrenceChannel.Builder co =
            CoOccurrenceChannel.newBuilder()
                .withWindow(coocWindow)
                .withNeighbours(coocNeighbours)
                .withRecent(coocRecent)
                .withDecay(coocDecay);
        GenrePopularityChannel.Builder gp =
            GenrePopularityChannel.newBuilder()
                .withLatest(genreLatest)
                .withHistoryGenres(genreHistory)
                .withDemographicWeight(genreDemographicWeight);
        if (!(trendingDays * 86400 >= 1 && trendingDays <= 1e6)) {
          throw new UsageException("--trending-days must be in 1e-5..1e6, got " + trendingDays);
        }
        TrendingChannel.Builder tr =
            TrendingChannel.newBuilder()
                .withTimeConstant(Duration.ofMillis(Math.round(trendingDays * 86_400_000)));
        return new ChannelOptions(quotas, weights, o, combinationWeight, nu, co, gp, tr);
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "a --cooc-* or --genre-* value is out of range: " + e.getMessage());
      }
    }
  }

  private static Ordering parseOrdering(String flag, String value) {
    try {
      return Ordering.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          flag
              + " must be auto, watch, rating, recall, watch-times-rating or combined, got '"
              + value
              + "'");
    }
  }

  /** Only the index channel with {@code candidates}, ordering AUTO: the recommender of before. */
  static ChannelOptions indexOnly(int candidates) {
    return new ChannelOptions(
        Map.of(Recommender.INDEX_CHANNEL, candidates),
        Map.of(Recommender.INDEX_CHANNEL, 1.0),
        Ordering.AUTO,
        Recommender.DEFAULT_COMBINATION_WEIGHT,
        null,
        CoOccurrenceChannel.newBuilder(),
        GenrePopularityChannel.newBuilder(),
        TrendingChannel.newBuilder());
  }

  /** The index channel's quota. */
  int candidates() {
    return quotas.get(Recommender.INDEX_CHANNEL);
  }

  /**
   * Adds the channels, built from the histories in {@code stores}, and the ordering; the trending
   * channel counts the ratings given to {@link #trending()} before.
   */
  Recommender.Builder apply(Recommender.Builder b, ServingStores stores) {
    b.withCandidates(candidates())
        .withIndexWeight(weights.get(Recommender.INDEX_CHANNEL))
        .withOrdering(ordering)
        .withNewUserOrdering(newUserOrdering)
        .withCombinationWeight(combinationWeight);
    for (Map.Entry<String, Integer> e : quotas.entrySet()) {
      double w = weights.get(e.getKey());
      switch (e.getKey()) {
        case CoOccurrenceChannel.NAME ->
            b.withChannel(coOccurrence.build(stores.users()), e.getValue(), w);
        case GenrePopularityChannel.NAME ->
            b.withChannel(genrePopular.build(stores.users(), stores.movies()), e.getValue(), w);
        case TrendingChannel.NAME ->
            b.withChannel(trending.build(stores.movies()), e.getValue(), w);
        default -> {}
      }
    }
    return b;
  }
}
