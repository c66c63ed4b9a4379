package io.movierec.cli;

import io.movierec.prepare.ServingStores;
import io.movierec.recommend.CoOccurrenceChannel;
import io.movierec.recommend.GenrePopularityChannel;
import io.movierec.recommend.Ordering;
import io.movierec.recommend.Recommender;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The recall channels and the ordering of a recommender the command line assembles ({@code bundle},
 * {@code evaluate --online}):
 *
 * <pre>
 *   --channels index=Q[:W],co-occurrence=Q[:W],genre-popular=Q[:W]   quotas (and fusion weights)
 *   --ordering auto|watch|rating|recall|watch-times-rating
 *   --cooc-window N --cooc-neighbours N --cooc-recent N --cooc-decay X
 *   --genre-latest N --genre-history N --genre-demographic-weight X
 * </pre>
 *
 * The default channels, {@value #DEFAULT_CHANNELS}, were chosen on the ml-100k validation split
 * (docs/results.md, "Recall channels"); {@code --channels index=100} is the index alone.
 *
 * @param quotas each channel's quota, in order, the index first
 * @param weights each channel's fusion weight
 * @param ordering the ordering
 */
record ChannelOptions(
    Map<String, Integer> quotas,
    Map<String, Double> weights,
    Ordering ordering,
    CoOccurrenceChannel.Builder coOccurrence,
    GenrePopularityChannel.Builder genrePopular) {

  static final String DEFAULT_CHANNELS = "index=60,co-occurrence=30,genre-popular=10:0.5";

  static final Set<String> KEYS =
      Set.of(
          "channels",
          "candidates",
          "ordering",
          "cooc-window",
          "cooc-neighbours",
          "cooc-recent",
          "cooc-decay",
          "genre-latest",
          "genre-history",
          "genre-demographic-weight");

  static final String USAGE =
      "[--channels index=Q,co-occurrence=Q,genre-popular=Q] [--candidates INDEX_QUOTA] "
          + "[--ordering auto|watch|rating|recall|watch-times-rating]\n"
          + "        [--cooc-window N] [--cooc-neighbours N] [--cooc-recent N] [--cooc-decay X]"
          + " [--genre-latest N] [--genre-history N] [--genre-demographic-weight X]";

  /** The options in {@code a}, defaults for those absent. */
  static ChannelOptions parse(Args a) {
    Map<String, Integer> quotas = new LinkedHashMap<>();
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String item : a.get("channels", DEFAULT_CHANNELS).split(",")) {
      String[] kv = item.trim().split("=");
      String[] qw = kv.length == 2 ? kv[1].split(":") : new String[0];
      String name = kv[0];
      if (qw.length < 1
          || qw.length > 2
          || !Set.of(
                  Recommender.INDEX_CHANNEL, CoOccurrenceChannel.NAME, GenrePopularityChannel.NAME)
              .contains(name)) {
        throw new Args.UsageException(
            "--channels takes NAME=QUOTA[:WEIGHT],... with NAME index, co-occurrence or "
                + "genre-popular; got '"
                + item
                + "'");
      }
      try {
        quotas.put(name, Integer.parseInt(qw[0]));
        weights.put(name, qw.length == 2 ? Double.parseDouble(qw[1]) : 1.0);
      } catch (NumberFormatException e) {
        throw new Args.UsageException(
            "--channels: quota or weight is not a number in '" + item + "'");
      }
    }
    if (a.has("candidates")) {
      quotas.put(Recommender.INDEX_CHANNEL, a.integer("candidates", 0));
    }
    if (!quotas.containsKey(Recommender.INDEX_CHANNEL)) {
      throw new Args.UsageException("--channels must give the index channel's quota (index=Q)");
    }
    Ordering ordering;
    String o = a.get("ordering", "auto");
    try {
      ordering = Ordering.valueOf(o.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(
          "--ordering must be auto, watch, rating, recall or watch-times-rating, got '" + o + "'");
    }
    CoOccurrenceChannel.Builder co =
        CoOccurrenceChannel.newBuilder()
            .withWindow(a.integer("cooc-window", 10))
            .withNeighbours(a.integer("cooc-neighbours", 100))
            .withRecent(a.integer("cooc-recent", 10))
            .withDecay(a.decimal("cooc-decay", 0.8f));
    GenrePopularityChannel.Builder gp =
        GenrePopularityChannel.newBuilder()
            .withLatest(a.integer("genre-latest", 50))
            .withHistoryGenres(a.integer("genre-history", 50))
            .withDemographicWeight(a.decimal("genre-demographic-weight", 1f));
    return new ChannelOptions(quotas, weights, ordering, co, gp);
  }

  /** Only the index channel with {@code candidates}, ordering AUTO: the recommender of before. */
  static ChannelOptions indexOnly(int candidates) {
    return new ChannelOptions(
        Map.of(Recommender.INDEX_CHANNEL, candidates),
        Map.of(Recommender.INDEX_CHANNEL, 1.0),
        Ordering.AUTO,
        CoOccurrenceChannel.newBuilder(),
        GenrePopularityChannel.newBuilder());
  }

  /** The index channel's quota. */
  int candidates() {
    return quotas.get(Recommender.INDEX_CHANNEL);
  }

  /** Adds the channels, built from the histories in {@code stores}, and the ordering. */
  Recommender.Builder apply(Recommender.Builder b, ServingStores stores) {
    b.withCandidates(candidates())
        .withIndexWeight(weights.get(Recommender.INDEX_CHANNEL))
        .withOrdering(ordering);
    for (Map.Entry<String, Integer> e : quotas.entrySet()) {
      double w = weights.get(e.getKey());
      switch (e.getKey()) {
        case CoOccurrenceChannel.NAME ->
            b.withChannel(coOccurrence.build(stores.users()), e.getValue(), w);
        case GenrePopularityChannel.NAME ->
            b.withChannel(genrePopular.build(stores.users(), stores.movies()), e.getValue(), w);
        default -> {}
      }
    }
    return b;
  }
}
