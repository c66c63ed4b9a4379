package io.movierec.synthetic;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.UserProfile;
import java.util.EnumMap;
import java.util.Map;

/**
 * The planted structure of the ratings: a latent space of {@link #K} named themes in which movies
 * and users are placed, so that a user's affinity for a movie is the dot product of the two.
 *
 * <ul>
 *   <li>A movie's theme vector is the mean of its genres' loadings below (a movie released before
 *       1970 also gets {@link #PERIOD}), plus individual variation added by the caller.
 *   <li>A user's theme vector is the sum of the tastes of their gender, age bucket and occupation
 *       below, plus individual variation added by the caller. The tastes are written out so that
 *       groups differ the way one would expect (women lean to romance, children to family films,
 *       the over-56s to classics, programmers to science fiction); occupations without a written
 *       taste get a small random one from the seed.
 * </ul>
 */
final class Tastes {

  /** The number of themes, the dimension of the latent space. */
  static final int K = 8;

  static final int THRILL = 0;
  static final int FAMILY = 1;
  static final int ROMANCE = 2;
  static final int DARK = 3;
  static final int CEREBRAL = 4;
  static final int LIGHT = 5;
  static final int FANTASTIC = 6;
  static final int PERIOD = 7;

  /** Movies released before this year count as classics (the {@link #PERIOD} theme). */
  static final int CLASSIC_BEFORE_YEAR = 1970;

  private static final double RANDOM_OCCUPATION_TASTE_SD = 0.15;

  private static final Map<Genre, float[]> GENRE_LOADINGS = new EnumMap<>(Genre.class);
  private static final Map<Gender, float[]> GENDER_TASTES = new EnumMap<>(Gender.class);
  private static final Map<AgeBucket, float[]> AGE_TASTES = new EnumMap<>(AgeBucket.class);
  private static final Map<Occupation, float[]> WRITTEN_OCCUPATION_TASTES =
      new EnumMap<>(Occupation.class);

  static {
    GENRE_LOADINGS.put(Genre.ACTION, theme(THRILL, 1.0, FANTASTIC, 0.2));
    GENRE_LOADINGS.put(Genre.ADVENTURE, theme(THRILL, 0.6, FAMILY, 0.4, FANTASTIC, 0.3));
    GENRE_LOADINGS.put(Genre.ANIMATION, theme(FAMILY, 0.9, LIGHT, 0.4));
    GENRE_LOADINGS.put(Genre.CHILDRENS, theme(FAMILY, 1.0, LIGHT, 0.3));
    GENRE_LOADINGS.put(Genre.COMEDY, theme(LIGHT, 1.0));
    GENRE_LOADINGS.put(Genre.CRIME, theme(THRILL, 0.5, DARK, 0.5, CEREBRAL, 0.3));
    GENRE_LOADINGS.put(Genre.DOCUMENTARY, theme(CEREBRAL, 1.0, PERIOD, 0.3));
    GENRE_LOADINGS.put(Genre.DRAMA, theme(CEREBRAL, 0.7, ROMANCE, 0.4));
    GENRE_LOADINGS.put(Genre.FANTASY, theme(FANTASTIC, 0.8, FAMILY, 0.4));
    GENRE_LOADINGS.put(Genre.FILM_NOIR, theme(PERIOD, 0.6, DARK, 0.5, CEREBRAL, 0.5));
    GENRE_LOADINGS.put(Genre.HORROR, theme(DARK, 1.0, THRILL, 0.2));
    GENRE_LOADINGS.put(Genre.MUSICAL, theme(ROMANCE, 0.5, FAMILY, 0.4, PERIOD, 0.4));
    GENRE_LOADINGS.put(Genre.MYSTERY, theme(DARK, 0.6, CEREBRAL, 0.6));
    GENRE_LOADINGS.put(Genre.ROMANCE, theme(ROMANCE, 1.0, LIGHT, 0.2));
    GENRE_LOADINGS.put(Genre.SCI_FI, theme(FANTASTIC, 1.0, THRILL, 0.3));
    GENRE_LOADINGS.put(Genre.THRILLER, theme(DARK, 0.7, THRILL, 0.5));
    GENRE_LOADINGS.put(Genre.WAR, theme(PERIOD, 0.9, THRILL, 0.4, CEREBRAL, 0.2));
    GENRE_LOADINGS.put(Genre.WESTERN, theme(PERIOD, 0.8, THRILL, 0.5));

    GENDER_TASTES.put(Gender.MALE, theme(THRILL, 0.3, FANTASTIC, 0.2, ROMANCE, -0.3));
    GENDER_TASTES.put(
        Gender.FEMALE, theme(ROMANCE, 0.6, FAMILY, 0.2, THRILL, -0.4, DARK, -0.3, FANTASTIC, -0.2));

    AGE_TASTES.put(
        AgeBucket.UNDER_18,
        theme(FAMILY, 0.8, LIGHT, 0.4, FANTASTIC, 0.3, CEREBRAL, -0.5, PERIOD, -0.6));
    AGE_TASTES.put(
        AgeBucket.FROM_18_TO_24, theme(LIGHT, 0.4, DARK, 0.3, THRILL, 0.2, PERIOD, -0.4));
    AGE_TASTES.put(AgeBucket.FROM_25_TO_34, theme(FANTASTIC, 0.2, THRILL, 0.1, DARK, 0.1));
    AGE_TASTES.put(AgeBucket.FROM_35_TO_44, theme(CEREBRAL, 0.2, FAMILY, 0.1));
    AGE_TASTES.put(AgeBucket.FROM_45_TO_49, theme(CEREBRAL, 0.3, PERIOD, 0.2, DARK, -0.1));
    AGE_TASTES.put(
        AgeBucket.FROM_50_TO_55, theme(CEREBRAL, 0.3, PERIOD, 0.4, DARK, -0.3, FANTASTIC, -0.2));
    AGE_TASTES.put(
        AgeBucket.FROM_56,
        theme(PERIOD, 0.7, CEREBRAL, 0.3, ROMANCE, 0.2, DARK, -0.5, FANTASTIC, -0.3, LIGHT, -0.1));

    WRITTEN_OCCUPATION_TASTES.put(Occupation.K12_STUDENT, theme(FAMILY, 0.4, LIGHT, 0.2));
    WRITTEN_OCCUPATION_TASTES.put(Occupation.COLLEGE_GRAD_STUDENT, theme(LIGHT, 0.2, DARK, 0.2));
    WRITTEN_OCCUPATION_TASTES.put(Occupation.PROGRAMMER, theme(FANTASTIC, 0.4, CEREBRAL, 0.1));
    WRITTEN_OCCUPATION_TASTES.put(Occupation.SCIENTIST, theme(FANTASTIC, 0.4, CEREBRAL, 0.2));
    WRITTEN_OCCUPATION_TASTES.put(
        Occupation.TECHNICIAN_ENGINEER, theme(FANTASTIC, 0.4, THRILL, 0.1));
    WRITTEN_OCCUPATION_TASTES.put(Occupation.ARTIST, theme(CEREBRAL, 0.4, ROMANCE, 0.1));
    WRITTEN_OCCUPATION_TASTES.put(Occupation.WRITER, theme(CEREBRAL, 0.4, DARK, 0.1));
    WRITTEN_OCCUPATION_TASTES.put(Occupation.ACADEMIC_EDUCATOR, theme(CEREBRAL, 0.4, PERIOD, 0.1));
    WRITTEN_OCCUPATION_TASTES.put(Occupation.RETIRED, theme(PERIOD, 0.3, ROMANCE, 0.1));
    WRITTEN_OCCUPATION_TASTES.put(Occupation.HOMEMAKER, theme(FAMILY, 0.3, ROMANCE, 0.3));
    WRITTEN_OCCUPATION_TASTES.put(Occupation.LAWYER, theme(CEREBRAL, 0.2, DARK, 0.2));
  }

