package io.movierec.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * A set of positive ints without boxing (open addressing, linear probing), remembering the order
 * values were first added. Not thread safe while it is being filled.
 */
final class IntSet {
  private int[] slots; // 0 marks an empty slot
  private int[] inOrder;
  private int size;

  IntSet(int expectedSize) {
    int capacity = Integer.highestOneBit(Math.max(4, expectedSize) * 2 - 1) * 2;
    slots = new int[capacity];
    inOrder = new int[Math.max(4, expectedSize)];
  }

  /** An IntSet of {@code values}. */
  static IntSet of(Iterable<Integer> values, int size) {
    IntSet set = new IntSet(size);
    values.forEach(set::add);
    return set;
  }

  /**
   * Adds {@code value}; returns true if it was not there yet.
   *
   * @throws IllegalArgumentException if {@code value} is not positive
   */
  boolean add(int value) {
    checkArgument(value > 0, "IntSet holds positive ints, got %s", value);
    int mask = slots.length - 1;
    int i = hash(value) & mask;
    while (slots[i] != 0) {
      if (slots[i] == value) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = value;
    if (size == inOrder.length) {
      inOrder = Arrays.copyOf(inOrder, size * 2);
    }
    inOrder[size++] = value;
    if (size * 2 > slots.length) {
      rehash();
    }
    return true;
  }

  boolean contains(int value) {
    int mask = slots.length - 1;
    int i = hash(value) & mask;
    int slot;
    while ((slot = slots[i]) != 0) {
      if (slot == value) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  int size() {
    return size;
  }

  /** The values in the order they were first added. */
  int[] toArray() {
    return Arrays.copyOf(inOrder, size);
  }

  private void rehash() {
    int[] old = inOrder;
    int count = size;
    slots = new int[slots.length * 2];
    size = 0;
    inOrder = new int[old.length];
    for (int k = 0; k < count; k++) {
      add(old[k]);
    }
  }

  private static int hash(int value) {
    int h = value * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
