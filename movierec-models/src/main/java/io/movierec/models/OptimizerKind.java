package io.movierec.models;

import java.util.Locale;

/**
 * The optimisers PaddleRec's configs name ({@code hyper_parameters.optimizer.class}). The dense
 * layers use TensorFlow Java's own; the embedding table uses a lazy version that updates only the
 * rows a batch touches.
 */
public enum OptimizerKind {
  /** Plain gradient descent. */
  SGD,
  /** Adam with beta1 0.9, beta2 0.999, epsilon 1e-8 (lazy on the embedding table). */
  ADAM,
  /** AdaGrad with a zero initial accumulator and epsilon 1e-6 on the embedding table. */
  ADAGRAD;

  /**
   * Parses a PaddleRec optimiser class name, case-insensitively: {@code SGD}, {@code Adam}, {@code
   * AdaGrad} (also {@code Adagrad}).
   *
   * @throws IllegalArgumentException naming the value if it is none of them
   */
  public static OptimizerKind parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "sgd" -> SGD;
      case "adam" -> ADAM;
      case "adagrad" -> ADAGRAD;
      default ->
          throw new IllegalArgumentException(
              "unknown optimizer '" + name + "' (expected SGD, Adam or AdaGrad)");
    };
  }
}
