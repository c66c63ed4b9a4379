package io.movierec.synthetic;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a catalogue shaped like MovieLens 1M's: ids with a few gaps (ml-1m has 3,883 movies within
 * ids 1..3952), made-up titles in MovieLens style ({@code "Lost River, The (1994)"}, a small share
 * with Latin-1 letters such as é), years 1919..2000 skewed to the 1990s, and one to three of the 18
 * standard genres, Drama and Comedy the most common. Titles are unique; one title word often hints
 * at the movie's genre, as real titles do.
 */
final class MovieGenerator {

  static final int FIRST_YEAR = 1919;
  static final int LAST_YEAR = 2000;

  /** Unused ids per movie (ml-1m: 69 ids unused for 3,883 movies, the largest id 3952). */
  static final double ID_GAPS_PER_MOVIE = 69.0 / 3883;

  /** Share of titles with a Latin-1 letter (ml-1m: 50 of 3,883); at least one title has one. */
  static final double LATIN1_TITLE_SHARE = 0.013;

  /** Shares of movies with one, two and three genres. */
  private static final double[] GENRE_COUNT_WEIGHTS = {0.55, 0.34, 0.11};

  /** Relative frequency of each standard genre, in {@link Genre} order. */
  private static final double[] GENRE_WEIGHTS = {
    500, 280, 100, 250, 1200, 210, 130, 1600, 70, 40, 340, 110, 110, 470, 280, 490, 140, 70
  };

  /** Relative frequency of the decades 1910s..2000s (the 1910s give 1919 only, the 2000s 2000). */
  private static final double[] DECADE_WEIGHTS = {1, 9, 20, 32, 43, 49, 64, 154, 588, 40};

  private static final String[] ADJECTIVES =
      commaSeparated(
          "Last, Lost, Dark, Little, Big, Hidden, Silent, Broken, Golden, Wild, Long, "
              + "Final, Red, Blue, Black, White, Great, Perfect, Crazy, Lucky, Strange, Sweet, "
              + "Bitter, Burning, Frozen, Forgotten, Endless, Lonely, Midnight, Eternal, "
              + "American, Second, Dangerous, Quiet, Restless, Empty, Fallen, Young");

  private static final String[] NOUNS =
      commaSeparated(
          "City, Road, River, Summer, Winter, House, Garden, Moon, Sun, Man, Woman, "
              + "Girl, Boy, Game, Dream, World, Time, Day, Year, Sea, Mountain, Train, Hotel, "
              + "School, Street, Door, Window, Sky, Rain, Storm, Island, Town, Family, "
              + "Brothers, Sisters, Angel, Ghost, King, Queen, Child, Stranger, Room");

  private static final String[] PLACES =
      commaSeparated(
          "Paris, Texas, Brooklyn, Tokyo, Chicago, Rome, Boston, Alaska, Vegas, Montana, "
              + "Berlin, Cairo, Havana, Memphis, Seattle, Dublin, Manhattan");

  private static final String[] NAMES =
      commaSeparated(
          "Harry, Sally, Billy, Maggie, Jack, Rosie, Frank, Eddie, Lucy, Charlie, Annie, "
              + "Max, Molly, Tom, Nora, Sam");

  /** Words with letters beyond ASCII but within ISO-8859-1. */
  private static final String[] LATIN1_WORDS =
      commaSeparated(
          "Café, Señor, Mañana, Noël, Château, Déjà Vu, Fiancée, Naïve, Soirée, Protégé, "
              + "Garçon, Fräulein, Piñata, Façade, Crème Brûlée, Zoë, Belle Époque, Ménage, "
              + "Bête Noire, Misérable");

  private static final String[] FRENCH_ARTICLES = {"Le", "La", "Les", "L'"};

  private static final Map<Genre, String[]> GENRE_WORDS = new EnumMap<>(Genre.class);

