package io.movierec.recommend;

import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The recall stage's model: turns users and movies into unit vectors whose inner product (the
 * cosine) scores a movie for a user. The two-tower model of {@code movierec-models} implements it.
 * Implementations are thread-safe.
 */
public interface RecallModel extends AutoCloseable {

  /** The length of every vector. */
  int vectorDimension();

  /** The unit vector of a user: known (id ≥ 1) or brand-new (id 0, demographics only). */
  float[] userVector(UserContext user);

  /** The unit vectors of movies, flat: movie {@code i} is {@code [i*d, (i+1)*d)}. */
  float[] movieVectors(List<Movie> movies);

  /** A name of the model's kind, saved in bundles to find its loader ({@code "two-tower"}). */
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
   * Releases what the model holds outside the heap (a TensorFlow session and graph); the model must
   * not be used afterwards. Idempotent: a second call does nothing.
   */
  @Override
  void close();
}
