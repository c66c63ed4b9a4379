package io.movierec.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.features.SlotSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleTableTest {

  private static final SlotSchema SCHEMA = SlotSchema.paddleRec();

  @TempDir Path dir;

  /** Writes {@code rows} samples; row i has log id i and label 1 + i % 5. */
  private Path samples(int rows) throws IOException {
    Path f = dir.resolve("data.txt");
    try (OutputStream out = Files.newOutputStream(f)) {
      SampleWriter w = new SampleWriter(out, SCHEMA);
      for (int i = 0; i < rows; i++) {
        w.write(
            new Sample(
                i,
                978300760L + i,
                new int[] {i + 1, 2, 3, 4},
                new int[] {i + 10, 5, 6, 7, 0, 8, 0, 0},
                1 + i % 5));
      }
      w.flush();
    }
    return f;
  }

  @Test
  void holdsEveryRowWhenTheDataFits() throws IOException {
    SampleTable.Read read = SampleTable.read(samples(5000), SCHEMA, 5000);
    assertThat(read.rows()).isEqualTo(5000);
    assertThat(read.table()).isPresent();
    SampleTable table = read.table().get();
    assertThat(table.size()).isEqualTo(5000);
    SampleBatch batch = new SampleBatch(2, SCHEMA);
    assertThat(table.fill(batch, new int[] {4321, 7}, 0)).isEqualTo(2);
    assertThat(batch.logIds()[0]).isEqualTo(4321);
    assertThat(batch.labels()[0]).isEqualTo(1 + 4321 % 5);
    assertThat(batch.userIds()[SCHEMA.userWidth()]).isEqualTo(8); // row 7's user id
  }

  @Test
  void countsTheRowsOfDataTooBigToHold() throws IOException {
    SampleTable.Read read = SampleTable.read(samples(5000), SCHEMA, 4999);
    assertThat(read.table()).isEmpty();
    assertThat(read.rows()).isEqualTo(5000);
  }
}
