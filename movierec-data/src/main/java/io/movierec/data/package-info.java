/**
 * Reading MovieLens files (ml-1m, ml-100k, ml-latest CSV; the format is detected): strict by
 * default, with errors that name the file, line, field and value, or lenient, counting what was
 * skipped.
 */
@NullMarked
package io.movierec.data;

import org.jspecify.annotations.NullMarked;
