package io.movierec.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Murmur3HasherTest {

  @Test
  void neverLandsOnThePaddingRow() {
    Murmur3Hasher hasher = new Murmur3Hasher(2);
    for (int i = 0; i < 1000; i++) {
      assertThat(hasher.hash("userid", Integer.toString(i))).isEqualTo(1);
    }
  }

  @Test
  void staysWithinTheBucketCount() {
    Murmur3Hasher hasher = new Murmur3Hasher(1000);
    for (int i = 0; i < 10_000; i++) {
      assertThat(hasher.hash("title", "w" + i)).isBetween(1, 999);
    }
  }

  @Test
  void givesTheSameValueDifferentRowsInDifferentSlots() {
    Murmur3Hasher hasher = new Murmur3Hasher();
    int differ = 0;
    for (int i = 0; i < 100; i++) {
      if (hasher.hash("userid", "" + i) != hasher.hash("movieid", "" + i)) {
        differ++;
      }
    }
    assertThat(differ).isGreaterThan(95);
  }

  @Test
  void spreadsValuesOverTheTable() {
    Murmur3Hasher hasher = new Murmur3Hasher(600_000);
    Set<Integer> rows = new HashSet<>();
    for (int i = 1; i <= 6040; i++) {
      rows.add(hasher.hash("userid", Integer.toString(i)));
    }
    // Expected collisions for 6040 keys in 600k buckets are about 30.
    assertThat(rows.size()).isGreaterThan(5960);
  }

  @Test
  void isRebuiltEqualFromItsSpec() {
    FeatureHasher h = new Murmur3Hasher(1234);
    FeatureHasher back = FeatureHasher.fromSpec(h.spec());
    assertThat(back).isEqualTo(h);
    assertThat(back.hash("genres", "Drama")).isEqualTo(h.hash("genres", "Drama"));
  }

  @Test
  void readsABareKindWithTheDefaultBucketCount() {
    assertThat(FeatureHasher.fromSpec("paddlerec")).isEqualTo(new PaddleRecHasher(600_000));
  }

  @Test
  void rejectsAnUnknownKind() {
    assertThatThrownBy(() -> FeatureHasher.fromSpec("md5:10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown hasher 'md5'");
  }
}
