package io.movierec.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A known user.
 *
 * @param id the MovieLens user id, at least 1
 * @param profile the user's demographics, or {@code null} where the data set records none (the
 *     ml-latest CSV files); use {@link #profileIfKnown()} to read it
 * @param zip the zip code as recorded (may be empty, never null), at most {@link #MAX_ZIP_LENGTH}
 *     characters
 */
public record User(int id, @Nullable UserProfile profile, String zip) {

  /** The longest zip code a user may have, in characters: 32 (MovieLens's longest has 10). */
  public static final int MAX_ZIP_LENGTH = 32;

  public User {
    checkArgument(id >= 1, "user id must be at least 1, got %s", id);
    checkNotNull(zip, "zip");
    checkArgument(
        zip.length() <= MAX_ZIP_LENGTH,
        "zip code of user %s has %s characters, more than %s",
        id,
        zip.length(),
        MAX_ZIP_LENGTH);
  }

  /** A user with demographics. */
  public static User of(int id, Gender gender, AgeBucket age, Occupation occupation, String zip) {
    return new User(id, new UserProfile(gender, age, occupation), zip);
  }

  /** A user of a data set that records no demographics. */
  public static User withoutProfile(int id) {
    return new User(id, null, "");
  }

  /** The demographics, if the data set has them. */
  public Optional<UserProfile> profileIfKnown() {
    return Optional.ofNullable(profile);
  }
}
