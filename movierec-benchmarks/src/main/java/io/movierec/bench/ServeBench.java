package io.movierec.bench;

import io.movierec.domain.UserProfile;
import io.movierec.progress.Progress;
import io.movierec.recommend.RankingModel;
import io.movierec.recommend.Recommender;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code movierec bench serve --bundle DIR}: latency of {@code recommend} through the whole online
 * path (user vector → index → movie store → ranker), for new users (random demographics) and known
 * users, single-threaded, then throughput with several threads.
 */
public final class ServeBench {

  private ServeBench() {}

  /**
   * Loads {@code bundle} and prints single-thread latency percentiles of {@code calls} calls for
   * new and for known users after {@code warmup} calls, then throughput on {@code threads} threads.
   */
  public static void run(Path bundle, int calls, int threads, int k, int warmup, PrintStream out)
      throws Exception {
    try (Recommender r = Recommender.load(bundle)) {
      int[] users = r.users().ids();
      out.printf(
          "bundle %s: %,d movies (%s index), %,d users, %d candidates, ranker %s%n",
          bundle,
          r.movieStore().size(),
          r.index().kind(),
          users.length,
          r.candidates(),
          r.ranker().map(RankingModel::kind).orElse("none"));
      SplittableRandom random = new SplittableRandom(1);
      for (int i = 0; i < warmup; i++) {
        call(r, random, users, k, i % 2 == 0);
      }
      for (boolean newUsers : new boolean[] {true, false}) {
        if (!newUsers && users.length == 0) {
          continue;
        }
        long[] ns = new long[calls];
        try (Progress progress =
            Progress.newBuilder("serve bench: " + (newUsers ? "new users" : "known users"))
                .withTotal(calls)
                .withUnit("calls")
                .build()) {
          for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            call(r, random, users, k, newUsers);
            ns[i] = System.nanoTime() - t0;
            progress.advance(1);
          }
          progress.finish();
        }
        Arrays.sort(ns);
        out.printf(
            Locale.ROOT,
            "  recommend(%s), 1 thread, %,d calls: p50 %.3f ms, p99 %.3f ms, " + "mean %.3f ms%n",
            newUsers ? "new user" : "known user",
            calls,
            ns[calls / 2] / 1e6,
            ns[calls * 99 / 100] / 1e6,
            Arrays.stream(ns).average().orElse(0) / 1e6);
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      Progress progress =
          Progress.newBuilder("serve bench: " + threads + " threads")
              .withTotal((long) threads * calls)
              .withUnit("calls")
              .build();
      long t0 = System.nanoTime();
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        jobs.add(
            pool.submit(
                () -> {
                  SplittableRandom rnd = new SplittableRandom(seed);
                  for (int i = 0; i < calls; i++) {
                    call(r, rnd, users, k, i % 2 == 0);
                    progress.advance(1);
                  }
                  return null;
                }));
      }
      try (progress) {
        for (Future<?> f : jobs) {
          f.get();
        }
        progress.finish();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      out.printf(
          Locale.ROOT,
          "  throughput, %d threads, half new and half known users: %,.0f " + "recommend calls/s%n",
          threads,
          threads * (double) calls / secs);
    }
  }

  private static void call(
      Recommender r, SplittableRandom random, int[] users, int k, boolean newUser) {
    if (newUser || users.length == 0) {
      String gender = random.nextBoolean() ? "M" : "F";
      int[] ages = {1, 18, 25, 35, 45, 50, 56};
      r.recommend(UserProfile.of(gender, ages[random.nextInt(ages.length)], random.nextInt(21)), k);
    } else {
      r.recommend(users[random.nextInt(users.length)], k);
    }
  }
}
