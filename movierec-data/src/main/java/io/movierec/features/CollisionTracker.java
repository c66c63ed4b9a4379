package io.movierec.features;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hasher that passes every call to another and remembers which (slot, value) landed on which row,
 * to report collisions. Wrap the hasher with it while preparing data, then read {@link #report()}.
 * Thread-safe.
 */
public final class CollisionTracker implements FeatureHasher {

  private static final int MAX_EXAMPLES = 5;

  private final FeatureHasher delegate;
  private final Map<String, Integer> rowOfValue = new HashMap<>();
  private final Map<Integer, String> firstValueOfRow = new HashMap<>();
  private final List<String> examples = new ArrayList<>();
  private int colliding;
  private int paddingHits;

  /** Tracks the rows {@code delegate} hands out. */
  public CollisionTracker(FeatureHasher delegate) {
    this.delegate = checkNotNull(delegate, "delegate");
  }

  @Override
  public int hash(String slot, String value) {
    int row = delegate.hash(slot, value);
    String key = slot + ":" + value;
    synchronized (this) {
      if (rowOfValue.putIfAbsent(key, row) == null) {
        if (row == 0) {
          paddingHits++;
        }
        String first = firstValueOfRow.putIfAbsent(row, key);
        if (first != null) {
          colliding++;
          if (examples.size() < MAX_EXAMPLES) {
            examples.add(first + " ~ " + key + " -> " + row);
          }
        }
      }
    }
    return row;
  }

  @Override
  public int buckets() {
    return delegate.buckets();
  }

  @Override
  public String kind() {
    return delegate.kind();
  }

  /** The hasher being tracked. */
  public FeatureHasher delegate() {
    return delegate;
  }

  /** The collisions seen so far. */
  public synchronized CollisionReport report() {
    return new CollisionReport(
        rowOfValue.size(), firstValueOfRow.size(), colliding, paddingHits, examples);
  }
}
