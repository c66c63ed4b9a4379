package io.movierec.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything the user slots can read about a user at the moment of a request: the id (0 for a
 * brand-new user), the demographics (null where the data set has none), the zip code, the movies
 * the user rated before, most recent first, and the scores they gave them.
 *
 * @param userId the user's id, or 0 for a new user
 * @param profile the demographics, or null; use {@link #profileIfKnown()} to read it
 * @param zip the zip code, possibly empty
 * @param history movie ids the user rated before, most recent first (possibly empty)
 * @param historyScores the scores of {@code history}, in the same order; empty when unknown
 */
public record UserContext(
    int userId, @Nullable UserProfile profile, String zip, int[] history, float[] historyScores) {

  private static final int[] NO_MOVIES = new int[0];
  private static final float[] NO_SCORES = new float[0];

  public UserContext {
    checkArgument(userId >= 0, "user id must not be negative, got %s", userId);
    checkNotNull(zip, "zip");
    history = history.clone();
    historyScores = historyScores.clone();
    checkArgument(
        historyScores.length == 0 || historyScores.length == history.length,
        "%s scores for %s history movies",
        historyScores.length,
        history.length);
  }

  /** A known user with no history. */
  public static UserContext of(User user) {
    return new UserContext(user.id(), user.profile(), user.zip(), NO_MOVIES, NO_SCORES);
  }

  /** A known user with the movies they rated, most recent first (scores unknown). */
  public static UserContext of(User user, int[] history) {
    return new UserContext(user.id(), user.profile(), user.zip(), history, NO_SCORES);
  }

  /** A known user with the movies they rated and the scores they gave, most recent first. */
  public static UserContext of(User user, int[] history, float[] scores) {
    return new UserContext(user.id(), user.profile(), user.zip(), history, scores);
  }

  /** A brand-new user known only by demographics. */
  public static UserContext newUser(UserProfile profile) {
    return new UserContext(0, checkNotNull(profile, "profile"), "", NO_MOVIES, NO_SCORES);
  }

  /** The demographics, if known. */
  public Optional<UserProfile> profileIfKnown() {
    return Optional.ofNullable(profile);
  }

  @Override
  public int[] history() {
    return history.clone();
  }

  @Override
  public float[] historyScores() {
    return historyScores.clone();
  }

  /** The {@code i}-th most recent movie (0 = latest), without copying the history. */
  public int historyAt(int i) {
    return history[i];
  }

  /** The score of the {@code i}-th most recent movie; only if {@link #hasScores()}. */
  public float scoreAt(int i) {
    return historyScores[i];
  }

  /** The number of movies in the history. */
  public int historyLength() {
    return history.length;
  }

  /** True if the scores of the history are known. */
  public boolean hasScores() {
    return historyScores.length == history.length && history.length > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserContext c
        && c.userId == userId
        && Objects.equals(c.profile, profile)
        && c.zip.equals(zip)
        && Arrays.equals(c.history, history)
        && Arrays.equals(c.historyScores, historyScores);
  }

  @Override
  public int hashCode() {
    return (userId * 31 + Objects.hashCode(profile)) * 31 + Arrays.hashCode(history);
  }

  @Override
  public String toString() {
    return "UserContext[userId="
        + userId
        + ", profile="
        + profile
        + ", zip="
        + zip
        + ", history="
        + history.length
        + " movies]";
  }
}
