package io.movierec.models;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.op.core.Unique;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The shared embedding table and its lazy optimiser, as graph operations.
 *
 * <p>Row 0 is the padding row: it starts at zero and never changes, so padding positions contribute
 * nothing (PaddleRec's {@code padding_idx=0}).
 *
 * <p>The lazy update ({@link #lazyUpdate}) takes the gradient with respect to each lookup's output
 * — dense only in the batch's ids, not in the table — sums it per distinct id ({@code unique} +
 * {@code unsortedSegmentSum}) and hands those rows to {@link Optimization#rows}, which updates them
 * alone with scatter operations (PaddleRec's {@code lazy_mode}).
 */
final class EmbeddingTable {

  private final Ops tf;
  private final int dim;
  private final Variable<TFloat32> table;
  private final List<Operand<TInt32>> lookedUpIds = new ArrayList<>();
  private final List<Gather<TFloat32>> lookups = new ArrayList<>();
  private final List<Operand<TFloat32>> masked = new ArrayList<>();

  /**
   * Creates the table variable: uniform in [-1, 1) (PaddleRec's {@code Uniform()} initialiser) with
   * row 0 all zeros, or all zeros when {@code zeros} is set.
   */
  EmbeddingTable(Ops tf, String name, int rows, int dim, long seed, boolean zeros) {
    this.tf = tf;
    this.dim = dim;
    if (zeros) {
      this.table =
          tf.withName(name).variable(tf.zeros(tf.constant(new long[] {rows, dim}), TFloat32.class));
      return;
    }
    Operand<TFloat32> uniform =
        tf.math.sub(
            tf.math.mul(
                tf.random.statelessRandomUniform(
                    tf.constant(new long[] {rows - 1, dim}),
                    tf.constant(new long[] {seed, 0x5EED})),
                tf.constant(2f)),
            tf.constant(1f));
    Operand<TFloat32> init =
        tf.concat(
            List.of(tf.zeros(tf.constant(new long[] {1, dim}), TFloat32.class), uniform),
            tf.constant(0));
    this.table = tf.withName(name).variable(init);
  }

  /** The table variable. */
  Variable<TFloat32> variable() {
    return table;
  }

  int dim() {
    return dim;
  }

  /**
   * Looks up {@code ids} ({@code [batch, width]}) and returns {@code [batch, width, dim]}, zero
   * where the id is 0.
   *
   * <p>Row 0 starts at zero. With lazy updates it stays zero — {@link #lazyUpdate} drops its
   * gradient — so the lookup needs no mask, which saves four operations per lookup in every
   * training step and every inference call. With dense updates the optimiser would move row 0, so
   * the lookup masks it ({@code maskPadding}).
   */
  Operand<TFloat32> lookup(Operand<TInt32> ids, boolean maskPadding) {
    Gather<TFloat32> rowsOut = tf.gather(table, ids, tf.constant(0));
    lookedUpIds.add(ids);
    lookups.add(rowsOut);
    Operand<TFloat32> out = rowsOut;
    if (maskPadding) {
      Operand<TFloat32> mask =
          tf.expandDims(
              tf.dtypes.cast(tf.math.notEqual(ids, tf.constant(0)), TFloat32.class),
              tf.constant(-1));
      out = tf.math.mul(rowsOut, mask);
    }
    masked.add(out);
    return out;
  }

  /** Every lookup's output with padding zeroed, {@code [batch, width, dim]}, in lookup order. */
  List<Operand<TFloat32>> maskedLookups() {
    return masked;
  }

  /** The raw gather outputs, whose gradients {@link #lazyUpdate} needs, in lookup order. */
  List<Output<?>> lookupOutputs() {
    List<Output<?>> out = new ArrayList<>();
    for (Gather<TFloat32> g : lookups) {
      out.add(g.asOutput());
    }
    return out;
  }

  /**
   * Builds the update of the rows the batch touched.
   *
   * @param gradients the gradient of the loss with respect to each of {@link #lookupOutputs()}
   */
  Op lazyUpdate(List<Output<TFloat32>> gradients, Optimization optimization) {
    List<Operand<TInt32>> flatIds = new ArrayList<>();
    List<Operand<TFloat32>> flatGrads = new ArrayList<>();
    for (int i = 0; i < lookups.size(); i++) {
      flatIds.add(tf.reshape(lookedUpIds.get(i), tf.constant(new int[] {-1})));
      flatGrads.add(tf.reshape(gradients.get(i), tf.constant(new int[] {-1, dim})));
    }
    Operand<TInt32> ids = flatIds.size() == 1 ? flatIds.get(0) : tf.concat(flatIds, tf.constant(0));
    Operand<TFloat32> grads =
        flatGrads.size() == 1 ? flatGrads.get(0) : tf.concat(flatGrads, tf.constant(0));
    Unique<TInt32, TInt32> unique = tf.unique(ids, tf.constant(new int[] {0}));
    Operand<TFloat32> rowGrads =
        tf.math.unsortedSegmentSum(grads, unique.idx(), tf.size(unique.y()));
    // The padding row never learns: its summed gradient is zeroed, so it stays all zeros.
    Operand<TFloat32> notPadding =
        tf.expandDims(
            tf.dtypes.cast(tf.math.notEqual(unique.y(), tf.constant(0)), TFloat32.class),
            tf.constant(1));
    rowGrads = tf.math.mul(rowGrads, notPadding);
    return optimization.rows(table, unique.y(), rowGrads);
  }
}
