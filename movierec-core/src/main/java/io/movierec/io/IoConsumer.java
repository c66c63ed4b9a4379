package io.movierec.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException}. */
@FunctionalInterface
public interface IoConsumer<T> {
  void accept(T value) throws IOException;
}
