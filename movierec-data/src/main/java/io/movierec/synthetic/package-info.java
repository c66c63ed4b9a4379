/**
 * A synthetic MovieLens-shaped data set with planted structure (tastes by demographic group and
 * genre, a long tail of popularity, clusters of movies watched together, tastes that drift over a
 * user's history), written in ml-1m format, for the quickstart, tests and benchmarks: real
 * MovieLens data may not be redistributed.
 */
@NullMarked
package io.movierec.synthetic;

import org.jspecify.annotations.NullMarked;
