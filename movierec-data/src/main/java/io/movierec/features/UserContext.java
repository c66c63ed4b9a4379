package io.movierec.features;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import java.util.Arrays;

/**
 * Everything the user slots can read about a user at the moment of a request: the id (0 for a
 * brand-new user), the demographics (null where the data set has none), the zip code and the
 * movies the user rated before, most recent first (read by {@link Field#HISTORY}).
 *
 * @param userId the user's id, or 0 for a new user
 * @param profile the demographics, or null
 * @param zip the zip code, possibly empty
 * @param history movie ids the user rated before, most recent first (possibly empty)
 */
public record UserContext(int userId, UserProfile profile, String zip, int[] history) {

  private static final int[] NONE = new int[0];

  public UserContext {
    checkArgument(userId >= 0, "user id must not be negative, got %s", userId);
    checkNotNull(zip, "zip");
    history = history.clone();
  }

  /** A known user with no history. */
  public static UserContext of(User user) {
    return new UserContext(user.id(), user.profile(), user.zip(), NONE);
  }

  /** A known user with the movies they rated, most recent first. */
  public static UserContext of(User user, int[] history) {
    return new UserContext(user.id(), user.profile(), user.zip(), history);
  }

  /** A brand-new user known only by demographics. */
  public static UserContext newUser(UserProfile profile) {
    return new UserContext(0, checkNotNull(profile, "profile"), "", NONE);
  }

  @Override
  public int[] history() {
    return history.clone();
  }

  /** The {@code i}-th most recent movie (0 = latest); no copy. */
  int historyAt(int i) {
    return history[i];
  }

  /** The number of movies in the history. */
  int historyLength() {
    return history.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserContext c && c.userId == userId && java.util.Objects.equals(c.profile,
        profile) && c.zip.equals(zip) && Arrays.equals(c.history, history);
  }

  @Override
  public int hashCode() {
    return (userId * 31 + java.util.Objects.hashCode(profile)) * 31 + Arrays.hashCode(history);
  }

  @Override
  public String toString() {
    return "UserContext[userId=" + userId + ", profile=" + profile + ", zip=" + zip
        + ", history=" + history.length + " movies]";
  }
}
