package io.movierec.spark;

import java.nio.file.Path;

/**
 * What an {@link EmbedJob} wrote.
 *
 * @param output the embeddings directory
 * @param users user vectors written
 * @param movies movie vectors written
 * @param dimension the length of each vector
 * @param seconds wall time
 */
public record EmbedJobSummary(Path output, long users, long movies, int dimension, double seconds) {

  @Override
  public String toString() {
    return String.format(
        "embedded %,d users and %,d movies (%d-dimensional vectors) into %s on Spark, %.1f s",
        users, movies, dimension, output, seconds);
  }
}
