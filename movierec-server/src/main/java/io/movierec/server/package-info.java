/**
 * The recommender as a JSON-over-HTTP service, on the JDK alone: {@link
 * io.movierec.server.RecommenderServer}.
 *
 * <p>One selector thread accepts connections and reads requests without blocking; a complete
 * request goes to a bounded pool of worker threads, and a full queue answers 503 at once. Idle and
 * slow connections therefore hold no worker. Request line, headers and body have size limits (414,
 * 431, 413), a request must arrive within the read timeout (408), and every failure answers a JSON
 * body {@code {"error": "...", "status": N}}.
 */
@NullMarked
package io.movierec.server;

import org.jspecify.annotations.NullMarked;
