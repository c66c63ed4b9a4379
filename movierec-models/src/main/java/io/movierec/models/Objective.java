package io.movierec.models;

import java.util.Locale;

/** What a model is trained to do. */
public enum Objective {
  /** Predict the rating; loss = mean squared error. The reference's objective for both models. */
  MSE,
  /**
   * Retrieval (two-tower only): for each rated (user, movie) pair of a batch, score the movie
   * against every other movie of the batch with {@code cos(u, m) / temperature}, optionally minus
   * the log of the movie's sampling probability (log-Q correction), and take the softmax cross
   * entropy of the true movie. Other rows of the same movie are masked out.
   */
  SAMPLED_SOFTMAX,
  /**
   * Watch ranker only: binary cross entropy of "the user watched this movie" over rated movies
   * (positives) and sampled unrated ones (negatives), plus the mean squared error of the predicted
   * rating over the positives.
   */
  WATCH;

  /**
   * Parses {@code mse}, {@code sampled_softmax} (also {@code softmax}) or {@code watch},
   * case-insensitively.
   *
   * @throws IllegalArgumentException naming the value otherwise
   */
  public static Objective parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "mse" -> MSE;
      case "sampled_softmax", "softmax" -> SAMPLED_SOFTMAX;
      case "watch" -> WATCH;
      default ->
          throw new IllegalArgumentException(
              "unknown objective '" + name + "' (expected mse, sampled_softmax or watch)");
    };
  }
}
