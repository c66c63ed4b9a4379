package io.movierec.features;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import java.util.List;
import java.util.Locale;

/**
 * The raw fields a slot can read. Values are the strings PaddleRec hashes: the MovieLens codes as
 * {@code users.dat} writes them (gender {@code M}, age {@code 25}, occupation {@code 7}), the
 * title's words split on spaces (the year token {@code (1995)} counts as a word), the genre labels.
 * {@link #HISTORY} and {@link #RATINGS} are movierec's additions: the ids of the movies the user
 * rated before the rating at hand and the scores given, most recent first, so a slot of length L
 * holds the L latest.
 */
public enum Field implements Feature {
  USERID(Side.USER),
  GENDER(Side.USER),
  AGE(Side.USER),
  OCCUPATION(Side.USER),
  ZIP(Side.USER),
  /** The movies the user rated before, most recent first (PaddleRec has no such slot). */
  HISTORY(Side.USER),
  /** The scores the user gave those movies, most recent first, as {@code "4"} or {@code "3.5"}. */
  RATINGS(Side.USER),
  MOVIEID(Side.MOVIE),
  TITLE(Side.MOVIE),
  GENRES(Side.MOVIE),
  YEAR(Side.MOVIE);

  private final Side side;

  Field(Side side) {
    this.side = side;
  }

  @Override
  public Side side() {
    return side;
  }

  /** The lower-case name, which is also the PaddleRec slot name of the field. */
  @Override
  public String spec() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void userValues(UserContext user, List<String> out) {
    UserProfile profile = user.profile();
    switch (this) {
      case USERID -> {
        if (user.userId() > 0) {
          out.add(Integer.toString(user.userId()));
        }
      }
      case GENDER -> {
        if (profile != null) {
          out.add(profile.gender().code());
        }
      }
      case AGE -> {
        if (profile != null) {
          out.add(Integer.toString(profile.age().code()));
        }
      }
      case OCCUPATION -> {
        if (profile != null) {
          out.add(Integer.toString(profile.occupation().code()));
        }
      }
      case ZIP -> {
        if (!user.zip().isEmpty()) {
          out.add(user.zip());
        }
      }
      case HISTORY -> {
        for (int i = 0; i < user.historyLength(); i++) {
          out.add(Integer.toString(user.historyAt(i)));
        }
      }
      case RATINGS -> {
        if (user.hasScores()) {
          for (int i = 0; i < user.historyLength(); i++) {
            float r = user.scoreAt(i);
            out.add(r == (int) r ? Integer.toString((int) r) : Float.toString(r));
          }
        }
      }
      default -> throw new IllegalStateException(this + " is a movie field");
    }
  }

  @Override
  public void movieValues(Movie movie, List<String> out) {
    switch (this) {
      case MOVIEID -> out.add(Integer.toString(movie.id()));
      case TITLE -> splitTitle(movie.title(), out);
      case GENRES -> {
        for (Genre g : movie.genres()) {
          out.add(g.label());
        }
      }
      case YEAR -> movie.releaseYear().ifPresent(y -> out.add(Integer.toString(y)));
      default -> throw new IllegalStateException(this + " is a user field");
    }
  }

  /** Splits a title on spaces as PaddleRec does: every non-empty word, {@code (1995)} included. */
  static void splitTitle(String title, List<String> out) {
    int n = title.length();
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean space = i == n || Character.isWhitespace(title.charAt(i));
      if (space && start >= 0) {
        out.add(title.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
  }

  /**
   * The field named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException listing the known names if there is none
   */
  public static Field fromName(String name) {
    for (Field f : values()) {
      if (f.spec().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown feature '"
            + name
            + "' (known: userid, gender, age, occupation, zip, history, ratings, movieid, title,"
            + " genres, year)");
  }
}
