package io.movierec.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reader of the three ml-1m files for the tests, independent of the project's readers: it
 * splits every line on {@code ::} and fails on a line with the wrong number of fields.
 */
final class Ml1mTestFiles {

  record UserLine(int id, String gender, int age, int occupation, String zip) {}

  record MovieLine(int id, String title, List<String> genres) {}

  record RatingLine(int userId, int movieId, int score, long timestamp) {}

  private Ml1mTestFiles() {}

  static List<UserLine> users(Path dir) throws IOException {
    List<UserLine> users = new ArrayList<>();
    for (String[] f : lines(dir.resolve("users.dat"), 5)) {
      users.add(
          new UserLine(
              Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4]));
    }
    return users;
  }

  static List<MovieLine> movies(Path dir) throws IOException {
    List<MovieLine> movies = new ArrayList<>();
    for (String[] f : lines(dir.resolve("movies.dat"), 3)) {
      movies.add(new MovieLine(Integer.parseInt(f[0]), f[1], List.of(f[2].split("\\|", -1))));
    }
    return movies;
  }

  static List<RatingLine> ratings(Path dir) throws IOException {
    List<RatingLine> ratings = new ArrayList<>();
    for (String[] f : lines(dir.resolve("ratings.dat"), 4)) {
      ratings.add(
          new RatingLine(
              Integer.parseInt(f[0]),
              Integer.parseInt(f[1]),
              Integer.parseInt(f[2]),
              Long.parseLong(f[3])));
    }
    return ratings;
  }

  private static List<String[]> lines(Path file, int fields) throws IOException {
    List<String[]> rows = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      lineNumber++;
      String[] f = line.split("::", -1);
      if (f.length != fields) {
        throw new IllegalStateException(
            file + " line " + lineNumber + ": " + f.length + " fields, expected " + fields);
      }
      rows.add(f);
    }
    return rows;
  }
}
