package io.movierec.data;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated lines to every line parser and checks that a malformed line only ever
 * ends in a {@link MalformedDataException} that names the file and line, never in another
 * exception.
 */
class LineParserFuzzTest {
  private static final Path FILE = Path.of("fuzz.txt");
  private static final byte[] ALPHABET =
      "0123456789::||,,\t\t\"\".-( )MF\r\n\u0000".getBytes(StandardCharsets.ISO_8859_1);

  /** A parser, the charset its format reads, and a valid line for it. */
  private record Parser(String name, Charset charset, String validLine, Consumer<Line> parse) {}

  private static final IntSet KNOWN = knownIds();

  private static final List<Parser> PARSERS =
      List.of(
          new Parser(
              "ml-1m user",
              StandardCharsets.ISO_8859_1,
              "1::F::25::4::12345",
              Ml1mReader::parseUser),
          new Parser(
              "ml-1m movie",
              StandardCharsets.ISO_8859_1,
              "1::Alpha (1995)::Comedy|Drama",
              Ml1mReader::parseMovie),
          new Parser(
              "ml-1m rating",
              StandardCharsets.ISO_8859_1,
              "1::2::5::970000001",
              line -> new RatingReader(MovieLensFormat.ML_1M, KNOWN, KNOWN).parse(line)),
          new Parser(
              "ml-100k user",
              StandardCharsets.ISO_8859_1,
              "1|30|M|engineer|11111",
              Ml100kReader::parseUser),
          new Parser(
              "ml-100k item",
              StandardCharsets.ISO_8859_1,
              "1|Alpha (1995)|01-Jan-1995||http://x/|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|1|0|0",
              Ml100kReader::parseMovie),
          new Parser(
              "ml-100k rating",
              StandardCharsets.ISO_8859_1,
              "1\t2\t3\t880000001",
              line -> new RatingReader(MovieLensFormat.ML_100K, KNOWN, KNOWN).parse(line)),
          new Parser(
              "csv movie",
              StandardCharsets.UTF_8,
              "5,\"Story, \"\"The\"\" (2001)\",Drama|IMAX",
              CsvReader::parseMovie),
          new Parser(
              "csv rating",
              StandardCharsets.UTF_8,
              "1,2,3.5,1100000001",
              line -> new RatingReader(MovieLensFormat.CSV, null, KNOWN).parse(line)));

  private static IntSet knownIds() {
    IntSet set = new IntSet(4);
    set.add(1);
    set.add(2);
    return set;
  }

  @Test
  void everyParserAcceptsItsValidLine() {
    for (Parser parser : PARSERS) {
      parser.parse().accept(line(parser, parser.validLine().getBytes(parser.charset())));
    }
  }

  @Test
  void onlyMalformedDataExceptionsEscapeFromRandomBytes() {
    Random random = new Random(20240601);
    for (int i = 0; i < 2000; i++) {
      byte[] bytes = new byte[random.nextInt(80)];
      for (int k = 0; k < bytes.length; k++) {
        bytes[k] =
            random.nextInt(8) == 0
                ? (byte) random.nextInt(256)
                : ALPHABET[random.nextInt(ALPHABET.length)];
      }
      for (Parser parser : PARSERS) {
        assertOnlyMalformedDataException(parser, bytes);
      }
    }
  }

  @Test
  void onlyMalformedDataExceptionsEscapeFromMutatedValidLines() {
    Random random = new Random(424242);
    for (int i = 0; i < 2000; i++) {
      for (Parser parser : PARSERS) {
        byte[] bytes = parser.validLine().getBytes(parser.charset());
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
          bytes = mutate(bytes, random);
        }
        assertOnlyMalformedDataException(parser, bytes);
      }
    }
  }

  @Test
  void onlyMalformedDataExceptionsEscapeFromReadingRandomFiles() throws IOException {
    Random random = new Random(99);
    for (int i = 0; i < 300; i++) {
      byte[] bytes = new byte[random.nextInt(400)];
      for (int k = 0; k < bytes.length; k++) {
        bytes[k] =
            random.nextInt(4) == 0
                ? (byte) random.nextInt(256)
                : ALPHABET[random.nextInt(ALPHABET.length)];
      }
      ReadOptions options = ReadOptions.newBuilder().withLenient(i % 2 == 0).build();
      RatingReader ratings = new RatingReader(MovieLensFormat.CSV, null, null);
      try (LineReader reader =
          new LineReader(
              FILE,
              new ByteArrayInputStream(bytes),
              StandardCharsets.UTF_8,
              "userId,movieId,rating,timestamp",
              new ReadLog(options))) {
        while (reader.next()) {
          try {
            ratings.parse(reader.line());
          } catch (MalformedDataException e) {
            reader.skip(e);
          }
        }
      } catch (MalformedDataException e) {
        if (!e.getMessage().contains("fuzz.txt")) {
          fail("LineReader's message does not name the file: " + e.getMessage());
        }
      } catch (RuntimeException e) {
        fail("LineReader threw " + e + " on " + HexFormat.of().formatHex(bytes), e);
      }
    }
  }

  private static void assertOnlyMalformedDataException(Parser parser, byte[] bytes) {
    try {
      parser.parse().accept(line(parser, bytes));
    } catch (MalformedDataException e) {
      if (!e.getMessage().startsWith("fuzz.txt line 7") || e.lineNumber() != 7) {
        fail(parser.name() + " named another line: " + e.getMessage());
      }
    } catch (RuntimeException e) {
      fail(parser.name() + " threw " + e + " on " + HexFormat.of().formatHex(bytes), e);
    }
  }

  private static Line line(Parser parser, byte[] bytes) {
    return Line.of(FILE, parser.charset(), bytes, 7);
  }

  /** One random edit: replace, insert or delete a byte, repeat a slice, or cut the line short. */
  private static byte[] mutate(byte[] bytes, Random random) {
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    byte b =
        random.nextBoolean()
            ? (byte) random.nextInt(256)
            : ALPHABET[random.nextInt(ALPHABET.length)];
    switch (random.nextInt(5)) {
      case 0:
        if (bytes.length > 0) {
          bytes = bytes.clone();
          bytes[at] = b;
        }
        return bytes;
      case 1:
        {
          byte[] out = new byte[bytes.length + 1];
          System.arraycopy(bytes, 0, out, 0, at);
          out[at] = b;
          System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
          return out;
        }
      case 2:
        {
          if (bytes.length == 0) {
            return bytes;
          }
          byte[] out = new byte[bytes.length - 1];
          System.arraycopy(bytes, 0, out, 0, at);
          System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
          return out;
        }
      case 3:
        {
          int length = random.nextInt(bytes.length - at + 1);
          byte[] out = Arrays.copyOf(bytes, bytes.length + length);
          System.arraycopy(bytes, at, out, bytes.length, length);
          return out;
        }
      default:
        return Arrays.copyOf(bytes, at);
    }
  }
}
