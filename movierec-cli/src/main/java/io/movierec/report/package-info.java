/**
 * The HTML training report that {@code movierec train --report DIR} writes: loss curves as inline
 * SVG, the run's settings and figures, and the same data as JSON.
 */
@NullMarked
package io.movierec.report;

import org.jspecify.annotations.NullMarked;
