/**
 * A synthetic MovieLens-shaped data set with planted structure (tastes, popularity, genres),
 * written in ml-1m format, for the quickstart, tests and benchmarks: real MovieLens data may not be
 * redistributed.
 */
@NullMarked
package io.movierec.synthetic;

import org.jspecify.annotations.NullMarked;