  static {
    words(Genre.ACTION, "Fury", "Strike", "Bullet", "Justice", "Vengeance", "Fire", "Target");
    words(Genre.ADVENTURE, "Quest", "Treasure", "Journey", "Expedition", "Jungle", "Voyage");
    words(Genre.ANIMATION, "Toy", "Bunny", "Cartoon", "Penguin", "Kingdom", "Dragon");
    words(Genre.CHILDRENS, "Puppy", "Pony", "Friends", "Balloon", "Kid", "Treehouse");
    words(Genre.COMEDY, "Wedding", "Party", "Roommate", "Vacation", "Trouble", "Mess");
    words(Genre.CRIME, "Heist", "Mob", "Detective", "Gangster", "Score", "Cop");
    words(Genre.DOCUMENTARY, "Story", "Life", "Portrait", "Voices", "Truth", "Chronicle");
    words(Genre.DRAMA, "Heart", "Father", "Letter", "Promise", "Silence", "Memory");
    words(Genre.FANTASY, "Wizard", "Sword", "Spell", "Realm", "Giant", "Legend");
    words(Genre.FILM_NOIR, "Shadow", "Alibi", "Dame", "Night", "Smoke", "Double");
    words(Genre.HORROR, "Blood", "Scream", "Curse", "Nightmare", "Grave", "Haunting");
    words(Genre.MUSICAL, "Song", "Dance", "Melody", "Broadway", "Rhythm", "Show");
    words(Genre.MYSTERY, "Secret", "Clue", "Puzzle", "Riddle", "Mirror", "Key");
    words(Genre.ROMANCE, "Love", "Kiss", "Valentine", "Bride", "Affair", "Sweetheart");
    words(Genre.SCI_FI, "Star", "Planet", "Robot", "Galaxy", "Android", "Orbit");
    words(Genre.THRILLER, "Fear", "Trap", "Witness", "Edge", "Pursuit", "Deadline");
    words(Genre.WAR, "Battle", "Soldier", "Platoon", "Front", "Enemy", "Victory");
    words(Genre.WESTERN, "Outlaw", "Sheriff", "Frontier", "Ranch", "Canyon", "Gun");
  }

  /** How often a noun slot takes a word of the movie's genre rather than a general one. */
  private static final double GENRE_WORD_SHARE = 0.5;

  private static final int MAX_TITLE_ATTEMPTS = 50;

  private MovieGenerator() {}

