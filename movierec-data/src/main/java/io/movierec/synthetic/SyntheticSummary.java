package io.movierec.synthetic;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * What {@link SyntheticMovieLens#writeTo} wrote.
 *
 * @param directory the directory holding {@code users.dat}, {@code movies.dat} and {@code
 *     ratings.dat}
 * @param users the number of users written
 * @param movies the number of movies written
 * @param ratings the number of ratings written
 */
public record SyntheticSummary(Path directory, int users, int movies, int ratings) {

  public SyntheticSummary {
    checkNotNull(directory, "directory");
  }

  /** The written {@code users.dat}. */
  public Path usersFile() {
    return directory.resolve(SyntheticMovieLens.USERS_FILE);
  }

  /** The written {@code movies.dat}. */
  public Path moviesFile() {
    return directory.resolve(SyntheticMovieLens.MOVIES_FILE);
  }

  /** The written {@code ratings.dat}. */
  public Path ratingsFile() {
    return directory.resolve(SyntheticMovieLens.RATINGS_FILE);
  }
}
