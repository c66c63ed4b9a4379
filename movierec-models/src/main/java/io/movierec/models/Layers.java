package io.movierec.models;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Graph-building helpers shared by the two models. */
final class Layers {

  private Layers() {}

  /**
   * A fully connected layer {@code x·W + b}: W drawn from N(0, 1/in) (PaddleRec's initialiser), b
   * zero. Its variables are appended to {@code variables}.
   */
  static Operand<TFloat32> dense(
      Ops tf, String name, Operand<TFloat32> x, int in, int out, long seed,
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
    return s.math.add(s.linalg.matMul(x, w), b);
  }

  /**
   * A tower of ReLU layers of the given widths on top of {@code x} (width {@code in}).
   *
   * @param seed seeds the first layer; later layers take the next seeds
   */
  static Operand<TFloat32> reluTower(
      Ops tf, String name, Operand<TFloat32> x, int in, List<Integer> widths, long seed,
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
   * Sums the embeddings of each multi-id slot: {@code [batch, width, dim]} becomes {@code [batch,
   * slots × dim]}, slot after slot. Single-id slots pass through unchanged.
   *
   * @param lengths the number of ids of each slot, in column order
   */
  static Operand<TFloat32> poolSlots(Ops tf, Operand<TFloat32> embedded, int[] lengths, int dim) {
    int width = 0;
    boolean allSingle = true;
    for (int l : lengths) {
      width += l;
      allSingle &= l == 1;
    }
    Operand<TFloat32> flat = tf.reshape(embedded, tf.constant(new int[] {-1, width * dim}));
    if (allSingle) {
      return flat;
    }
    // A 0/1 matrix that adds the columns of each slot: one small MatMul, with a gradient.
    int slots = lengths.length;
    float[] pool = new float[width * dim * slots * dim];
    int column = 0;
    for (int s = 0; s < slots; s++) {
      for (int k = 0; k < lengths[s]; k++, column++) {
        for (int d = 0; d < dim; d++) {
          pool[(column * dim + d) * slots * dim + s * dim + d] = 1f;
        }
      }
    }
    Operand<TFloat32> p = tf.constant(Shape.of(width * dim, slots * dim), DataBuffers.of(pool));
    return tf.linalg.matMul(flat, p);
  }
}