  private final Map<Occupation, float[]> occupationTastes = new EnumMap<>(Occupation.class);

  /** Tastes whose unwritten occupation tastes are drawn from {@code rng}. */
  Tastes(SplitMix64 rng) {
    for (Occupation o : Occupation.values()) {
      float[] written = WRITTEN_OCCUPATION_TASTES.get(o);
      if (written != null) {
        occupationTastes.put(o, written);
      } else {
        float[] random = new float[K];
        for (int t = 0; t < K; t++) {
          random[t] = (float) (RANDOM_OCCUPATION_TASTE_SD * rng.nextGaussian());
        }
        occupationTastes.put(o, random);
      }
    }
  }

  /** Adds the theme vector of {@code movie}'s genres and era to {@code out} (length {@link #K}). */
  static void addMovieThemes(Movie movie, float[] out) {
    int n = movie.genres().size();
    for (Genre g : movie.genres()) {
      float[] loading = GENRE_LOADINGS.get(g);
      for (int t = 0; t < K; t++) {
        out[t] += loading[t] / n;
      }
    }
    if (movie.year() < CLASSIC_BEFORE_YEAR) {
      out[PERIOD] += 0.5f;
    }
  }

  /** Adds the taste of {@code profile}'s demographic group to {@code out} (length {@link #K}). */
  void addGroupTaste(UserProfile profile, float[] out) {
    float[] g = GENDER_TASTES.get(profile.gender());
    float[] a = AGE_TASTES.get(profile.age());
    float[] o = occupationTastes.get(profile.occupation());
    for (int t = 0; t < K; t++) {
      out[t] += g[t] + a[t] + o[t];
    }
  }

  /** A theme vector from (theme, weight) pairs. */
  private static float[] theme(double... themeWeightPairs) {
    float[] v = new float[K];
    for (int i = 0; i < themeWeightPairs.length; i += 2) {
      v[(int) themeWeightPairs[i]] = (float) themeWeightPairs[i + 1];
    }
    return v;
  }
}
