package io.movierec.models;

import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which rows of the embedding table training has ever looked up. A feasign the model never saw in
 * training — a movie added after training, a new title word — would otherwise read a row still at
 * its random initial value; at inference it is read as padding instead, so a new movie is described
 * by what the model does know about it (its title words and genres). Marked by the training thread
 * only; read by any thread.
 */
final class TrainedRows {

  static final String FILE = "trained-rows.bin";
  private static final String KIND = "trained-rows";
  private static final int VERSION = 1;
  private static final int OLDEST_VERSION = 1;

  private final long[] bits;

  /** True for models saved before rows were tracked: every row then counts as trained. */
  private final boolean all;

  private TrainedRows(long[] bits, boolean all) {
    this.bits = bits;
    this.all = all;
  }

  /** No row trained yet, for a table of {@code rows} rows. */
  static TrainedRows none(int rows) {
    return new TrainedRows(new long[(rows + 63) / 64], false);
  }

  /** Set once any row is marked: an untrained model masks nothing. */
  private volatile boolean trained;

  /** Marks the first {@code count} ids of {@code ids}. */
  void mark(int[] ids, int count) {
    for (int i = 0; i < count; i++) {
      int id = ids[i];
      bits[id >>> 6] |= 1L << id;
    }
    trained = true;
  }

  /** True if training has looked up row {@code id} (always, for a model not trained at all). */
  boolean contains(int id) {
    return all || !trained || (bits[id >>> 6] & (1L << id)) != 0;
  }

  /**
   * The first {@code count} ids of {@code ids}, with every never-trained id replaced by 0 (a copy;
   * {@code ids} itself when every id is trained).
   */
  int[] masked(int[] ids, int count) {
    if (all || !trained) {
      return ids;
    }
    int[] out = null;
    for (int i = 0; i < count; i++) {
      if (!contains(ids[i])) {
        if (out == null) {
          out = java.util.Arrays.copyOf(ids, count);
        }
        out[i] = 0;
      }
    }
    return out == null ? ids : out;
  }

  /**
   * The rows inference can read, ascending, row 0 first: the trained rows, or every row of the
   * {@code rows}-row table when nothing is masked (an untrained model, or one saved before rows
   * were tracked).
   */
  int[] readableRows(int rows) {
    if (all || !trained) {
      int[] every = new int[rows];
      java.util.Arrays.setAll(every, i -> i);
      return every;
    }
    int count = 1;
    for (int i = 1; i < rows; i++) {
      count += contains(i) ? 1 : 0;
    }
    int[] out = new int[count];
    for (int i = 1, k = 1; i < rows; i++) {
      if (contains(i)) {
        out[k++] = i;
      }
    }
    return out;
  }

  void save(Path dir) throws IOException {
    VersionedFile.write(
        dir.resolve(FILE),
        KIND,
        VERSION,
        out -> {
          out.writeInt(bits.length);
          for (long b : bits) {
            out.writeLong(b);
          }
        });
  }

  /** The rows saved with a model in {@code dir}; every row for a model saved before tracking. */
  static TrainedRows load(Path dir, int rows) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.exists(f)) {
      return new TrainedRows(new long[(rows + 63) / 64], true);
    }
    return VersionedFile.read(
        f,
        KIND,
        OLDEST_VERSION,
        VERSION,
        (in, version) -> {
          int words = in.readInt();
          if (words != (rows + 63) / 64) {
            throw new CorruptFileException(
                f, "tracks " + words * 64L + " rows, the table has " + rows);
          }
          long[] bits = new long[VersionedFile.checkCount(f, in, words, Long.BYTES, "words")];
          boolean any = false;
          for (int i = 0; i < bits.length; i++) {
            bits[i] = in.readLong();
            any |= bits[i] != 0;
          }
          TrainedRows loaded = new TrainedRows(bits, false);
          loaded.trained = any;
          return loaded;
        });
  }
}
