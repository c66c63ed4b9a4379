package io.movierec.cli;

import io.movierec.recommend.Recommender;
import io.movierec.server.RecommenderServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code movierec serve --bundle DIR [--port 8080] [--host 127.0.0.1] [--threads N]}: the bundle's
 * recommender as a JSON HTTP service ({@link RecommenderServer}) until Ctrl-C or SIGTERM, which
 * finish the requests in flight before the process ends.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a bundle over HTTP until Ctrl-C: GET /um /cm /recall /rank /as (the client's"
          + " operations), /health and /metrics. Prints the URL it listens on.",
      "Limits and timeouts: docs/reliability.md; talk to it with 'movierec client --url URL'."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "The bundle.")
  Path bundle = Path.of("");

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = RecommenderServer.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "The address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String host = RecommenderServer.DEFAULT_HOST;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Requests answered at once (default: the number of processors, at least 2).")
  int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

  @Option(
      names = "--queue",
      paramLabel = "N",
      description =
          "Requests that may wait for a thread before more are answered 503 (default: ${DEFAULT-VALUE}).")
  int queue = RecommenderServer.DEFAULT_QUEUE_CAPACITY;

  /** Counted down to stop a server started from Java (tests); Ctrl-C ends the process instead. */
  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws IOException {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be in 0..65535, got " + port);
    }
    if (threads < 1 || threads > 1024) {
      throw new UsageException("--threads must be in 1..1024, got " + threads);
    }
    if (queue < 1) {
      throw new UsageException("--queue must be at least 1, got " + queue);
    }
    PrintStream out = Main.out(spec);
    Recommender recommender = Recommender.load(bundle);
    RecommenderServer server;
    try {
      server =
          RecommenderServer.newBuilder(recommender)
              .withHost(host)
              .withPort(port)
              .withThreads(threads)
              .withQueueCapacity(queue)
              .build();
      server.start();
    } catch (IOException | RuntimeException e) {
      recommender.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                stopped.await(); // let the serving thread close everything before the JVM ends
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "movierec-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("serving " + bundle + " on " + server.url() + "/ (Ctrl-C stops)");
    out.println("  try: movierec client --url " + server.url() + " as M 32 5");
    out.flush();
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped from Java: fall through and close
    } finally {
      server.close();
      recommender.close();
      out.println("stopped");
      out.flush();
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down (Ctrl-C): the hook is running
      }
    }
    return Main.OK;
  }
}
