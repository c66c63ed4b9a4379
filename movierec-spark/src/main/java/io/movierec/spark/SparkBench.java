package io.movierec.spark;

import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PrepareSummary;
import io.movierec.synthetic.SyntheticMovieLens;
import io.movierec.synthetic.SyntheticSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code movierec bench spark}: generates a synthetic ml-25m-shaped set (25,000,000 ratings,
 * 162,000 users, 62,000 movies, ml-1m file layout), then prepares it twice, each in a fresh JVM
 * with the same heap limit: single-JVM {@code prepare}, and the Spark job on {@code local[2]}. It
 * prints wall time, ratings per second, peak heap and peak RSS of each, side by side.
 *
 * <pre>
 * movierec bench spark [--ratings N] [--users N] [--movies N] [--dir DIR] [--master local[2]]
 *                      [--heap 8g] [--keep]
 * </pre>
 */
public final class SparkBench {

  private SparkBench() {}

  /** Runs the benchmark (or, with a first argument {@code --phase}, one of its two halves). */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--phase")) {
      phase(args[1], Path.of(args[2]), Path.of(args[3]), args[4], System.out);
      return;
    }
    SparkMain.Options o =
        new SparkMain.Options(
            prefixed(args),
            Set.of("ratings", "users", "movies", "dir", "master", "heap"),
            Set.of("keep"));
    int ratings = Integer.parseInt(o.getOr("ratings", "25000000"));
    int users = Integer.parseInt(o.getOr("users", "162000"));
    int movies = Integer.parseInt(o.getOr("movies", "62000"));
    String master = o.getOr("master", "local[2]");
    String heap = o.getOr("heap", "8g");
    Path root =
        o.get("dir") != null
            ? Path.of(o.required("dir"))
            : Files.createTempDirectory("movierec-bench-spark");
    PrintStream out = System.out;
    Path raw = root.resolve("raw");
    try {
      long t0 = System.nanoTime();
      SyntheticSummary s =
          SyntheticMovieLens.newBuilder()
              .withUsers(users)
              .withMovies(movies)
              .withRatings(ratings)
              .build()
              .writeTo(raw);
      out.printf(
          "generated synthetic data (ml-1m layout): %,d users, %,d movies, %,d ratings,"
              + " %,d MB in %.1f s (not timed below)%n",
          s.users(),
          s.movies(),
          s.ratings(),
          Files.size(raw.resolve(SyntheticMovieLens.RATINGS_FILE)) >> 20,
          (System.nanoTime() - t0) / 1e9);
      out.printf(
          "each run in a fresh JVM with -Xmx%s; %d processors; load average before: %.2f%n",
          heap,
          Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      Map<String, String> single = child("single", raw, root.resolve("single"), master, heap, out);
      PreparedOutput.delete(root.resolve("single"));
      Map<String, String> spark = child("spark", raw, root.resolve("spark"), master, heap, out);
      out.printf("%n%-28s %16s %16s%n", "", "single-JVM prepare", "Spark " + master);
      row(out, "result", single.get("result"), spark.get("result"));
      row(out, "wall time (s)", single.get("seconds"), spark.get("seconds"));
      row(out, "ratings/s", single.get("rate"), spark.get("rate"));
      row(out, "peak heap used (MB)", single.get("heap"), spark.get("heap"));
      row(out, "peak RSS (MB)", single.get("rss"), spark.get("rss"));
      if (single.containsKey("seconds") && spark.containsKey("seconds")) {
        out.printf(
            "Spark / single-JVM wall time: %.2f%n",
            Double.parseDouble(spark.get("seconds")) / Double.parseDouble(single.get("seconds")));
      }
      out.printf(
          "load average after: %.2f%n",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      if (!o.flag("keep")) {
        PreparedOutput.delete(root);
      }
    }
  }

  private static String[] prefixed(String[] args) {
    String[] a = new String[args.length + 1];
    a[0] = "bench";
    System.arraycopy(args, 0, a, 1, args.length);
    return a;
  }

  private static void row(PrintStream out, String name, String a, String b) {
    out.printf("%-28s %16s %16s%n", name, a == null ? "-" : a, b == null ? "-" : b);
  }

  /** Runs one half in a fresh JVM and returns the key=value pairs it printed last. */
  private static Map<String, String> child(
      String what, Path raw, Path output, String master, String heap, PrintStream out)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-Xmx") && !arg.startsWith("-Xms")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Xmx" + heap);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SparkBench.class.getName());
    cmd.addAll(List.of("--phase", what, raw.toString(), output.toString(), master));
    out.printf("%s: running ...%n", what);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Map<String, String> result = new HashMap<>();
    List<String> tail = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("RESULT ")) {
          for (String kv : line.substring(7).split(" ")) {
            int eq = kv.indexOf('=');
            result.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
          out.println("  " + line);
        } else {
          tail.add(line);
          if (tail.size() > 20) {
            tail.remove(0);
          }
        }
      }
    }
    int code = p.waitFor();
    if (code != 0 || !result.containsKey("result")) {
      result.put("result", "failed (" + code + ")");
      tail.forEach(l -> out.println("  | " + l));
    }
    return result;
  }

  /** One half: prepares {@code raw} into {@code output} and prints a RESULT line. */
  private static void phase(String what, Path raw, Path output, String master, PrintStream out)
      throws IOException {
    resetPeaks();
    long start = System.nanoTime();
    long ratings;
    String result = "ok";
    try {
      if (what.equals("single")) {
        PrepareSummary s = DatasetPreparer.newBuilder(raw, output).build().prepare();
        ratings = s.ratings();
      } else {
        SparkSession spark = SparkMain.session(master, "movierec bench spark");
        try {
          PrepareJobSummary s = PrepareJob.newBuilder(raw, output).build().run(spark);
          ratings = s.ratings();
        } finally {
          spark.stop();
        }
      }
    } catch (OutOfMemoryError e) {
      ratings = 0;
      result = "OutOfMemoryError";
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        "RESULT result=%s seconds=%.1f rate=%,.0f heap=%,d rss=%s%n",
        result, seconds, ratings / seconds, peakHeap() >> 20, peakRss());
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** VmHWM of /proc/self/status in MB, or "?" off Linux. */
  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format("%,d", kb >> 10);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "?";
  }

  /** Deletes benchmark output. */
  static final class PreparedOutput {
    private PreparedOutput() {}

    static void delete(Path p) throws IOException {
      PrepareJob.deleteTree(p);
    }
  }
}
