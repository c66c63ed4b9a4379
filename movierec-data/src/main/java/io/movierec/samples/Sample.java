package io.movierec.samples;

import java.util.Arrays;

/**
 * One training or test example: a rating joined with its user's and movie's feasigns.
 *
 * @param logId the row's id: the 1-based row of the rating in its source ratings file
 * @param time the rating's Unix time
 * @param userIds the user's feasigns, {@link io.movierec.features.SlotSchema#userWidth()} of them
 * @param movieIds the movie's feasigns, {@link io.movierec.features.SlotSchema#movieWidth()} of
 *     them
 * @param label the rating
 */
public record Sample(long logId, long time, int[] userIds, int[] movieIds, float label) {

  public Sample {
    userIds = userIds.clone();
    movieIds = movieIds.clone();
  }

  @Override
  public int[] userIds() {
    return userIds.clone();
  }

  @Override
  public int[] movieIds() {
    return movieIds.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sample s
        && s.logId == logId
        && s.time == time
        && Arrays.equals(s.userIds, userIds)
        && Arrays.equals(s.movieIds, movieIds)
        && Float.compare(s.label, label) == 0;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(logId) * 31 + Arrays.hashCode(userIds) * 17 + Arrays.hashCode(movieIds);
  }

  @Override
  public String toString() {
    return "Sample[logId="
        + logId
        + ", time="
        + time
        + ", user="
        + Arrays.toString(userIds)
        + ", movie="
        + Arrays.toString(movieIds)
        + ", label="
        + label
        + "]";
  }
}
