package io.movierec.prepare;

import io.movierec.data.MalformedDataException;
import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users and movies of a prepared data set as UTF-8 TSV files, so later stages do not need the
 * original MovieLens directory:
 *
 * <pre>
 *   users.tsv    id  gender  age  occupation  zip      (- where the data set has no demographics)
 *   movies.tsv   id  year  title  genres               (year 0 if unknown, genres |-separated)
 * </pre>
 */
public final class CatalogFiles {

  static final String USERS = "users.tsv";
  static final String MOVIES = "movies.tsv";

  private CatalogFiles() {}

  /** Writes {@code users.tsv} into {@code dir}. */
  public static void writeUsers(Path dir, Collection<User> users) throws IOException {
    try (Writer w = writer(dir.resolve(USERS))) {
      w.write("#id\tgender\tage\toccupation\tzip\n");
      for (User u : users) {
        UserProfile p = u.profile();
        w.write(
            u.id()
                + "\t"
                + (p == null ? "-" : p.gender().code())
                + "\t"
                + (p == null ? "-" : Integer.toString(p.age().code()))
                + "\t"
                + (p == null ? "-" : Integer.toString(p.occupation().code()))
                + "\t"
                + (u.zip().isEmpty() ? "-" : u.zip())
                + "\n");
      }
    }
  }

  /** Writes {@code movies.tsv} into {@code dir}. */
  public static void writeMovies(Path dir, Collection<Movie> movies) throws IOException {
    try (Writer w = writer(dir.resolve(MOVIES))) {
      w.write("#id\tyear\ttitle\tgenres\n");
      for (Movie m : movies) {
        List<String> g = new ArrayList<>();
        m.genres().forEach(x -> g.add(x.label()));
        w.write(
            m.id()
                + "\t"
                + m.year()
                + "\t"
                + m.title().replace('\t', ' ')
                + "\t"
                + String.join("|", g)
                + "\n");
      }
    }
  }

  /** Reads {@code users.tsv} from {@code dir}, in file order. */
  public static Map<Integer, User> readUsers(Path dir) throws IOException {
    Path f = dir.resolve(USERS);
    Map<Integer, User> users = new LinkedHashMap<>();
    forEachRow(
        f,
        5,
        (line, c) -> {
          int id = Integer.parseInt(c[0]);
          User u =
              c[1].equals("-")
                  ? new User(id, null, c[4].equals("-") ? "" : c[4])
                  : User.of(
                      id,
                      Gender.fromCode(c[1]),
                      AgeBucket.fromCode(Integer.parseInt(c[2])),
                      Occupation.fromCode(Integer.parseInt(c[3])),
                      c[4].equals("-") ? "" : c[4]);
          users.put(id, u);
        });
    return users;
  }

  /** Reads {@code movies.tsv} from {@code dir}, in file order. */
  public static Map<Integer, Movie> readMovies(Path dir) throws IOException {
    Path f = dir.resolve(MOVIES);
    Map<Integer, Movie> movies = new LinkedHashMap<>();
    forEachRow(
        f,
        4,
        (line, c) -> {
          List<Genre> genres = new ArrayList<>();
          if (!c[3].isEmpty()) {
            for (String g : c[3].split("\\|")) {
              genres.add(
                  Genre.fromLabel(g)
                      .orElseThrow(
                          () -> new IllegalArgumentException("unknown genre '" + g + "'")));
            }
          }
          int id = Integer.parseInt(c[0]);
          movies.put(id, new Movie(id, c[2], Integer.parseInt(c[1]), genres));
        });
    return movies;
  }

  interface RowHandler {
    void row(long line, String[] columns);
  }

  static void forEachRow(Path f, int columns, RowHandler handler) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      long n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\t", -1);
        if (c.length != columns) {
          throw new MalformedDataException(
              f, n, null, line, "has " + c.length + " columns, expected " + columns);
        }
        try {
          handler.row(n, c);
        } catch (IllegalArgumentException e) {
          throw new MalformedDataException(f, n, null, line, e.getMessage());
        }
      }
    }
  }

  static Writer writer(Path f) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(f), StandardCharsets.UTF_8), 1 << 16);
  }
}
