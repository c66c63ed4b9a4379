package io.movierec.models;

import io.movierec.samples.SampleBatch;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and shuffles the next batches on a background thread while the current one trains, so
 * parsing and shuffling overlap with TensorFlow's work. The order is exactly the single-threaded
 * order: one producer fills batches in sequence, the consumer takes them in sequence.
 */
final class Prefetcher implements AutoCloseable {

  /** Batches read ahead. */
  static final int DEPTH = 3;

  /** Fills a batch; false when the data is exhausted. */
  interface Source {
    boolean next(SampleBatch batch) throws IOException;
  }

  private static final SampleBatch END = new SampleBatch(1, 1, 1);

  private final BlockingQueue<SampleBatch> free;
  private final BlockingQueue<SampleBatch> filled;
  private final Thread producer;
  private volatile Throwable failure;
  private SampleBatch current;

  Prefetcher(Source source, int batchSize, int userWidth, int movieWidth) {
    this.free = new ArrayBlockingQueue<>(DEPTH + 1);
    this.filled = new ArrayBlockingQueue<>(DEPTH + 2);
    for (int i = 0; i < DEPTH + 1; i++) {
      free.add(new SampleBatch(batchSize, userWidth, movieWidth));
    }
    this.producer =
        new Thread(
            () -> {
              try {
                while (true) {
                  SampleBatch b = free.take();
                  if (!source.next(b)) {
                    break;
                  }
                  filled.put(b);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              } catch (Throwable t) {
                failure = t;
              }
              try {
                filled.put(END);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "movierec-prefetch");
    producer.setDaemon(true);
    producer.start();
  }

  /**
   * The next filled batch, or null at the end. The batch stays valid until the next call.
   *
   * @throws IOException if reading failed (a {@link io.movierec.data.MalformedDataException} for a
   *     malformed line is rethrown as is)
   */
  SampleBatch next() throws IOException, InterruptedException {
    if (current != null) {
      free.put(current);
      current = null;
    }
    SampleBatch b = filled.take();
    if (b == END) {
      filled.put(END);
      Throwable t = failure;
      if (t instanceof IOException io) {
        throw io;
      } else if (t instanceof RuntimeException re) {
        throw re;
      } else if (t instanceof Error err) {
        throw err;
      }
      return null;
    }
    current = b;
    return b;
  }

  @Override
  public void close() {
    producer.interrupt();
    try {
      producer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
