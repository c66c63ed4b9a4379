package io.movierec.index.knn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntIntMapTest {

  @Test
  void answersAbsentForAnUnknownKey() {
    assertThat(new IntIntMap(4).get(7)).isEqualTo(IntIntMap.ABSENT);
  }

  @Test
  void replacesTheValueOfAKeyPutTwice() {
    IntIntMap map = new IntIntMap(4);
    map.put(7, 1);
    map.put(7, 2);

    assertThat(map.get(7)).isEqualTo(2);
    assertThat(map.size()).isEqualTo(1);
  }

  @Test
  void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
    IntIntMap map = new IntIntMap(2);
    Map<Integer, Integer> model = new HashMap<>();
    Random random = new Random(1);
    for (int step = 0; step < 200_000; step++) {
      // A small key range makes long probe runs, collisions and removals inside runs common.
      int key = random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(500) - 250;
      if (random.nextInt(3) == 0) {
        assertThat(map.remove(key)).isEqualTo(model.getOrDefault(key, IntIntMap.ABSENT));
        model.remove(key);
      } else {
        int value = random.nextInt(1_000_000);
        map.put(key, value);
        model.put(key, value);
      }
    }
    assertThat(map.size()).isEqualTo(model.size());
    model.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
    for (int key = -250; key < 250; key++) {
      assertThat(map.get(key)).isEqualTo(model.getOrDefault(key, IntIntMap.ABSENT));
    }
  }
}
