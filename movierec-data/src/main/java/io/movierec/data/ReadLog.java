package io.movierec.data;

import io.movierec.data.ReadSummary.FileCounts;
import io.movierec.data.ReadSummary.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the counts and problems of one read and applies the mode: strict rethrows a problem,
 * lenient counts it and keeps the first few. Used by one thread at a time.
 */
final class ReadLog {
  private static final Logger LOG = LoggerFactory.getLogger(ReadLog.class);

  private final boolean lenient;
  private final int maxProblemsKept;
  private final Map<String, long[]> counts = new LinkedHashMap<>(); // name -> {read, skipped}
  private final List<Problem> problems = new ArrayList<>();

  ReadLog(ReadOptions options) {
    this.lenient = options.lenient();
    this.maxProblemsKept = options.maxProblemsKept();
  }

  /**
   * Handles a bad line: throws {@code problem} when strict; when lenient counts the line as skipped
   * and keeps the problem if fewer than the maximum are kept.
   */
  void skip(MalformedDataException problem) {
    if (!lenient) {
      throw problem;
    }
    String name = problem.file().getFileName().toString();
    countsOf(name)[1]++;
    LOG.debug("skipped: {}", problem.getMessage());
    if (problems.size() < maxProblemsKept) {
      problems.add(new Problem(name, problem.lineNumber(), problem.getMessage()));
    }
  }

  /** Records that {@code lines} lines of {@code name} were read. */
  void linesRead(String name, long lines) {
    long[] c = countsOf(name);
    c[0] += lines;
    if (c[1] > 0) {
      LOG.warn("{}: skipped {} of {} lines", name, c[1], c[0]);
    }
  }

  ReadSummary summary() {
    Map<String, FileCounts> files = new LinkedHashMap<>();
    counts.forEach((name, c) -> files.put(name, new FileCounts(c[0], c[1])));
    return new ReadSummary(files, problems);
  }

  private long[] countsOf(String name) {
    return counts.computeIfAbsent(name, n -> new long[2]);
  }
}
