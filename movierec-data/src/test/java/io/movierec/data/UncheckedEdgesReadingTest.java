package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of reading MovieLens files: a file cut short, a byte order mark or UTF-8 text in an
 * ISO-8859-1 file, and fields or lines too long to be real.
 */
class UncheckedEdgesReadingTest {

  @TempDir Path dir;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aLastLineWithoutALineBreakIsRefusedAsCutShort() throws IOException {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.data", "1\t1\t3\t880000001\n2\t2\t5\t88");
    MovieLensDataset data = MovieLensDataset.open(dir);
    assertThatThrownBy(data::readRatings)
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("u.data line 2")
        .hasMessageContaining("2\\t2\\t5\\t88")
        .hasMessageContaining("no line break")
        .satisfies(e -> assertThat(((MalformedDataException) e).lineNumber()).isEqualTo(2));
  }

  @Test
  void aLenientReadSkipsALastLineWithoutALineBreak() throws IOException {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.data", "1\t1\t3\t880000001\n2\t2\t5\t88");
    MovieLensDataset data =
        MovieLensDataset.open(dir, ReadOptions.newBuilder().withLenient(true).build());
    RatingTable table = data.readRatings();
    assertThat(table.size()).isEqualTo(1);
    assertThat(table.timestamp(0)).isEqualTo(880000001L);
  }

  @Test
  void aByteOrderMarkInAnIso88591FileIsRefusedEvenWhenLenient() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(
        dir, "movies.dat", concat(BOM, Fixtures.ML1M_MOVIES.getBytes(StandardCharsets.ISO_8859_1)));
    assertThatThrownBy(
            () -> MovieLensDataset.open(dir, ReadOptions.newBuilder().withLenient(true).build()))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("movies.dat line 1")
        .hasMessageContaining("UTF-8 byte order mark")
        .hasMessageContaining("ISO-8859-1");
  }

  @Test
  void aByteOrderMarkIsSkippedWhenTheFileIsReadAsUtf8() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(
        dir, "movies.dat", concat(BOM, Fixtures.ML1M_MOVIES.getBytes(StandardCharsets.UTF_8)));
    MovieLensDataset data =
        MovieLensDataset.open(
            dir, ReadOptions.newBuilder().withCharset(StandardCharsets.UTF_8).build());
    assertThat(data.movies().get(1).title()).isEqualTo("Alpha Story (1995)");
    assertThat(data.movies().get(2).title()).isEqualTo("Le Café Inventé (1994)");
  }

  @Test
  void utf8TitlesInAnIso88591FileAreRefusedNamingTheLineAndColumn() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "movies.dat", Fixtures.ML1M_MOVIES.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("movies.dat line 2")
        .hasMessageContaining("UTF-8 text (bytes C3 A9 at column 10)")
        .hasMessageContaining("withCharset(UTF_8)");
  }

  @Test
  void iso88591TitlesAreStillRead() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.ml1m(dir));
    assertThat(data.movies().get(2).title()).isEqualTo("Le Café Inventé (1994)");
  }

  @Test
  void aTitleOverTheCapIsRefusedNamingFileLineAndField() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "movies.dat", "1::" + "T".repeat(1_001) + " (1995)::Drama\n");
    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("movies.dat line 1, field title")
        .hasMessageContaining("1008 characters, more than the 1000");
  }

  @Test
  void aTenMegabyteTitleIsRefusedBeforeItIsBuffered() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(
        dir, "movies.dat", "1::Ok (1995)::Drama\n2::" + "T".repeat(10 << 20) + "::Drama\n");
    assertThatThrownBy(
            () -> MovieLensDataset.open(dir, ReadOptions.newBuilder().withLenient(true).build()))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("movies.dat line 2")
        .hasMessageContaining("longer than " + LineReader.MAX_LINE_BYTES + " bytes");
  }

  @Test
  void aZipCodeOverTheCapIsRefused() throws IOException {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.user", "1|30|M|engineer|" + "9".repeat(33) + "\n");
    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("u.user line 1, field zip")
        .hasMessageContaining("33 characters");
  }

  @Test
  void findsOnlyValidUtf8MultiByteSequences() {
    byte[] latin1 = "Misérables Ã".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(LineReader.utf8SequenceAt(latin1, 0, latin1.length)).isEqualTo(-1);
    byte[] utf8 = "Misérables".getBytes(StandardCharsets.UTF_8);
    assertThat(LineReader.utf8SequenceAt(utf8, 0, utf8.length)).isEqualTo(3);
  }
}
