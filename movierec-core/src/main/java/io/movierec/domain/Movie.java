package io.movierec.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A movie of the catalogue.
 *
 * @param id the MovieLens movie id, at least 1
 * @param title the title as recorded, year included, e.g. {@code "Toy Story (1995)"}; at most
 *     {@link #MAX_TITLE_LENGTH} characters
 * @param year the release year parsed from the title, or 0 when the title carries none; see {@link
 *     #releaseYear()}
 * @param genres the genres in recorded order (may be empty)
 */
public record Movie(int id, String title, int year, List<Genre> genres) {

  /**
   * The longest title a movie may have, in characters: 1,000 (the longest MovieLens title has 82).
   * The readers refuse a longer one on its line, so a saved catalogue never meets one.
   */
  public static final int MAX_TITLE_LENGTH = 1_000;

  private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

  public Movie {
    checkArgument(id >= 1, "movie id must be at least 1, got %s", id);
    checkNotNull(title, "title");
    checkArgument(
        title.length() <= MAX_TITLE_LENGTH,
        "title of movie %s has %s characters, more than %s",
        id,
        title.length(),
        MAX_TITLE_LENGTH);
    checkArgument(year == 0 || (year >= 1800 && year <= 2200), "implausible year %s", year);
    genres = List.copyOf(genres);
  }

  /** A movie whose year is parsed from the end of its title, as MovieLens writes it. */
  public static Movie of(int id, String title, List<Genre> genres) {
    return new Movie(id, title, parseYear(title).orElse(0), genres);
  }

  /** The release year, if the title carries one. */
  public OptionalInt releaseYear() {
    return year == 0 ? OptionalInt.empty() : OptionalInt.of(year);
  }

  /**
   * The year in a MovieLens title: the four digits in parentheses at its end, as in {@code "Toy
   * Story (1995)"}.
   */
  public static OptionalInt parseYear(String title) {
    Matcher m = YEAR.matcher(title);
    if (m.find()) {
      int y = Integer.parseInt(m.group(1));
      if (y >= 1800 && y <= 2200) {
        return OptionalInt.of(y);
      }
    }
    return OptionalInt.empty();
  }
}
