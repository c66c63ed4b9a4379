package io.movierec.synthetic;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import io.movierec.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the three files of MovieLens 1M: {@code ::}-separated fields, ISO-8859-1, LF line ends.
 * Each file is written atomically ({@link AtomicFiles#write}).
 */
final class Ml1mWriter {

  private static final byte[] SEPARATOR = {':', ':'};

  private Ml1mWriter() {}

  /** {@code UserID::Gender::Age::Occupation::Zip-code}. */
  static void writeUsers(Path file, List<User> users) throws IOException {
    AtomicFiles.write(
        file,
        out -> {
          for (User u : users) {
            UserProfile p = u.profile();
            String line =
                String.join(
                    "::",
                    Integer.toString(u.id()),
                    p.gender().code(),
                    Integer.toString(p.age().code()),
                    Integer.toString(p.occupation().code()),
                    u.zip());
            writeLatin1(out, line + "\n");
          }
        });
  }

  /** {@code MovieID::Title (YYYY)::Genre|Genre}. */
  static void writeMovies(Path file, List<Movie> movies) throws IOException {
    CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
    AtomicFiles.write(
        file,
        out -> {
          for (Movie m : movies) {
            checkArgument(
                latin1.canEncode(m.title()) && !m.title().contains("::"),
                "movie %s: title '%s' cannot be written to %s",
                m.id(),
                m.title(),
                file);
            StringBuilder line = new StringBuilder().append(m.id()).append("::").append(m.title());
            line.append("::");
            for (int g = 0; g < m.genres().size(); g++) {
              Genre genre = m.genres().get(g);
              line.append(g == 0 ? "" : "|").append(genre.label());
            }
            writeLatin1(out, line.append('\n').toString());
          }
        });
  }

  /** {@code UserID::MovieID::Rating::Timestamp}, in the order of {@code ratings}. */
  static void writeRatings(Path file, RatingColumns ratings) throws IOException {
    AtomicFiles.write(
        file,
        out -> {
          byte[] buffer = new byte[1 << 16];
          int pos = 0;
          for (int i = 0; i < ratings.size(); i++) {
            if (pos > buffer.length - 64) { // a line is at most 4 numbers of 10 digits + 7 bytes
              out.write(buffer, 0, pos);
              pos = 0;
            }
            pos = putDigits(buffer, pos, ratings.userId(i));
            buffer[pos++] = SEPARATOR[0];
            buffer[pos++] = SEPARATOR[1];
            pos = putDigits(buffer, pos, ratings.movieId(i));
            buffer[pos++] = SEPARATOR[0];
            buffer[pos++] = SEPARATOR[1];
            pos = putDigits(buffer, pos, ratings.score(i));
            buffer[pos++] = SEPARATOR[0];
            buffer[pos++] = SEPARATOR[1];
            pos = putDigits(buffer, pos, ratings.timestamp(i));
            buffer[pos++] = '\n';
          }
          out.write(buffer, 0, pos);
        });
  }

  /** Writes the decimal digits of {@code value} (not negative) at {@code pos}; returns the end. */
  private static int putDigits(byte[] buffer, int pos, long value) {
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    int end = pos + digits;
    for (int i = end - 1; i >= pos; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return end;
  }

  private static void writeLatin1(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
  }
}
