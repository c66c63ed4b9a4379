package io.movierec.bench;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.UserProfile;
import io.movierec.index.knn.HnswVectorIndex;
import io.movierec.progress.Progress;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code movierec bench soak --bundle DIR [--threads 8] [--calls 1000000]}: many threads call
 * {@code recommend} (known and new users mixed), and one call in {@value #RATING_EVERY} records a
 * rating instead, while a writer keeps adding and removing movies (each added movie embeds like the
 * others of its genre, so the index sees near-duplicate vectors come and go: the churn that made
 * the HNSW graph go blind in issue #16). It checks every answer (k results, best first, nothing the
 * user has seen), counts errors, checks that a fixed set of probe requests answers exactly as it
 * did single-threaded before the soak, and reports latency percentiles, throughput and resident
 * memory after warm-up and at the end. {@link #run} fails when any answer was wrong or resident
 * memory grew by {@value #MAX_RSS_GROWTH_PERCENT}% or more after warm-up.
 */
public final class SoakBench {

  /** One call in this many records a rating (for a user no probe asks about). */
  static final int RATING_EVERY = 50;

  /** Resident memory growth after warm-up, in percent, at which {@link #run} fails. */
  public static final int MAX_RSS_GROWTH_PERCENT = 5;

  private SoakBench() {}

  /** What a soak run measured. */
  public record Result(
      String indexKind,
      long calls,
      long errors,
      long ratingsRecorded,
      long movieChurns,
      int probesChanged,
      int concurrentMismatches,
      double p50Millis,
      double p99Millis,
      double callsPerSecond,
      long rssAfterWarmupKb,
      long rssAtEndKb) {

    /** Resident memory growth after warm-up, as a fraction. */
    public double rssGrowth() {
      return rssAfterWarmupKb == 0
          ? 0
          : (rssAtEndKb - rssAfterWarmupKb) / (double) rssAfterWarmupKb;
    }
  }

  /**
   * Loads {@code bundle}, soaks it and prints what {@link #soak} measured.
   *
   * @throws IllegalStateException (after printing the figures) if any answer was wrong or resident
   *     memory grew by {@value #MAX_RSS_GROWTH_PERCENT}% or more after warm-up
   */
  public static Result run(Path bundle, int threads, long calls, int k, PrintStream out)
      throws Exception {
    try (Recommender r = Recommender.load(bundle)) {
      Result res = soak(r, threads, calls, k, out);
      out.printf(
          Locale.ROOT,
          "soak (%s index): %,d calls (%,d of them recording ratings) during %,d movie add/remove"
              + " pairs, %d errors, %d of 200 probe answers changed by the "
              + "churn, %d concurrent answers differing from single-threaded ones; p50 %.3f ms, "
              + "p99 %.3f ms, %,.0f calls/s; RSS %,d kB after warm-up, %,d kB at the end (%+.1f%%)%n",
          res.indexKind(),
          res.calls(),
          res.ratingsRecorded(),
          res.movieChurns(),
          res.errors(),
          res.probesChanged(),
          res.concurrentMismatches(),
          res.p50Millis(),
          res.p99Millis(),
          res.callsPerSecond(),
          res.rssAfterWarmupKb(),
          res.rssAtEndKb(),
          100 * res.rssGrowth());
      if (r.index() instanceof HnswVectorIndex hnsw) {
        out.printf(
            Locale.ROOT,
            "soak: %,d searches the HNSW graph answered short, completed by exact search%n",
            hnsw.graphMisses());
      }
      List<String> failures = new ArrayList<>();
      if (res.errors() > 0) {
        failures.add(res.errors() + " wrong answers");
      }
      if (res.concurrentMismatches() > 0) {
        failures.add(res.concurrentMismatches() + " concurrent answers differing");
      }
      if (100 * res.rssGrowth() >= MAX_RSS_GROWTH_PERCENT) {
        failures.add(
            String.format(
                Locale.ROOT,
                "resident memory grew %.1f%% after warm-up (limit %d%%)",
                100 * res.rssGrowth(),
                MAX_RSS_GROWTH_PERCENT));
      }
      if (!failures.isEmpty()) {
        out.println("soak FAILED: " + String.join("; ", failures));
        throw new IllegalStateException("soak failed: " + String.join("; ", failures));
      }
      return res;
    }
  }

  /** Runs the soak on {@code r}; see the class comment. */
  public static Result soak(Recommender r, int threads, long calls, int k, PrintStream out)
      throws Exception {
    int[] users = r.users().ids();
    // Probes: answers computed single-threaded before the soak, compared after it.
    List<Object> probeInputs = new ArrayList<>();
    SplittableRandom pr = new SplittableRandom(99);
    for (int i = 0; i < 200; i++) {
      probeInputs.add(
          i % 2 == 0 && users.length > 0
              ? (Object) users[pr.nextInt(users.length)]
              : randomProfile(pr));
    }
    Set<Integer> probeUsers = new HashSet<>();
    for (Object in : probeInputs) {
      if (in instanceof Integer id) {
        probeUsers.add(id);
      }
    }
    // Every other user outside the probes records ratings, and no request asks for those users: a
    // request for a user whose history changes between the answer and its check would be counted
    // as a wrong answer although the recommender was right when it answered.
    int[] others = Arrays.stream(users).filter(u -> !probeUsers.contains(u)).toArray();
    int[] raters =
        java.util.stream.IntStream.range(0, others.length)
            .filter(i -> i % 2 == 1)
            .map(i -> others[i])
            .toArray();
    Set<Integer> raterSet = new HashSet<>();
    Arrays.stream(raters).forEach(raterSet::add);
    int[] requested = Arrays.stream(users).filter(u -> !raterSet.contains(u)).toArray();
    int[] catalogue = r.movieStore().all().stream().mapToInt(m -> m.id()).toArray();
    List<List<Recommendation>> expected = new ArrayList<>();
    for (Object in : probeInputs) {
      expected.add(call(r, in, k));
    }
    // Warm up, then measure memory.
    long warm = Math.min(calls / 10, 50_000);
    Workload load = new Workload(requested, raters, catalogue);
    runCalls(
        r,
        threads,
        warm,
        k,
        load,
        null,
        new AtomicLong(),
        new AtomicLong(),
        new AtomicLong(),
        "soak: warm-up");
    System.gc();
    long rssWarm = rssKb();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong errors = new AtomicLong();
    AtomicLong ratings = new AtomicLong();
    AtomicLong churns = new AtomicLong();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Future<?> writing =
        writer.submit(
            () -> {
              int next = 5_000_000;
              while (!stop.get()) {
                Movie m =
                    Movie.of(next, "Soak " + next + " (2003)", List.of(Genre.values()[next % 18]));
                r.addMovie(m);
                r.removeMovie(next);
                churns.incrementAndGet();
                next++;
              }
              return null;
            });
    long[] latencies = new long[(int) Math.min(calls, 2_000_000)];
    AtomicLong done = new AtomicLong();
    long t0 = System.nanoTime();
    runCalls(r, threads, calls, k, load, latencies, done, errors, ratings, "soak");
    double secs = (System.nanoTime() - t0) / 1e9;
    stop.set(true);
    writing.get();
    writer.shutdown();
    System.gc();
    long rssEnd = rssKb();
    // The churn added and removed movies: with an exact index the answers are back to what they
    // were; an HNSW graph may have been compacted meanwhile, which can move approximate answers.
    int changed = 0;
    List<List<Recommendation>> after = new ArrayList<>();
    for (int i = 0; i < probeInputs.size(); i++) {
      after.add(call(r, probeInputs.get(i), k));
      if (!after.get(i).equals(expected.get(i))) {
        changed++;
      }
    }
    // Concurrent answers must equal single-threaded ones for the same state.
    AtomicLong mismatches = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> checks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      checks.add(
          pool.submit(
              () -> {
                for (int rep = 0; rep < 5; rep++) {
                  for (int i = 0; i < probeInputs.size(); i++) {
                    int j = (i + offset * 17) % probeInputs.size();
                    if (!call(r, probeInputs.get(j), k).equals(after.get(j))) {
                      mismatches.incrementAndGet();
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : checks) {
      f.get();
    }
    pool.shutdown();
    long n = Math.min(done.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, (int) n);
    Arrays.sort(sorted);
    return new Result(
        r.index().kind(),
        done.get(),
        errors.get(),
        ratings.get(),
        churns.get(),
        changed,
        (int) mismatches.get(),
        sorted[(int) (n / 2)] / 1e6,
        sorted[(int) (n * 99 / 100)] / 1e6,
        done.get() / secs,
        rssWarm,
        rssEnd);
  }

  private static void runCalls(
      Recommender r,
      int threads,
      long calls,
      int k,
      Workload load,
      long[] latencies,
      AtomicLong done,
      AtomicLong errors,
      AtomicLong ratings,
      String task)
      throws Exception {
    try (Progress progress = Progress.newBuilder(task).withTotal(calls).withUnit("calls").build()) {
      runCalls(r, threads, calls, k, load, latencies, done, errors, ratings, progress);
      progress.finish();
    }
  }

  private static void runCalls(
      Recommender r,
      int threads,
      long calls,
      int k,
      Workload load,
      long[] latencies,
      AtomicLong done,
      AtomicLong errors,
      AtomicLong ratings,
      Progress progress)
      throws Exception {
    int[] users = load.users();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> jobs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = t * 7919L + 1;
      long share = calls / threads + (t < calls % threads ? 1 : 0);
      jobs.add(
          pool.submit(
              () -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                for (long i = 0; i < share; i++) {
                  if (load.raters().length > 0 && rnd.nextInt(RATING_EVERY) == 0) {
                    int user = load.raters()[rnd.nextInt(load.raters().length)];
                    int movie = load.catalogue()[rnd.nextInt(load.catalogue().length)];
                    try {
                      r.recordRating(user, movie, 1 + rnd.nextInt(5));
                      ratings.incrementAndGet();
                    } catch (RuntimeException e) {
                      if (errors.incrementAndGet() <= 5) {
                        System.err.println("soak error recording a rating: " + e);
                      }
                    }
                    done.getAndIncrement();
                    progress.advance(1);
                    continue;
                  }
                  Object in =
                      users.length > 0 && rnd.nextBoolean()
                          ? (Object) users[rnd.nextInt(users.length)]
                          : randomProfile(rnd);
                  long s = System.nanoTime();
                  try {
                    List<Recommendation> recs = call(r, in, k);
                    check(r, in, recs, k);
                  } catch (RuntimeException | AssertionError e) {
                    if (errors.incrementAndGet() <= 5) {
                      System.err.println("soak error for " + in + ": " + e);
                    }
                  }
                  long idx = done.getAndIncrement();
                  progress.advance(1);
                  if (latencies != null && idx < latencies.length) {
                    latencies[(int) idx] = System.nanoTime() - s;
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : jobs) {
      f.get();
    }
    pool.shutdown();
  }

  /** Who the calls are for: users to recommend to, users to record ratings for, and movies. */
  private record Workload(int[] users, int[] raters, int[] catalogue) {}

  private static List<Recommendation> call(Recommender r, Object in, int k) {
    return in instanceof Integer id ? r.recommend(id, k) : r.recommend((UserProfile) in, k);
  }

  private static void check(Recommender r, Object in, List<Recommendation> recs, int k) {
    if (recs.size() != k) {
      throw new AssertionError("expected " + k + " recommendations, got " + recs.size());
    }
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < recs.size(); i++) {
      Recommendation x = recs.get(i);
      if (!ids.add(x.movie().id())) {
        throw new AssertionError("movie " + x.movie().id() + " recommended twice");
      }
      if (in instanceof Integer id && r.users().hasSeen(id, x.movie().id())) {
        throw new AssertionError("user " + id + " has seen movie " + x.movie().id());
      }
      if (i > 0 && orderScore(r, recs.get(i - 1)) < orderScore(r, x)) {
        throw new AssertionError("not sorted by " + r.effectiveOrdering());
      }
    }
  }

  /** The score {@code recommend} orders by. */
  private static float orderScore(Recommender r, Recommendation x) {
    return r.effectiveOrdering().score(x);
  }

  private static UserProfile randomProfile(SplittableRandom rnd) {
    int[] ages = {1, 18, 25, 35, 45, 50, 56};
    return UserProfile.of(
        rnd.nextBoolean() ? "M" : "F", ages[rnd.nextInt(ages.length)], rnd.nextInt(21));
  }

  /** Resident set size of this process in kB (Linux), or 0 where /proc is absent. */
  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
