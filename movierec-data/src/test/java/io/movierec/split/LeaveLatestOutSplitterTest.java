package io.movierec.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LeaveLatestOutSplitterTest {

  private static final LeaveLatestOutSplitter MODERN = LeaveLatestOutSplitter.newBuilder().build();
  private static final LeaveLatestOutSplitter PADDLE =
      LeaveLatestOutSplitter.newBuilder().withPaddleRecCompatible(true).build();

  @Test
  void putsEachUsersLatestRowInTest() {
    int[] users = {1, 1, 1, 2, 2};
    long[] times = {10, 30, 20, 5, 4};
    assertThat(MODERN.split(users, times).test()).containsExactly(1, 3);
  }

  @Test
  void breaksTiesInFavourOfTheFirstRowInFileOrder() {
    int[] users = {1, 1, 1};
    long[] times = {10, 30, 30};
    SplitResult r = MODERN.split(users, times);
    assertThat(r.test()).containsExactly(1);
    assertThat(r.train()).containsExactlyInAnyOrder(0, 2);
  }

  @Test
  void keepsTheOnlyRowOfAUserInTrain() {
    SplitResult r = MODERN.split(new int[] {1, 2, 2}, new long[] {1, 1, 2});
    assertThat(r.test()).containsExactly(2);
    assertThat(r.train()).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void takesTheValidationRowFromTheRemainingTrainingRows() {
    int[] users = {1, 1, 1, 1};
    long[] times = {10, 40, 30, 20};
    SplitResult r =
        LeaveLatestOutSplitter.newBuilder().withValidation(true).build().split(users, times);
    assertThat(r.test()).containsExactly(1);
    assertThat(r.validation()).containsExactly(2);
    assertThat(r.train()).containsExactlyInAnyOrder(0, 3);
  }

  @Test
  void accountsForEveryRowExactlyOnce() {
    int n = 1000;
    int[] users = IntStream.range(0, n).map(i -> i % 37).toArray();
    long[] times = IntStream.range(0, n).mapToLong(i -> (i * 7919L) % 101).toArray();
    SplitResult r =
        LeaveLatestOutSplitter.newBuilder().withValidation(true).build().split(users, times);
    int[] all =
        IntStream.concat(
                IntStream.concat(Arrays.stream(r.train()), Arrays.stream(r.test())),
                Arrays.stream(r.validation()))
            .sorted()
            .toArray();
    assertThat(all).isEqualTo(IntStream.range(0, n).toArray());
    assertThat(r.test()).hasSize(37);
    assertThat(r.validation()).hasSize(37);
  }

  @Test
  void shufflesTrainingRowsTheSameWayForTheSameSeed() {
    int[] users = IntStream.range(0, 500).map(i -> i % 5).toArray();
    long[] times = IntStream.range(0, 500).asLongStream().toArray();
    int[] a = LeaveLatestOutSplitter.newBuilder().withSeed(3).build().split(users, times).train();
    int[] b = LeaveLatestOutSplitter.newBuilder().withSeed(3).build().split(users, times).train();
    int[] c = LeaveLatestOutSplitter.newBuilder().withSeed(4).build().split(users, times).train();
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    assertThat(a).isNotEqualTo(IntStream.of(a).sorted().toArray());
  }

  @Test
  void paddleRecModeAlwaysKeepsTheFirstRowInTrain() {
    // The first row is the latest, but split.py never considers it for test.
    SplitResult r = PADDLE.split(new int[] {1, 1, 1}, new long[] {50, 10, 20});
    assertThat(r.test()).containsExactly(2);
    assertThat(r.train()).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void paddleRecModeReplacesTheCandidateOnlyOnAStrictlyLaterTime() {
    SplitResult r = PADDLE.split(new int[] {1, 1, 1, 1}, new long[] {1, 30, 30, 20});
    assertThat(r.test()).containsExactly(1);
  }

  @Test
  void paddleRecModeLeavesAOneRowUserOutOfTest() {
    assertThat(PADDLE.split(new int[] {4}, new long[] {9}).test()).isEmpty();
  }
}
