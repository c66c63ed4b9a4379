package io.movierec.recommend;

/**
 * The largest {@code long} keys seen, in a min-heap over a caller's array: the channels' bounded
 * top-n selection without sorting every candidate (keys are a score's bits over an index).
 */
final class TopKeys {

  private TopKeys() {}

  /**
   * Offers {@code key} to the heap of {@code size} keys in {@code heap} holding at most {@code
   * cap}; returns the new size.
   */
  static int offer(long[] heap, int size, int cap, long key) {
    if (size < cap) {
      siftUp(heap, size, key);
      return size + 1;
    }
    if (key > heap[0]) {
      siftDown(heap, size, key);
    }
    return size;
  }

  private static void siftUp(long[] heap, int i, long key) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= key) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = key;
  }

  /** Replaces the smallest key of a full heap of {@code size} with {@code key}. */
  private static void siftDown(long[] heap, int size, long key) {
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) {
        break;
      }
      if (c + 1 < size && heap[c + 1] < heap[c]) {
        c++;
      }
      if (key <= heap[c]) {
        break;
      }
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = key;
  }
}
