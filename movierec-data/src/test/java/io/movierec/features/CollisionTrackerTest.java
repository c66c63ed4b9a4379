package io.movierec.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CollisionTrackerTest {

  @Test
  void countsDistinctValuesThatShareARow() {
    CollisionTracker t = new CollisionTracker(new Murmur3Hasher(3)); // rows 1..2 only
    for (int i = 0; i < 10; i++) {
      t.hash("userid", "" + i);
      t.hash("userid", "" + i); // repeats do not count
    }
    CollisionReport r = t.report();
    assertThat(r.distinctValues()).isEqualTo(10);
    assertThat(r.rowsUsed()).isLessThanOrEqualTo(2);
    assertThat(r.collidingValues()).isEqualTo(10 - r.rowsUsed());
    assertThat(r.examples()).isNotEmpty();
  }

  @Test
  void reportsNoCollisionForValuesOnDistinctRows() {
    CollisionTracker t = new CollisionTracker(new Murmur3Hasher());
    t.hash("gender", "M");
    t.hash("gender", "F");
    assertThat(t.report().collidingValues()).isZero();
  }
}
