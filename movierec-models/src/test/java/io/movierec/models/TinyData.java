package io.movierec.models;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.features.FeatureEncoder;
import io.movierec.features.Murmur3Hasher;
import io.movierec.features.SlotSchema;
import io.movierec.samples.SampleWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small learnable data set for model tests: users and movies each belong to one of four taste
 * groups (visible through gender/age and genres); a user rates movies of their own group high and
 * others low, plus noise.
 */
final class TinyData {

  static final int BUCKETS = 20_000;
  static final FeatureEncoder ENCODER =
      new FeatureEncoder(SlotSchema.paddleRec(), new Murmur3Hasher(BUCKETS));
  static final Genre[] GROUP_GENRES = {Genre.ACTION, Genre.COMEDY, Genre.DRAMA, Genre.HORROR};

  final List<User> users = new ArrayList<>();
  final List<Movie> movies = new ArrayList<>();

  TinyData(int userCount, int movieCount) {
    for (int u = 1; u <= userCount; u++) {
      int g = group(u);
      users.add(
          User.of(
              u,
              g % 2 == 0 ? Gender.MALE : Gender.FEMALE,
              g < 2 ? AgeBucket.FROM_18_TO_24 : AgeBucket.FROM_45_TO_49,
              Occupation.fromCode(u % 21),
              ""));
    }
    for (int m = 1; m <= movieCount; m++) {
      movies.add(
          Movie.of(m, "Film " + m + " (199" + (m % 10) + ")", List.of(GROUP_GENRES[group(m)])));
    }
  }

  /** The variance of the labels in a sample file: the MSE of always predicting their mean. */
  static double labelVariance(Path file) throws IOException {
    double sum = 0;
    double sq = 0;
    int n = 0;
    try (var reader = io.movierec.samples.SampleReader.open(file, ENCODER.schema())) {
      for (var s : reader) {
        sum += s.label();
        sq += s.label() * s.label();
        n++;
      }
    }
    double mean = sum / n;
    return sq / n - mean * mean;
  }

  static int group(int id) {
    return id % 4;
  }

  static ModelBuilder<?, ?> small(ModelBuilder<?, ?> b) {
    return b.withSparseFeatureDim(8).withFcSizes(32, 16).withOptimizer(OptimizerKind.ADAM, 0.01f);
  }

  /**
   * Writes {@code rows} samples: random (user, movie) pairs, label 4.5 for a matching group and 1.5
   * otherwise, plus noise, clipped to 1..5.
   *
   * @param shuffleLabels permute the labels across rows, destroying all signal
   */
  Path write(Path file, int rows, long seed, boolean shuffleLabels) throws IOException {
    return write(file, rows, seed, shuffleLabels, 0);
  }

  /**
   * As {@link #write(Path, int, long, boolean)}, but a user picks a movie of their own group with
   * probability {@code ownGroupShare} (else any movie), so which movies a user rates carries the
   * taste signal too, as retrieval training needs.
   */
  Path write(Path file, int rows, long seed, boolean shuffleLabels, double ownGroupShare)
      throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    int[][] u = new int[rows][];
    int[][] m = new int[rows][];
    float[] labels = new float[rows];
    for (int i = 0; i < rows; i++) {
      User user = users.get(r.nextInt(users.size()));
      Movie movie = movies.get(r.nextInt(movies.size()));
      while (r.nextDouble() < ownGroupShare && group(movie.id()) != group(user.id())) {
        movie = movies.get(r.nextInt(movies.size()));
      }
      u[i] = ENCODER.encodeUser(user);
      m[i] = ENCODER.encodeMovie(movie);
      float base = group(user.id()) == group(movie.id()) ? 4.5f : 1.5f;
      labels[i] = Math.max(1, Math.min(5, Math.round(base + (float) r.nextGaussian() * 0.5f)));
    }
    if (shuffleLabels) {
      for (int i = rows - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        float t = labels[i];
        labels[i] = labels[j];
        labels[j] = t;
      }
    }
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      SampleWriter w = new SampleWriter(out, ENCODER.schema());
      for (int i = 0; i < rows; i++) {
        w.write(i + 1, 1000 + i, u[i], 0, m[i], 0, labels[i]);
      }
    }
    return file;
  }
}
