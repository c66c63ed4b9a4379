package io.movierec.index.knn;

import java.util.Arrays;

/**
 * A map from any int key to a non-negative int value, without boxing: open addressing with linear
 * probing, at most half full, and backward-shift deletion (no tombstones). Not thread-safe; its
 * owner guards it.
 */
final class IntIntMap {

  /** What {@link #get} and {@link #remove} answer for an absent key. */
  static final int ABSENT = -1;

  private int[] keys;
  private int[] values; // ABSENT marks a free slot
  private int size;

  /** A map with room for {@code expectedSize} entries before it grows. */
  IntIntMap(int expectedSize) {
    int capacity = Integer.highestOneBit(Math.max(4, expectedSize) * 2 - 1) << 1;
    keys = new int[capacity];
    values = new int[capacity];
    Arrays.fill(values, ABSENT);
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or {@link #ABSENT}. */
  int get(int key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); values[i] != ABSENT; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
    }
    return ABSENT;
  }

  /** Maps {@code key} to {@code value} (which must be at least 0). */
  void put(int key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("value must not be negative, got " + value);
    }
    if (2 * (size + 1) > keys.length) {
      rehash(keys.length * 2);
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (values[i] != ABSENT && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (values[i] == ABSENT) {
      size++;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Removes {@code key}; returns its value, or {@link #ABSENT}. */
  int remove(int key) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (values[i] != ABSENT && keys[i] != key) {
      i = (i + 1) & mask;
    }
    int old = values[i];
    if (old == ABSENT) {
      return ABSENT;
    }
    values[i] = ABSENT;
    size--;
    // Shift back every later entry of the run that could have sat in the freed slot, so that
    // no lookup stops early at the hole.
    for (int j = (i + 1) & mask; values[j] != ABSENT; j = (j + 1) & mask) {
      int home = slot(keys[j], mask);
      boolean homeInHoleToJ = i < j ? (home > i && home <= j) : (home > i || home <= j);
      if (!homeInHoleToJ) {
        keys[i] = keys[j];
        values[i] = values[j];
        values[j] = ABSENT;
        i = j;
      }
    }
    return old;
  }

  /** The heap the two arrays hold, in bytes. */
  long memoryBytes() {
    return 2L * (16 + 4L * keys.length);
  }

  private void rehash(int capacity) {
    int[] oldKeys = keys;
    int[] oldValues = values;
    keys = new int[capacity];
    values = new int[capacity];
    Arrays.fill(values, ABSENT);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != ABSENT) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int slot(int key, int mask) {
    int h = key * 0x9E3779B9; // Fibonacci hashing spreads consecutive ids
    return (h ^ (h >>> 16)) & mask;
  }
}
