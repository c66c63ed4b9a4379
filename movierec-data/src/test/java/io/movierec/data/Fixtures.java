package io.movierec.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small made-up MovieLens directories for tests; none of it comes from a real MovieLens file. */
final class Fixtures {
  static final String ML1M_USERS =
      "1::F::25::4::12345\n" + "2::M::56::13::98107-4116\n" + "3::M::18::0::02139\n";
  static final String ML1M_MOVIES =
      "1::Alpha Story (1995)::Animation|Children's|Comedy\n"
          + "2::Le Café Inventé (1994)::Drama|Musical\n"
          + "3::A Film Without Year::Documentary\n"
          + "4::Made-up Noir (1947)::Film-Noir|Sci-Fi\n";
  static final String ML1M_RATINGS =
      "1::2::5::970000001\n"
          + "1::1::3::970000002\n"
          + "2::4::4::970000003\n"
          + "3::1::1::970000004\n"
          + "3::3::2::970000005\n";

  static final String ML100K_USERS =
      "1|30|M|engineer|11111\n" + "2|15|F|student|22222\n" + "3|62|M|none|K1A0B\n";
  static final String ML100K_ITEMS =
      "1|Alpha Story"
          + " (1995)|01-Jan-1995||http://example.org/1|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|1|0|0\n"
          + "2|Film Without"
          + " Year|05-Mar-1981||http://example.org/2|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|1|0\n"
          + "3|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n";
  static final String ML100K_RATINGS =
      "1\t1\t3\t880000001\n" + "2\t2\t5\t880000002\n" + "3\t1\t1\t880000003\n";
  static final String ML100K_GENRES =
      "unknown|0\nAction|1\nAdventure|2\nAnimation|3\nChildren's|4\nComedy|5\nCrime|6\n"
          + "Documentary|7\nDrama|8\nFantasy|9\nFilm-Noir|10\nHorror|11\nMusical|12\nMystery|13\n"
          + "Romance|14\nSci-Fi|15\nThriller|16\nWar|17\nWestern|18\n\n";

  static final String CSV_MOVIES =
      "movieId,title,genres\n"
          + "1,Alpha Story (1995),Adventure|Children|Fantasy\n"
          + "5,\"Story, The (2001)\",Drama\n"
          + "7,\"The \"\"Quoted\"\" Film (2010)\",(no genres listed)\n"
          + "9,Ünïcode Fïlm (2019),Comedy|IMAX\n";
  static final String CSV_RATINGS =
      "userId,movieId,rating,timestamp\n"
          + "12,5,3.5,1100000001\n"
          + "4,1,0.5,1100000002\n"
          + "12,7,5.0,1100000003\n"
          + "30,9,4,1100000004\n";

  private Fixtures() {}

  /** Writes the ml-1m fixture into {@code dir}. */
  static Path ml1m(Path dir) {
    write(dir, "users.dat", ML1M_USERS);
    write(dir, "movies.dat", ML1M_MOVIES);
    write(dir, "ratings.dat", ML1M_RATINGS);
    return dir;
  }

  /** Writes the ml-100k fixture into {@code dir}, without u.genre. */
  static Path ml100k(Path dir) {
    write(dir, "u.user", ML100K_USERS);
    write(dir, "u.item", ML100K_ITEMS);
    write(dir, "u.data", ML100K_RATINGS);
    return dir;
  }

  /** Writes the CSV fixture into {@code dir}. */
  static Path csv(Path dir) {
    write(dir, "movies.csv", CSV_MOVIES);
    write(dir, "ratings.csv", CSV_RATINGS);
    return dir;
  }

  /** Writes {@code text} to {@code dir/name} in the charset its format uses. */
  static Path write(Path dir, String name, String text) {
    Charset charset = name.endsWith(".csv") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    return write(dir, name, text.getBytes(charset));
  }

  static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
