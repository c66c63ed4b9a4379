package io.movierec.features;

import java.util.List;

/**
 * How many distinct slot values share an embedding row with another value.
 *
 * @param distinctValues distinct (slot, value) pairs hashed
 * @param rowsUsed distinct rows they landed on
 * @param collidingValues values that landed on a row an earlier, different value already held
 * @param paddingHits values that landed on row 0, the padding row
 * @param examples a few colliding pairs, as {@code "slot:value ~ slot:value -> row"}
 */
public record CollisionReport(
    int distinctValues, int rowsUsed, int collidingValues, int paddingHits, List<String> examples) {

  public CollisionReport {
    examples = List.copyOf(examples);
  }

  @Override
  public String toString() {
    return distinctValues
        + " distinct values on "
        + rowsUsed
        + " rows: "
        + collidingValues
        + " share a row with another value, "
        + paddingHits
        + " on the padding row"
        + (examples.isEmpty() ? "" : " (e.g. " + String.join("; ", examples) + ")");
  }
}
