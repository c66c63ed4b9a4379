package io.movierec.blend;

import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.io.AtomicFiles;
import io.movierec.io.OutputDirectory;
import io.movierec.recommend.ComponentLoader;
import io.movierec.recommend.RankScores;
import io.movierec.recommend.RankingModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A ranker whose predictions a {@link RatingBlend} weighs with the {@link RatingStatistics}
 * features, for serving: what {@code movierec evaluate --blend} measures offline. A served user's
 * features come from their context (the movies and scores in the user store, ratings recorded after
 * the recommender was built included) and the statistics' biases and neighbours (a snapshot of the
 * ratings it was built with).
 *
 * <pre>{@code
 * // data prepared with --validation; ranker trained on data.trainData() only
 * RatingBlend blend = RatingBlend.fitOnValidation(validationRanker, data).blend();
 * blend.save(Path.of("blend.properties"));
 * // serving: the ranker trained on all training ratings, the users those ratings came from
 * RankingModel ranked = new BlendedRanker(DnnRanker.load(dir), blend, RatingStatistics.of(users));
 * Recommender r = Recommender.newBuilder(retrieval, index, movies).withUsers(users)
 *     .withRanker(ranked).build();
 * }</pre>
 *
 * <p>Saved as a directory: the wrapped ranker under {@value #RANKER_DIR}, its kind in {@value
 * #KIND_FILE}, the blend in {@value #BLEND_FILE} and the statistics in {@value #STATISTICS_FILE}.
 * Thread-safe when the wrapped ranker is; {@link #close} closes the wrapped ranker.
 */
public final class BlendedRanker implements RankingModel {

  /** The kind name saved in bundles. */
  public static final String KIND = "blended-ranker";

  /** The wrapped ranker's directory inside a saved blended ranker. */
  public static final String RANKER_DIR = "ranker";

  /** The file naming the wrapped ranker's kind. */
  public static final String KIND_FILE = "ranker.kind";

  /** The blend's file. */
  public static final String BLEND_FILE = "blend.properties";

  /** The statistics' file. */
  public static final String STATISTICS_FILE = "statistics.bin";

  private final RankingModel ranker;
  private final RatingBlend blend;
  private final RatingStatistics statistics;

  /**
   * Blends {@code ranker}'s predictions; the blended ranker owns the ranker from now on (closes
   * it).
   */
  public BlendedRanker(RankingModel ranker, RatingBlend blend, RatingStatistics statistics) {
    this.ranker = checkNotNull(ranker, "ranker");
    this.blend = checkNotNull(blend, "blend");
    this.statistics = checkNotNull(statistics, "statistics");
  }

  @Override
  public float[] score(UserContext user, List<Movie> movies) {
    float[] p = ranker.score(user, movies);
    double[][] f = statistics.features(user, movies);
    for (int i = 0; i < p.length; i++) {
      p[i] = blend.predict(p[i], f[i]);
    }
    return p;
  }

  /** The wrapped ranker's features. */
  @Override
  public String features() {
    return ranker.features();
  }

  /** The wrapped ranker's watch scores (if it predicts them) with the blended ratings. */
  @Override
  public RankScores scores(UserContext user, List<Movie> movies) {
    RankScores s = ranker.scores(user, movies);
    float[] p = s.rating().clone();
    double[][] f = statistics.features(user, movies);
    for (int i = 0; i < p.length; i++) {
      p[i] = blend.predict(p[i], f[i]);
    }
    return new RankScores(s.watch(), p);
  }

  /** Whether the wrapped ranker predicts watching. */
  @Override
  public boolean predictsWatching() {
    return ranker.predictsWatching();
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The wrapped ranker. */
  public RankingModel ranker() {
    return ranker;
  }

  /** The blend. */
  public RatingBlend blend() {
    return blend;
  }

  /** The statistics the features come from. */
  public RatingStatistics statistics() {
    return statistics;
  }

  @Override
  public void save(Path directory) throws IOException {
    write(directory, false);
  }

  /** Saves the blend with the wrapped ranker in its serving form. */
  @Override
  public void saveForServing(Path directory) throws IOException {
    write(directory, true);
  }

  private void write(Path directory, boolean forServing) throws IOException {
    AtomicFiles.writeDirectory(
        directory,
        OutputDirectory.Kind.of("blended-ranker", "blended ranker", KIND_FILE, BLEND_FILE),
        dir -> {
          if (forServing) {
            ranker.saveForServing(dir.resolve(RANKER_DIR));
          } else {
            ranker.save(dir.resolve(RANKER_DIR));
          }
          Files.writeString(dir.resolve(KIND_FILE), ranker.kind() + "\n", StandardCharsets.UTF_8);
          blend.save(dir.resolve(BLEND_FILE));
          statistics.save(dir.resolve(STATISTICS_FILE));
        });
  }

  /**
   * Loads a blended ranker {@link #save} wrote.
   *
   * @param loader loads the wrapped ranker by its kind (in a bundle, the loader that found this
   *     one)
   * @throws NoSuchFileException if a part is missing
   * @throws IllegalStateException if the wrapped ranker's kind is unknown
   */
  public static BlendedRanker load(Path directory, ComponentLoader loader) throws IOException {
    RatingBlend blend = RatingBlend.load(directory.resolve(BLEND_FILE));
    RatingStatistics statistics = RatingStatistics.load(directory.resolve(STATISTICS_FILE));
    String kind = Files.readString(directory.resolve(KIND_FILE), StandardCharsets.UTF_8).trim();
    RankingModel ranker =
        loader
            .loadRanking(kind, directory.resolve(RANKER_DIR))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        directory.resolve(KIND_FILE) + ": unknown ranker kind '" + kind + "'"));
    return new BlendedRanker(ranker, blend, statistics);
  }

  /** Closes the wrapped ranker. */
  @Override
  public void close() {
    ranker.close();
  }
}
