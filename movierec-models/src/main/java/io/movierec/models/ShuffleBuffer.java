package io.movierec.models;

import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Shuffles a stream of samples through a fixed-size buffer, so an epoch's order changes without
 * loading the data: each arriving row takes the place of a random buffered row, which is emitted. A
 * buffer at least as large as the data gives a uniform shuffle. Deterministic for a given seed.
 */
final class ShuffleBuffer {

  private final SampleReader reader;
  private final int capacity;
  private final int userWidth;
  private final int movieWidth;
  private final SplittableRandom random;
  private final long[] logIds;
  private final long[] times;
  private final int[] users;
  private final int[] movies;
  private final float[] labels;
  private final SampleBatch incoming;
  private int incomingPos;
  private int size;
  private boolean drained;

  ShuffleBuffer(SampleReader reader, int capacity, int userWidth, int movieWidth, long seed) {
    this.reader = reader;
    this.capacity = capacity;
    this.userWidth = userWidth;
    this.movieWidth = movieWidth;
    this.random = new SplittableRandom(seed);
    this.logIds = new long[capacity];
    this.times = new long[capacity];
    this.users = new int[capacity * userWidth];
    this.movies = new int[capacity * movieWidth];
    this.labels = new float[capacity];
    this.incoming = new SampleBatch(Math.min(capacity, 4096), userWidth, movieWidth);
  }

  /** Fills {@code out} (after clearing it) with the next shuffled rows; false when none is left. */
  boolean next(SampleBatch out) throws IOException {
    out.clear();
    while (!out.isFull()) {
      if (!drained && incomingPos == incoming.size()) {
        incomingPos = 0;
        if (!reader.read(incoming)) {
          drained = true;
        }
      }
      if (!drained) {
        int row = incomingPos++;
        if (size < capacity) {
          copyIn(row, size++);
          continue;
        }
        int slot = random.nextInt(capacity);
        emit(slot, out);
        copyIn(row, slot);
      } else if (size > 0) {
        int slot = random.nextInt(size);
        emit(slot, out);
        size--;
        moveRow(size, slot);
      } else {
        break;
      }
    }
    return !out.isEmpty();
  }

  private void copyIn(int row, int slot) {
    logIds[slot] = incoming.logIds()[row];
    times[slot] = incoming.times()[row];
    labels[slot] = incoming.labels()[row];
    System.arraycopy(incoming.userIds(), row * userWidth, users, slot * userWidth, userWidth);
    System.arraycopy(incoming.movieIds(), row * movieWidth, movies, slot * movieWidth, movieWidth);
  }

  private void emit(int slot, SampleBatch out) {
    out.add(
        logIds[slot],
        times[slot],
        users,
        slot * userWidth,
        movies,
        slot * movieWidth,
        labels[slot]);
  }

  private void moveRow(int from, int to) {
    if (from == to) {
      return;
    }
    logIds[to] = logIds[from];
    times[to] = times[from];
    labels[to] = labels[from];
    System.arraycopy(users, from * userWidth, users, to * userWidth, userWidth);
    System.arraycopy(movies, from * movieWidth, movies, to * movieWidth, movieWidth);
  }
}
