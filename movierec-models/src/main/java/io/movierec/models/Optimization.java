package io.movierec.models;

import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The optimiser as graph operations: dense updates of the layers' weights with TensorFlow's fused
 * {@code ApplyAdam} / {@code ApplyAdagrad} / {@code ApplyGradientDescent} kernels, and lazy updates
 * of the embedding rows a batch touched with the same arithmetic written out over gathered rows.
 *
 * <p>Both read the step number from one counter that every training step increments once, and
 * Adam's bias-correction powers are computed from it ({@code beta^t}). TensorFlow Java's framework
 * {@code Adam} instead keeps {@code beta1_power} in a variable that its {@code finish()} reassigns
 * with no ordering against the updates that read it — a race that makes training non-deterministic
 * — so it is not used here.
 */
final class Optimization {

  static final float ADAM_BETA1 = 0.9f;
  static final float ADAM_BETA2 = 0.999f;
  static final float ADAM_EPSILON = 1e-8f;

  /** TensorFlow's AdaGrad default accumulator start (it has no epsilon). */
  static final float ADAGRAD_INITIAL_ACCUMULATOR = 0.01f;

  private final Ops tf;
  private final OptimizerKind kind;
  private final PlaceholderWithDefault<TFloat32> lrScale;
  private final Operand<TFloat32> lr;
  private final Operand<TFloat32> beta1Power;
  private final Operand<TFloat32> beta2Power;

  Optimization(Ops tf, OptimizerKind kind, float learningRate) {
    this.tf = tf;
    this.kind = kind;
    // The configured rate times a scale fed per step (1 unless fed): the epoch's decay.
    this.lrScale =
        tf.withName("learning_rate_scale").placeholderWithDefault(tf.constant(1f), Shape.scalar());
    this.lr = tf.math.mul(tf.constant(learningRate), lrScale);
    Variable<TInt64> step = tf.withName("global_step").variable(tf.constant(0L));
    Operand<TFloat32> t = tf.dtypes.cast(tf.assignAdd(step, tf.constant(1L)), TFloat32.class);
    this.beta1Power = tf.math.pow(tf.constant(ADAM_BETA1), t);
    this.beta2Power = tf.math.pow(tf.constant(ADAM_BETA2), t);
  }

  /** What the configured learning rate is multiplied by in a step; 1 when not fed. */
  PlaceholderWithDefault<TFloat32> learningRateScale() {
    return lrScale;
  }

  /** Updates a whole variable from its dense gradient. */
  Op dense(Variable<TFloat32> var, Operand<TFloat32> grad) {
    String name = var.op().name();
    return switch (kind) {
      case SGD -> tf.train.applyGradientDescent(var, lr, grad);
      case ADAGRAD ->
          tf.train.applyAdagrad(
              var, slot(var, name + "_accumulator", ADAGRAD_INITIAL_ACCUMULATOR), lr, grad);
      case ADAM ->
          tf.train.applyAdam(
              var,
              slot(var, name + "_m", 0f),
              slot(var, name + "_v", 0f),
              beta1Power,
              beta2Power,
              lr,
              tf.constant(ADAM_BETA1),
              tf.constant(ADAM_BETA2),
              tf.constant(ADAM_EPSILON),
              grad);
    };
  }

  /**
   * Updates only {@code rows} of {@code table}, given each row's summed gradient ({@code [rows,
   * dim]}). Rows must be distinct. Optimiser state of other rows is untouched (Adam's "lazy mode").
   */
  Op rows(Variable<TFloat32> table, Operand<TInt32> rows, Operand<TFloat32> g) {
    String name = table.op().name();
    Ops s = tf.withSubScope("lazy_" + kind.name().toLowerCase(Locale.ROOT));
    return switch (kind) {
      case SGD -> s.scatterSub(table, rows, s.math.mul(g, lr));
      case ADAGRAD -> {
        Variable<TFloat32> acc = slot(table, name + "_accumulator", ADAGRAD_INITIAL_ACCUMULATOR);
        Operand<TFloat32> accNew = s.math.add(s.gather(acc, rows, s.constant(0)), s.math.square(g));
        Operand<TFloat32> delta = s.math.div(s.math.mul(g, lr), s.math.sqrt(accNew));
        yield s.withControlDependencies(
                List.of(s.scatterUpdate(acc, rows, accNew), s.scatterSub(table, rows, delta)))
            .noOp();
      }
      case ADAM -> {
        Variable<TFloat32> m = slot(table, name + "_m", 0f);
        Variable<TFloat32> v = slot(table, name + "_v", 0f);
        Operand<TFloat32> one = s.constant(1f);
        Operand<TFloat32> lrT =
            s.math.div(
                s.math.mul(lr, s.math.sqrt(s.math.sub(one, beta2Power))),
                s.math.sub(one, beta1Power));
        Operand<TFloat32> mNew =
            s.math.add(
                s.math.mul(s.gather(m, rows, s.constant(0)), s.constant(ADAM_BETA1)),
                s.math.mul(g, s.constant(1 - ADAM_BETA1)));
        Operand<TFloat32> vNew =
            s.math.add(
                s.math.mul(s.gather(v, rows, s.constant(0)), s.constant(ADAM_BETA2)),
                s.math.mul(s.math.square(g), s.constant(1 - ADAM_BETA2)));
        Operand<TFloat32> delta =
            s.math.div(
                s.math.mul(mNew, lrT), s.math.add(s.math.sqrt(vNew), s.constant(ADAM_EPSILON)));
        yield s.withControlDependencies(
                List.of(
                    s.scatterUpdate(m, rows, mNew),
                    s.scatterUpdate(v, rows, vNew),
                    s.scatterSub(table, rows, delta)))
            .noOp();
      }
    };
  }

  /** An optimiser-state variable shaped like {@code var}, filled with {@code value}. */
  private Variable<TFloat32> slot(Variable<TFloat32> var, String name, float value) {
    return tf.withName(name).variable(tf.fill(tf.shape(var), tf.constant(value)));
  }
}