  /** {@code count} movies in ascending id order. */
  static List<Movie> generate(int count, SplitMix64 rng) {
    int[] ids = ids(count, rng);
    boolean[] latin1 = pickLatin1Titles(count, rng);
    Set<String> titles = new HashSet<>();
    List<Movie> movies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      List<Genre> genres = genres(rng);
      int year = year(rng);
      String title =
          uniqueTitle(genres.get(rng.nextInt(genres.size())), latin1[i], year, titles, rng);
      movies.add(new Movie(ids[i], title, year, genres));
    }
    return movies;
  }

  /** {@code count} ascending ids from 1, with {@link #ID_GAPS_PER_MOVIE} unused ids per movie. */
  private static int[] ids(int count, SplitMix64 rng) {
    int gaps = (int) Math.round(count * ID_GAPS_PER_MOVIE);
    int maxId = count + gaps;
    boolean[] unused = new boolean[maxId + 1];
    for (int left = gaps; left > 0; ) {
      int id = 2 + rng.nextInt(maxId - 2); // ids 1 and maxId stay in use
      if (!unused[id]) {
        unused[id] = true;
        left--;
      }
    }
    int[] ids = new int[count];
    int next = 0;
    for (int id = 1; id <= maxId; id++) {
      if (!unused[id]) {
        ids[next++] = id;
      }
    }
    return ids;
  }

  private static boolean[] pickLatin1Titles(int count, SplitMix64 rng) {
    boolean[] latin1 = new boolean[count];
    for (int left = Math.max(1, (int) Math.round(count * LATIN1_TITLE_SHARE)); left > 0; ) {
      int i = rng.nextInt(count);
      if (!latin1[i]) {
        latin1[i] = true;
        left--;
      }
    }
    return latin1;
  }

  /** One to three distinct genres, drawn by frequency, in {@link Genre} order. */
  private static List<Genre> genres(SplitMix64 rng) {
    int n = 1 + rng.nextWeighted(GENRE_COUNT_WEIGHTS);
    double[] weights = GENRE_WEIGHTS.clone();
    Set<Genre> chosen = EnumSet.noneOf(Genre.class);
    while (chosen.size() < n) {
      int g = rng.nextWeighted(weights);
      weights[g] = 0;
      chosen.add(Genre.values()[g]);
    }
    return List.copyOf(chosen);
  }

  /** A year by decade weight, skewed to the later years within the decade. */
  private static int year(SplitMix64 rng) {
    int decade = 1910 + 10 * rng.nextWeighted(DECADE_WEIGHTS);
    int year = decade + (int) (10 * StrictMath.pow(rng.nextDouble(), 0.7));
    return Math.max(FIRST_YEAR, Math.min(LAST_YEAR, year));
  }

  private static String uniqueTitle(
      Genre genre, boolean latin1, int year, Set<String> taken, SplitMix64 rng) {
    String title = "";
    for (int attempt = 0; attempt < MAX_TITLE_ATTEMPTS; attempt++) {
      title = title(genre, latin1, rng) + " (" + year + ")";
      if (taken.add(title)) {
        return title;
      }
    }
    String base = title.substring(0, title.length() - " (YYYY)".length());
    for (int sequel = 2; ; sequel++) {
      title = base + " " + sequel + " (" + year + ")";
      if (taken.add(title)) {
        return title;
      }
    }
  }

  /** A title without its year, in one of a few MovieLens-like patterns. */
  private static String title(Genre genre, boolean latin1, SplitMix64 rng) {
    if (latin1) {
      String word = pick(LATIN1_WORDS, rng);
      return switch (rng.nextInt(3)) {
        case 0 -> word + " " + noun(genre, rng);
        case 1 -> pick(ADJECTIVES, rng) + " " + word;
        default -> word + ", " + pick(FRENCH_ARTICLES, rng);
      };
    }
    return switch (rng.nextInt(20)) {
      case 0, 1, 2, 3, 4 -> pick(ADJECTIVES, rng) + " " + noun(genre, rng);
      case 5, 6, 7 -> noun(genre, rng);
      case 8, 9 -> noun(genre, rng) + " of the " + noun(genre, rng);
      case 10, 11, 12 -> pick(ADJECTIVES, rng) + " " + noun(genre, rng) + ", The";
      case 13 -> noun(genre, rng) + ", The";
      case 14 -> pick(NAMES, rng) + "'s " + noun(genre, rng);
      case 15 -> noun(genre, rng) + " in " + pick(PLACES, rng);
      case 16 -> withIndefiniteArticle(pick(ADJECTIVES, rng) + " " + noun(genre, rng));
      case 17 -> noun(genre, rng) + " " + (2 + rng.nextInt(3));
      default -> noun(genre, rng) + " and " + noun(genre, rng);
    };
  }

  private static String noun(Genre genre, SplitMix64 rng) {
    return rng.nextBoolean(GENRE_WORD_SHARE) ? pick(GENRE_WORDS.get(genre), rng) : pick(NOUNS, rng);
  }

  /** MovieLens moves a leading article to the end: {@code "Perfect Storm, A"}. */
  private static String withIndefiniteArticle(String phrase) {
    return phrase + ("AEIOU".indexOf(phrase.charAt(0)) >= 0 ? ", An" : ", A");
  }

  private static String pick(String[] words, SplitMix64 rng) {
    return words[rng.nextInt(words.length)];
  }

  private static String[] commaSeparated(String words) {
    return words.split(", ");
  }

  private static void words(Genre genre, String... words) {
    GENRE_WORDS.put(genre, words);
  }
}
