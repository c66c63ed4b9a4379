package io.movierec.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The MovieLens file layouts movierec reads, and detection of a directory's layout. */
public enum MovieLensFormat {
  /**
   * MovieLens 1M: {@code users.dat}, {@code movies.dat}, {@code ratings.dat}; {@code ::}-separated
   * ISO-8859-1, whole-star ratings.
   */
  ML_1M("users.dat", "movies.dat", "ratings.dat", StandardCharsets.ISO_8859_1, "::", null, null),

  /**
   * MovieLens 100K: {@code u.user}, {@code u.item} ({@code |}-separated) and {@code u.data}
   * (tab-separated); ISO-8859-1, whole-star ratings.
   */
  ML_100K("u.user", "u.item", "u.data", StandardCharsets.ISO_8859_1, "\t", null, null),

  /**
   * The CSV sets (ml-latest, ml-latest-small, ml-20m, ml-25m): {@code movies.csv} and {@code
   * ratings.csv} with headers; UTF-8, half-star ratings, no user file.
   */
  CSV(
      null,
      "movies.csv",
      "ratings.csv",
      StandardCharsets.UTF_8,
      ",",
      "userId,movieId,rating,timestamp",
      "movieId,title,genres");

  private final String usersFile;
  private final String moviesFile;
  private final String ratingsFile;
  private final Charset defaultCharset;
  private final String ratingSeparator;
  private final String ratingsHeader;
  private final String moviesHeader;

  MovieLensFormat(
      String usersFile,
      String moviesFile,
      String ratingsFile,
      Charset defaultCharset,
      String ratingSeparator,
      String ratingsHeader,
      String moviesHeader) {
    this.usersFile = usersFile;
    this.moviesFile = moviesFile;
    this.ratingsFile = ratingsFile;
    this.defaultCharset = defaultCharset;
    this.ratingSeparator = ratingSeparator;
    this.ratingsHeader = ratingsHeader;
    this.moviesHeader = moviesHeader;
  }

  /** The users file name; empty for {@link #CSV}, whose users are the ids its ratings use. */
  public Optional<String> usersFileName() {
    return Optional.ofNullable(usersFile);
  }

  /** The movies file name. */
  public String moviesFileName() {
    return moviesFile;
  }

  /** The ratings file name. */
  public String ratingsFileName() {
    return ratingsFile;
  }

  /** The charset the format's files are written in. */
  public Charset defaultCharset() {
    return defaultCharset;
  }

  /** True if ratings come in half stars (0.5 to 5), false for whole stars (1 to 5). */
  public boolean halfStarRatings() {
    return this == CSV;
  }

  /** The names of the files this format's directory holds. */
  public List<String> fileNames() {
    return Stream.of(usersFile, moviesFile, ratingsFile)
        .filter(Objects::nonNull)
        .collect(Collectors.toUnmodifiableList());
  }

  String ratingSeparator() {
    return ratingSeparator;
  }

  /** The exact first line of the ratings file, or null when it has none. */
  String ratingsHeader() {
    return ratingsHeader;
  }

  /** The exact first line of the movies file, or null when it has none. */
  String moviesHeader() {
    return moviesHeader;
  }

  /**
   * The format of the MovieLens files in {@code directory}: the one format any of whose files
   * ({@link #fileNames()}) exist there.
   *
   * @throws MalformedDataException naming the directory and the files looked for, if {@code
   *     directory} is not a directory, holds no file of any format, or holds files of several
   */
  public static MovieLensFormat detect(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new MalformedDataException(directory, directory + " is not a directory");
    }
    List<MovieLensFormat> found = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (MovieLensFormat format : values()) {
      List<String> present =
          format.fileNames().stream()
              .filter(name -> Files.isRegularFile(directory.resolve(name)))
              .collect(Collectors.toList());
      if (!present.isEmpty()) {
        found.add(format);
        seen.add(format + ": " + String.join(", ", present));
      }
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.isEmpty()) {
      String lookedFor =
          Stream.of(values())
              .map(f -> f + " (" + String.join(", ", f.fileNames()) + ")")
              .collect(Collectors.joining("; "));
      throw new MalformedDataException(
          directory, directory + " holds no MovieLens files; looked for " + lookedFor);
    }
    throw new MalformedDataException(
        directory,
        directory
            + " holds files of several MovieLens formats ("
            + String.join("; ", seen)
            + "); choose one with ReadOptions.newBuilder().withFormat(...)");
  }
}
