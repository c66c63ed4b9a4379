package io.movierec.synthetic;

import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.Movie;
import io.movierec.domain.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated data set held in memory, exactly as {@link #writeTo} writes it.
 *
 * @param users the users, ids 1..n ascending
 * @param movies the movies, ids ascending (with gaps, as in ml-1m)
 * @param ratings the ratings in file order (grouped by user)
 */
public record SyntheticDataset(List<User> users, List<Movie> movies, RatingColumns ratings) {

  public SyntheticDataset {
    users = List.copyOf(users);
    movies = List.copyOf(movies);
    checkNotNull(ratings, "ratings");
  }

  /**
   * Writes {@code users.dat}, {@code movies.dat} and {@code ratings.dat} in MovieLens 1M format
   * into {@code directory} (created if missing; files of these names are replaced, each
   * atomically).
   *
   * @return the directory and the counts written
   */
  public SyntheticSummary writeTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    Ml1mWriter.writeUsers(directory.resolve(SyntheticMovieLens.USERS_FILE), users);
    Ml1mWriter.writeMovies(directory.resolve(SyntheticMovieLens.MOVIES_FILE), movies);
    Ml1mWriter.writeRatings(directory.resolve(SyntheticMovieLens.RATINGS_FILE), ratings);
    return new SyntheticSummary(directory, users.size(), movies.size(), ratings.size());
  }
}
