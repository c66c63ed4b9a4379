/**
 * Scale-out on Apache Spark, an optional module: {@link io.movierec.spark.PrepareJob} prepares
 * samples from ratings too large for one machine with the same split and encoding as {@code
 * movierec prepare}, and {@link io.movierec.spark.SparkMain} runs the jobs from the command line.
 * Spark is a {@code provided} dependency: a cluster's own Spark runs them.
 */
@NullMarked
package io.movierec.spark;

import org.jspecify.annotations.NullMarked;
