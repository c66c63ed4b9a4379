package io.movierec.prepare;

import io.movierec.data.MovieLensDataset;
import io.movierec.data.ReadOptions;
import io.movierec.recommend.MovieStore;
import io.movierec.recommend.UserStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The catalogue and the user store a recommender serves from, built from MovieLens data: every
 * movie, every user, and every rating as the user's history (all of it counts as seen).
 *
 * @param movies the catalogue
 * @param users the users with their histories
 */
public record ServingStores(MovieStore movies, UserStore users) {

  /**
   * Reads {@code directory}: a prepared data set (with {@code dataset.properties}) or a MovieLens
   * directory in any supported format.
   */
  public static ServingStores read(Path directory) throws IOException {
    if (Files.exists(directory.resolve(PreparedDataset.INFO))) {
      return of(PreparedDataset.open(directory));
    }
    MovieLensDataset data = MovieLensDataset.open(directory, ReadOptions.defaults());
    UserStore.Builder users = UserStore.newBuilder().addUsers(data.users().values());
    data.forEachRating(
        (user, movie, score, time, line) -> users.addRating(user, movie, score, time));
    return new ServingStores(MovieStore.of(data.movies().values()), users.build());
  }

  /** Receives one rating's movie and time (seconds since the epoch). */
  @FunctionalInterface
  public interface RatingTimes {
    /** Takes one rating. */
    void accept(int movieId, long time);
  }

  /**
   * Hands the movie and time of every rating in {@code directory}, read as {@link #read} reads it,
   * to {@code sink}: what a time-aware channel (the trending one) is built from.
   */
  public static void forEachRatingTime(Path directory, RatingTimes sink) throws IOException {
    if (Files.exists(directory.resolve(PreparedDataset.INFO))) {
      SplitRatings r = PreparedDataset.open(directory).ratings();
      for (int i = 0; i < r.size(); i++) {
        sink.accept(r.movie(i), r.time(i));
      }
      return;
    }
    MovieLensDataset.open(directory, ReadOptions.defaults())
        .forEachRating((user, movie, score, time, line) -> sink.accept(movie, time));
  }

  /** The stores of a prepared data set: its catalogue and all its ratings. */
  public static ServingStores of(PreparedDataset data) throws IOException {
    return of(data, java.util.EnumSet.allOf(SplitRatings.Part.class));
  }

  /**
   * The stores of a prepared data set with only the ratings of some parts as history — e.g. train
   * and validation, to evaluate the online path on the held-out test ratings.
   */
  public static ServingStores of(PreparedDataset data, java.util.Set<SplitRatings.Part> parts)
      throws IOException {
    UserStore.Builder users = UserStore.newBuilder().addUsers(data.users().values());
    SplitRatings r = data.ratings();
    for (int i = 0; i < r.size(); i++) {
      if (parts.contains(r.part(i))) {
        users.addRating(r.user(i), r.movie(i), r.score(i), r.time(i));
      }
    }
    return new ServingStores(MovieStore.of(data.movies().values()), users.build());
  }

  /**
   * The stores of a prepared data set with each user as known before a held-out part: the training
   * ratings for the validation part, training and validation ratings for the test part. Each
   * context encodes to the user row {@code prepare} wrote into that part's sample of the user (with
   * a history schema): the training ratings are added first and the validation ones after them, so
   * among ratings of the same second a validation rating counts as the more recent, as {@code
   * prepare} orders them. (The stores of {@link #of(PreparedDataset, java.util.Set)} order
   * same-second ratings by file order alone.)
   *
   * @throws IllegalArgumentException if {@code part} is the training part
   */
  public static ServingStores before(PreparedDataset data, SplitRatings.Part part)
      throws IOException {
    if (part == SplitRatings.Part.TRAIN) {
      throw new IllegalArgumentException("nothing comes before the training part");
    }
    UserStore.Builder users = UserStore.newBuilder().addUsers(data.users().values());
    SplitRatings r = data.ratings();
    for (SplitRatings.Part earlier :
        part == SplitRatings.Part.TEST
            ? List.of(SplitRatings.Part.TRAIN, SplitRatings.Part.VALIDATION)
            : List.of(SplitRatings.Part.TRAIN)) {
      for (int i = 0; i < r.size(); i++) {
        if (r.part(i) == earlier) {
          users.addRating(r.user(i), r.movie(i), r.score(i), r.time(i));
        }
      }
    }
    return new ServingStores(MovieStore.of(data.movies().values()), users.build());
  }
}
