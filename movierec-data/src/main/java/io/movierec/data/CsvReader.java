package io.movierec.data;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code movies.csv} of the CSV sets ({@code movieId,title,genres} with a header,
 * RFC-4180 quoting). Their users have no file: {@link MovieLensDataset} takes them from the
 * ratings.
 */
final class CsvReader {
  /** The genres field of a movie without genres. */
  static final String NO_GENRES = "(no genres listed)";

  private CsvReader() {}

  static Map<Integer, Movie> readMovies(Path file, Charset charset, ReadLog log)
      throws IOException {
    return LineReader.readById(
        file,
        charset,
        MovieLensFormat.CSV.moviesHeader(),
        log,
        "movie",
        CsvReader::parseMovie,
        Movie::id);
  }

  static Movie parseMovie(Line line) {
    line.splitCsv();
    line.expectFields(3, ",");
    int id = line.id(0, "movie");
    String title = Ml1mReader.title(line, 1);
    List<Genre> genres = line.fieldEquals(2, NO_GENRES) ? List.of() : Ml1mReader.genres(line, 2);
    return Movie.of(id, title, genres);
  }
}
