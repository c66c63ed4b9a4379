/**
 * The one JSON writer of movierec (no dependency): escaping, compact objects and arrays for the
 * command line and HTTP answers, and indented trees for reports.
 */
@NullMarked
package io.movierec.json;

import org.jspecify.annotations.NullMarked;
