/**
 * Progress of long steps (reading and preparing ratings, training, building an index, assembling a
 * bundle, benchmarks): a {@link io.movierec.progress.Progress} counts the units of one task and
 * hands a {@link io.movierec.progress.ProgressSnapshot} to a {@link
 * io.movierec.progress.ProgressListener} now and then — by default {@link
 * io.movierec.progress.LoggingProgressListener}, a plain slf4j line every 10 seconds:
 *
 * <pre>
 * prepare: write samples: 412,000 / 1,000,209 ratings (41%), 180,000/s, ETA 3 s
 * </pre>
 *
 * A command line on a terminal installs {@link io.movierec.progress.TerminalProgressListener}
 * instead (one line redrawn with {@code \r}) through {@link
 * io.movierec.progress.Progress#setDefaultListener}.
 */
@NullMarked
package io.movierec.progress;

import org.jspecify.annotations.NullMarked;
