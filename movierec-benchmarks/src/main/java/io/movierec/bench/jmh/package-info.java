/**
 * JMH micro-benchmarks: index queries, rating parsing and model scoring. Run them with {@code
 * bin/movierec bench jmh [JMH options] [benchmark name]}.
 */
@NullMarked
package io.movierec.bench.jmh;

import org.jspecify.annotations.NullMarked;
