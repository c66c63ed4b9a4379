package io.movierec.recommend;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A recall channel of a {@link Recommender} with its quota and weight.
 *
 * @param channel the channel
 * @param quota the most movies per request the channel adds that earlier channels did not find
 * @param weight its weight in the merged recall score (reciprocal-rank fusion)
 */
public record ChannelQuota(RecallChannel channel, int quota, double weight) {

  /** Checks the quota (0 to 100,000) and the weight (positive). */
  public ChannelQuota {
    checkNotNull(channel, "channel");
    checkArgument(quota >= 0 && quota <= 100_000, "quota must be in 0..100000, got %s", quota);
    checkArgument(weight > 0 && weight < 1e6, "weight must be positive, got %s", weight);
  }

  /** The channel's name. */
  public String name() {
    return channel.name();
  }
}
