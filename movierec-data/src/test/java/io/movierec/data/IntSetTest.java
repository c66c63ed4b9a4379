package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntSetTest {

  @Test
  void agreesWithAHashSetOnRandomValuesAndKeepsInsertionOrder() {
    Random random = new Random(7);
    IntSet set = new IntSet(4);
    Set<Integer> reference = new LinkedHashSet<>();
    for (int i = 0; i < 20_000; i++) {
      int value = 1 + random.nextInt(i % 2 == 0 ? 5_000 : Integer.MAX_VALUE - 1);
      assertThat(set.add(value)).isEqualTo(reference.add(value));
    }
    for (int probe = 1; probe < 6_000; probe++) {
      assertThat(set.contains(probe)).isEqualTo(reference.contains(probe));
    }
    assertThat(set.size()).isEqualTo(reference.size());
    assertThat(set.toArray())
        .containsExactly(reference.stream().mapToInt(Integer::intValue).toArray());
  }

  @Test
  void rejectsValuesThatAreNotPositive() {
    assertThatThrownBy(() -> new IntSet(4).add(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
