package io.movierec.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException}. */
@FunctionalInterface
public interface IoConsumer<T> {
  /** Consumes {@code value}. */
  void accept(T value) throws IOException;
}
