package io.movierec.io;

import java.io.IOException;

/** A function that may throw {@link IOException}. */
@FunctionalInterface
public interface IoFunction<T, R> {
  /** The result for {@code value}. */
  R apply(T value) throws IOException;
}
