/**
 * Benchmark programs that print figures, run by {@code movierec bench}: preparing data ({@link
 * io.movierec.bench.PrepareBench}), training ({@link io.movierec.bench.TrainBench}), serving
 * latency and throughput ({@link io.movierec.bench.ServeBench}), a soak under catalogue churn
 * ({@link io.movierec.bench.SoakBench}) and index speed and recall ({@link
 * io.movierec.bench.IndexBenchmark}), plus two generator and parser timings. Micro-benchmarks under
 * JMH are in {@code io.movierec.bench.jmh}.
 */
@NullMarked
package io.movierec.bench;

import org.jspecify.annotations.NullMarked;
