package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.recommend.Ordering;
import io.movierec.recommend.Recommender;
import org.junit.jupiter.api.Test;

/** The channel and ordering options of the commands that assemble a recommender. */
class ChannelOptionsTest {

  private static ChannelOptions parse(String... argv) {
    return Main.parse(new ChannelOptions.Flags(), argv).toOptions();
  }

  @Test
  void theCombinedOrderingAndItsWeightAreOptions() {
    ChannelOptions o = parse("--ordering", "combined", "--combination-weight", "0.3");
    assertThat(o.ordering()).isEqualTo(Ordering.COMBINED);
    assertThat(o.combinationWeight()).isEqualTo(0.3);
  }

  @Test
  void theCombinationWeightDefaultsToTheRecommendersDefault() {
    assertThat(parse().combinationWeight()).isEqualTo(Recommender.DEFAULT_COMBINATION_WEIGHT);
  }

  @Test
  void aNegativeCombinationWeightIsAUsageErrorNamingTheOption() {
    assertThatThrownBy(() -> parse("--combination-weight", "-1"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--combination-weight")
        .hasMessageContaining("-1.0");
  }

  @Test
  void anUnknownOrderingIsAUsageErrorListingTheOrderings() {
    assertThatThrownBy(() -> parse("--ordering", "best"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("combined")
        .hasMessageContaining("'best'");
  }

  @Test
  void theTrendingChannelTakesAQuotaAWeightAndATimeConstant() {
    ChannelOptions o = parse("--channels", "index=60,trending=100:100", "--trending-days", "7");
    assertThat(o.quotas()).containsEntry("trending", 100);
    assertThat(o.weights()).containsEntry("trending", 100.0);
    assertThat(o.trending().build(io.movierec.recommend.MovieStore.of(java.util.List.of())))
        .extracting(t -> t.timeConstant())
        .isEqualTo(java.time.Duration.ofDays(7));
  }

  @Test
  void aZeroTrendingTimeConstantIsAUsageErrorNamingTheOption() {
    assertThatThrownBy(() -> parse("--trending-days", "0"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--trending-days");
  }

  @Test
  void newUsersMayHaveTheirOwnOrdering() {
    assertThat(parse("--new-user-ordering", "recall").newUserOrdering()).isEqualTo(Ordering.RECALL);
    assertThat(parse().newUserOrdering()).isNull();
  }

  @Test
  void anUnknownNewUserOrderingIsAUsageErrorNamingTheOption() {
    assertThatThrownBy(() -> parse("--new-user-ordering", "best"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--new-user-ordering")
        .hasMessageContaining("'best'");
  }
}
