/**
 * PaddleRec's {@code config.yaml}: reads the runner and hyper-parameter sections into movierec's
 * settings, naming the file and key of anything it cannot take.
 */
@NullMarked
package io.movierec.config;

import org.jspecify.annotations.NullMarked;
