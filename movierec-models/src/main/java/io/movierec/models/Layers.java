package io.movierec.models;

import io.movierec.features.Pooling;
import io.movierec.features.Slot;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Graph-building helpers shared by the two models. */
final class Layers {

  private Layers() {}

  /**
   * A fully connected layer {@code x·W + b}: W drawn from N(0, 1/in) (PaddleRec's initialiser), b
   * zero. Its variables are appended to {@code variables}.
   */
  static Operand<TFloat32> dense(
      Ops tf,
      String name,
      Operand<TFloat32> x,
      int in,
      int out,
      long seed,
      List<Variable<TFloat32>> variables) {
    // Variable names carry no scope: the optimisers name their slots after them, and '/' is not
    // allowed there.
    Ops s = tf;
    Operand<TFloat32> init =
        s.math.mul(
            s.random.statelessRandomNormal(
                s.constant(new long[] {in, out}), s.constant(new long[] {seed, in * 7919L + out})),
            s.constant((float) (1.0 / Math.sqrt(in))));
    Variable<TFloat32> w = s.withName(name + "_w").variable(init);
    Variable<TFloat32> b =
        s.withName(name + "_b").variable(s.zeros(s.constant(new long[] {out}), TFloat32.class));
    variables.add(w);
    variables.add(b);
    // BiasAdd (not Add) lets TensorFlow's remapper fuse MatMul + BiasAdd (+ Relu) into one kernel.
    return s.nn.biasAdd(s.linalg.matMul(x, w), b);
  }

  /**
   * A tower of ReLU layers of the given widths on top of {@code x} (width {@code in}).
   *
   * @param seed seeds the first layer; later layers take the next seeds
   */
  static Operand<TFloat32> reluTower(
      Ops tf,
      String name,
      Operand<TFloat32> x,
      int in,
      List<Integer> widths,
      long seed,
      List<Variable<TFloat32>> variables) {
    Operand<TFloat32> h = x;
    int width = in;
    for (int i = 0; i < widths.size(); i++) {
      h = tf.nn.relu(dense(tf, name + "_" + i, h, width, widths.get(i), seed + i, variables));
      width = widths.get(i);
    }
    return h;
  }

  /** Rows of {@code x} scaled to unit length (a zero row stays zero). */
  static Operand<TFloat32> l2Normalize(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> squared =
        tf.reduceSum(tf.math.square(x), tf.constant(1), ReduceSum.keepDims(true));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squared, tf.constant(1e-12f))));
  }

  /**
   * Pools the embeddings of each slot: {@code [batch, width, dim]} becomes {@code [batch, slots ×
   * dim]}, slot after slot. Summed slots add their ids' embeddings (padding rows are zero); mean
   * slots divide the sum by their number of non-padding ids. Single-id summed slots pass through.
   *
   * @param ids the ids looked up, {@code [batch, width]} (to count padding for mean slots)
   */
  static Operand<TFloat32> poolSlots(
      Ops tf, Operand<TFloat32> embedded, Operand<TInt32> ids, List<Slot> slots, int dim) {
    int width = slots.stream().mapToInt(Slot::length).sum();
    Operand<TFloat32> flat = tf.reshape(embedded, tf.constant(new int[] {-1, width * dim}));
    boolean passThrough =
        slots.stream().allMatch(s -> s.length() == 1 && s.pooling() == Pooling.SUM);
    if (passThrough) {
      return flat;
    }
    // A 0/1 matrix adds the columns of each slot: one small MatMul, with a gradient.
    int n = slots.size();
    float[] pool = new float[width * dim * n * dim];
    float[] slotOfColumn = new float[width * n * dim];
    float[] summedSlots = new float[n * dim];
    boolean anyMean = false;
    int column = 0;
    for (int s = 0; s < n; s++) {
      boolean mean = slots.get(s).pooling() == Pooling.MEAN;
      anyMean |= mean;
      for (int k = 0; k < slots.get(s).length(); k++, column++) {
        for (int d = 0; d < dim; d++) {
          pool[(column * dim + d) * n * dim + s * dim + d] = 1f;
          if (mean) {
            slotOfColumn[column * n * dim + s * dim + d] = 1f;
          }
        }
      }
      for (int d = 0; d < dim; d++) {
        summedSlots[s * dim + d] = mean ? 0f : 1f;
      }
    }
    Operand<TFloat32> summed =
        tf.linalg.matMul(flat, tf.constant(Shape.of(width * dim, n * dim), DataBuffers.of(pool)));
    if (!anyMean) {
      return summed;
    }
    // Divisors: the count of non-padding ids for mean slots, 1 for summed ones.
    Operand<TFloat32> present =
        tf.dtypes.cast(tf.math.notEqual(ids, tf.constant(0)), TFloat32.class);
    Operand<TFloat32> counts =
        tf.math.add(
            tf.linalg.matMul(
                present, tf.constant(Shape.of(width, n * dim), DataBuffers.of(slotOfColumn))),
            tf.constant(Shape.of(1, n * dim), DataBuffers.of(summedSlots)));
    return tf.math.div(summed, tf.math.maximum(counts, tf.constant(1f)));
  }
}
