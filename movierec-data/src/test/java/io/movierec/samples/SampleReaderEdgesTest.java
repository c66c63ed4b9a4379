package io.movierec.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.movierec.data.MalformedDataException;
import io.movierec.features.SlotSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sample files whose feasigns have no row in the embedding table, and random and mutated sample
 * files: only {@link MalformedDataException}s naming the file come out, in bounded time.
 */
class SampleReaderEdgesTest {

  private static final SlotSchema SCHEMA = SlotSchema.paddleRec();
  private static final String LINE =
      "logid:3 time:978300760 userid:157011 gender:113968 age:567871 occupation:104148"
          + " movieid:32463 title:476199 title:5 title:14156 title:0 genres:464316 genres:0"
          + " genres:0 label:5\n";
  private static final byte[] ALPHABET =
      "0123456789 :label time logid userid genres title\n\r\t-."
          .getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("part-0.txt"), content, StandardCharsets.ISO_8859_1);
  }

  @Test
  void aFeasignWithoutARowInTheTableIsRefusedNamingFileLineAndSlot() throws IOException {
    Path f = write(LINE + LINE.replace("movieid:32463", "movieid:600000"));
    try (SampleReader r = SampleReader.open(f, SCHEMA, 600_000)) {
      assertThat(r.next()).isPresent();
      assertThatThrownBy(r::next)
          .isInstanceOf(MalformedDataException.class)
          .hasMessageContaining("part-0.txt line 2, field movieid")
          .hasMessageContaining("\"600000\"")
          .hasMessageContaining("sparse_feature_number is 600000");
    }
  }

  @Test
  void theLastRowOfTheTableIsAFeasignLikeAnyOther() throws IOException {
    Path f = write(LINE.replace("movieid:32463", "movieid:599999"));
    try (SampleReader r = SampleReader.open(f, SCHEMA, 600_000)) {
      assertThat(r.next().orElseThrow().movieIds()[0]).isEqualTo(599_999);
    }
  }

  @Test
  void aTableReadChecksFeasignsAgainstTheTableSize() throws IOException {
    Path f = write(LINE);
    assertThatThrownBy(() -> SampleTable.read(f, SCHEMA, 100, 500_000))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("part-0.txt line 1, field age");
    assertThat(SampleTable.read(f, SCHEMA, 100, 600_000).rows()).isEqualTo(1);
  }

  @Test
  void randomAndMutatedSampleFilesGiveOnlyMalformedDataExceptions() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          Random random = new Random(16_016);
          byte[] valid = (LINE + LINE + LINE).getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < 300; i++) {
            byte[] b;
            if (i % 3 == 0) {
              b = new byte[random.nextInt(600)];
              for (int k = 0; k < b.length; k++) {
                b[k] =
                    random.nextInt(6) == 0
                        ? (byte) random.nextInt(256)
                        : ALPHABET[random.nextInt(ALPHABET.length)];
              }
            } else {
              b = valid.clone();
              for (int e = 0; e < 1 + random.nextInt(4); e++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(4)) {
                  case 0 -> b[at] = (byte) random.nextInt(256);
                  case 1 -> b = Arrays.copyOf(b, at + 1);
                  case 2 -> b[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                  default -> {
                    byte[] digits = "99999999999999999999".getBytes(StandardCharsets.US_ASCII);
                    byte[] out = new byte[b.length + digits.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(digits, 0, out, at, digits.length);
                    System.arraycopy(b, at, out, at + digits.length, b.length - at);
                    b = out;
                  }
                }
              }
            }
            Path f = Files.write(dir.resolve("fuzz.txt"), b);
            try (SampleReader r = SampleReader.open(f, SCHEMA, 600_000)) {
              SampleBatch batch = new SampleBatch(2, SCHEMA);
              while (r.read(batch)) {
                for (int k = 0; k < batch.size() * SCHEMA.userWidth(); k++) {
                  assertThat(batch.userIds()[k]).isBetween(0, 599_999);
                }
              }
            } catch (MalformedDataException e) {
              if (!e.getMessage().startsWith("fuzz.txt line ")) {
                fail("the message does not name the file and line: " + e.getMessage());
              }
            } catch (RuntimeException e) {
              fail("SampleReader threw " + e + " on " + HexFormat.of().formatHex(b), e);
            }
          }
        });
  }
}
