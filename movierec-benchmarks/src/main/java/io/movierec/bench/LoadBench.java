package io.movierec.bench;

import io.movierec.recommend.ComponentLoader;
import io.movierec.recommend.MovieStore;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.UserStore;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * {@code movierec bench load --bundle DIR}: a bundle's size per part, then {@code Recommender.load}
 * timed over several rounds in one JVM (the first cold, the later ones warm), and where the time of
 * a warm load goes: each part loaded on its own (recall model, ranker, index, movie store, user
 * store); the rest is the manifest and checksum checks and building the recommender.
 */
public final class LoadBench {

  private static final String[] PARTS = {"recall", "rank", "index", "movies", "users", "channels"};

  private LoadBench() {}

  /**
   * Runs the benchmark without the CLI: {@code LoadBench BUNDLE [ROUNDS]} (10 rounds by default);
   * several bundles may be given, each is measured in turn in the same JVM.
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: LoadBench BUNDLE... [--rounds N]");
      System.exit(2);
    }
    int rounds = 10;
    List<Path> bundles = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--rounds") && i + 1 < args.length) {
        rounds = Integer.parseInt(args[++i]);
      } else {
        bundles.add(Path.of(args[i]));
      }
    }
    for (Path b : bundles) {
      run(b, rounds, System.out);
    }
  }

  /** Prints the sizes, then {@code rounds} timed loads and a per-part breakdown of the last one. */
  public static void run(Path bundle, int rounds, PrintStream out) throws IOException {
    Map<String, String> d = Recommender.describeSaved(bundle);
    long total = 0;
    for (String part : PARTS) {
      String path = d.get(part + ".path");
      if (path == null) {
        continue;
      }
      long bytes = bytes(Path.of(path));
      total += bytes;
      out.printf(
          Locale.ROOT,
          "  %-8s %-14s %,12d bytes  %s%n",
          part,
          d.getOrDefault(part + ".kind", ""),
          bytes,
          Path.of(path).getFileName());
    }
    out.printf(
        Locale.ROOT,
        "bundle %s: %,d bytes (%.1f MB) in its current parts%n",
        bundle,
        total,
        total / 1e6);
    double[] ms = new double[rounds];
    double[] cpu = new double[rounds];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      try (Recommender r = Recommender.load(bundle)) {
        ms[round] = (System.nanoTime() - t0) / 1e6;
        cpu[round] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        if (round == 0) {
          out.printf(
              Locale.ROOT,
              "  %,d movies, %,d users, index %s%n",
              r.movieStore().size(),
              r.users().ids().length,
              r.index().kind());
        }
      }
      out.printf(
          Locale.ROOT,
          "round %d: Recommender.load %.1f ms (%.1f ms CPU in the loading thread)%n",
          round + 1,
          ms[round],
          cpu[round]);
    }
    if (rounds > 1) {
      double[] warm = Arrays.copyOfRange(ms, 1, rounds);
      double[] warmCpu = Arrays.copyOfRange(cpu, 1, rounds);
      Arrays.sort(warm);
      Arrays.sort(warmCpu);
      out.printf(
          Locale.ROOT,
          "warm (rounds 2..%d): median %.1f ms, min %.1f ms; loading thread CPU median %.1f ms%n",
          rounds,
          warm[warm.length / 2],
          warm[0],
          warmCpu[warmCpu.length / 2]);
    }
    breakdown(d, out);
  }

  /** Times loading each part alone, warm (each once before it is timed). */
  private static void breakdown(Map<String, String> d, PrintStream out) throws IOException {
    List<ComponentLoader> loaders = new ArrayList<>();
    ServiceLoader.load(ComponentLoader.class).forEach(loaders::add);
    out.println("one warm load of each part alone:");
    for (int pass = 0; pass < 2; pass++) {
      for (String part : new String[] {"recall", "rank", "index", "movies", "users"}) {
        String path = d.get(part + ".path");
        if (path == null) {
          continue;
        }
        String kind = d.getOrDefault(part + ".kind", "");
        Path p = Path.of(path);
        long t0 = System.nanoTime();
        AutoCloseable loaded = load(loaders, part, kind, p);
        double ms = (System.nanoTime() - t0) / 1e6;
        try {
          loaded.close();
        } catch (Exception e) {
          throw new IOException("closing the " + part + " part", e);
        }
        if (pass == 1) {
          out.printf(Locale.ROOT, "  %-8s %8.1f ms%n", part, ms);
        }
      }
    }
  }

  private static AutoCloseable load(List<ComponentLoader> loaders, String part, String kind, Path p)
      throws IOException {
    switch (part) {
      case "movies":
        MovieStore.load(p);
        return () -> {};
      case "users":
        UserStore.load(p);
        return () -> {};
      default:
        for (ComponentLoader l : loaders) {
          AutoCloseable c =
              switch (part) {
                case "recall" -> l.loadRecall(kind, p).orElse(null);
                case "rank" -> l.loadRanking(kind, p).orElse(null);
                default -> l.loadIndex(kind, p).orElse(null);
              };
          if (c != null) {
            return c;
          }
        }
        throw new IllegalStateException("no loader for the " + part + " part of kind " + kind);
    }
  }

  private static long bytes(Path p) throws IOException {
    if (Files.isRegularFile(p)) {
      return Files.size(p);
    }
    try (Stream<Path> walk = Files.walk(p)) {
      long sum = 0;
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        sum += Files.size(f);
      }
      return sum;
    }
  }
}
