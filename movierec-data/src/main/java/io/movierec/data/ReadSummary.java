package io.movierec.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one read saw: the lines read and skipped per file, and the first few problems. A strict read
 * never skips a line, so its summary only counts lines.
 *
 * @param files per file name (such as {@code "ratings.dat"}), in the order the files were read
 * @param firstProblems the first problems met, at most {@link ReadOptions#maxProblemsKept()}
 */
public record ReadSummary(Map<String, FileCounts> files, List<Problem> firstProblems) {

  public ReadSummary {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    firstProblems = List.copyOf(firstProblems);
  }

  /** The lines of {@code fileName} read, 0 if it was not read. */
  public long linesRead(String fileName) {
    FileCounts counts = files.get(fileName);
    return counts == null ? 0 : counts.linesRead();
  }

  /** The lines of {@code fileName} skipped, 0 if it was not read. */
  public long linesSkipped(String fileName) {
    FileCounts counts = files.get(fileName);
    return counts == null ? 0 : counts.linesSkipped();
  }

  /** The lines skipped in all files together. */
  public long linesSkipped() {
    return files.values().stream().mapToLong(FileCounts::linesSkipped).sum();
  }

  /** A few lines fit to print or log: one per file, then the problems kept. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    files.forEach(
        (name, counts) ->
            out.append(
                String.format(
                    "%s: %,d lines read, %,d skipped%n",
                    name, counts.linesRead(), counts.linesSkipped())));
    long skipped = linesSkipped();
    if (skipped > 0) {
      out.append(String.format("first %d of %,d problems:%n", firstProblems.size(), skipped));
      firstProblems.forEach(
          p -> out.append("  ").append(p.message()).append(System.lineSeparator()));
    }
    return out.toString();
  }

  /**
   * The line counts of one file.
   *
   * @param linesRead every line of the file, header and blank lines included
   * @param linesSkipped the lines a lenient read left out
   */
  public record FileCounts(long linesRead, long linesSkipped) {
    public FileCounts {
      checkArgument(linesRead >= 0 && linesSkipped >= 0, "counts must not be negative");
    }
  }

  /**
   * One skipped line.
   *
   * @param file the file name, such as {@code "ratings.dat"}
   * @param lineNumber the 1-based line number
   * @param message the message of the {@link MalformedDataException} it would have thrown
   */
  public record Problem(String file, long lineNumber, String message) {
    public Problem {
      checkNotNull(file, "file");
      checkNotNull(message, "message");
    }
  }
}
