package io.movierec.recommend;

import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The rank stage's model: predicts how a user would rate each candidate movie. The DNN ranker of
 * {@code movierec-models} implements it. Implementations are thread-safe.
 */
public interface RankingModel extends AutoCloseable {

  /** The predicted rating of each movie, in list order. */
  float[] score(UserContext user, List<Movie> movies);

  /**
   * Both outputs for each movie: the probability the user watches it next and the predicted rating.
   * A ranker that only predicts ratings (the default) returns NaN watch scores.
   */
  default RankScores scores(UserContext user, List<Movie> movies) {
    return RankScores.ratingsOnly(score(user, movies));
  }

  /** Whether {@link #scores} gives watch probabilities (false for a rating-only ranker). */
  default boolean predictsWatching() {
    return false;
  }

  /** A name of the model's kind, saved in bundles to find its loader ({@code "dnn-ranker"}). */
  String kind();

  /**
   * The inputs the model was trained to read, as text: for a model of hashed slot features, its
   * slot schema and hasher ({@code "schema=... hasher=..."}); empty if the model does not say. The
   * recall model and the ranker of one bundle must read the same features ({@link Recommender#save}
   * and {@link Recommender#load} refuse them otherwise).
   */
  default String features() {
    return "";
  }

  /** Saves the model into {@code directory}, atomically. */
  void save(Path directory) throws IOException;

  /**
   * Saves what serving needs into {@code directory}, atomically: the form a recommender bundle
   * holds. A model with training state it does not need to infer (optimiser moments, rows no input
   * can reach) leaves it out; one loaded back predicts as this one does but may not be trainable.
   * By default the same as {@link #save}.
   */
  default void saveForServing(Path directory) throws IOException {
    save(directory);
  }

  /**
   * Releases what the model holds outside the heap (a TensorFlow session and graph, or a wrapped
   * ranker); the model must not be used afterwards. Idempotent: a second call does nothing.
   */
  @Override
  void close();
}
