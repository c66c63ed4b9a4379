/**
 * Slot:feasign sample files: the line format, a streaming reader into reusable batches, a writer,
 * and an in-memory table for data that fits.
 */
@NullMarked
package io.movierec.samples;

import org.jspecify.annotations.NullMarked;
