package io.movierec.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.data.MalformedDataException;
import io.movierec.features.SlotSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFilesTest {

  private static final SlotSchema SCHEMA = SlotSchema.paddleRec();
  private static final String LINE =
      "logid:3 time:978300760 userid:157011 gender:113968 age:567871 occupation:104148"
          + " movieid:32463 title:476199 title:5 title:14156 title:0 genres:464316 genres:0"
          + " genres:0 label:5";

  @TempDir Path dir;

  private static Sample sample(long logId, float label) {
    return new Sample(
        logId,
        978300760L,
        new int[] {157011, 113968, 567871, 104148},
        new int[] {32463, 476199, 5, 14156, 0, 464316, 0, 0},
        label);
  }

  private Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.ISO_8859_1);
    return f;
  }

  @Test
  void writesTheReferenceLineLayout() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SampleWriter w = new SampleWriter(out, SCHEMA);
    w.write(sample(3, 5f));
    w.flush();
    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(LINE + "\n");
  }

  @Test
  void writesAFractionalLabelWithItsFraction() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SampleWriter(out, SCHEMA).write(sample(1, 3.5f));
    assertThat(out.toString(StandardCharsets.US_ASCII)).endsWith(" label:3.5\n");
  }

  @Test
  void readsBackWhatItWrote() throws IOException {
    Path f = dir.resolve("part-0.txt");
    try (OutputStream out = Files.newOutputStream(f)) {
      SampleWriter w = new SampleWriter(out, SCHEMA);
      for (int i = 1; i <= 300; i++) {
        w.write(sample(i, 1 + i % 5));
      }
    }
    try (SampleReader r = SampleReader.open(f, SCHEMA)) {
      List<Sample> all = r.readAll();
      assertThat(all).hasSize(300);
      assertThat(all.get(41)).isEqualTo(sample(42, 3));
    }
  }

  @Test
  void writesAndReadsBackTheLongestLineASchemaAllows() throws IOException {
    SlotSchema wide =
        SlotSchema.parse(
            "a_rather_long_slot_name=history/64,"
                + "another_long_slot_name=ratings/64,movieid,yet_another_long_slot_name=title/64");
    int[] users = new int[wide.userWidth()];
    int[] movies = new int[wide.movieWidth()];
    java.util.Arrays.fill(users, Integer.MAX_VALUE);
    java.util.Arrays.fill(movies, Integer.MAX_VALUE);
    Sample longest = new Sample(999_999_999_999L, 999_999_999_999L, users, movies, 1.2345678e-30f);
    Path f = dir.resolve("wide.txt");
    try (OutputStream out = Files.newOutputStream(f)) {
      new SampleWriter(out, wide).write(longest);
    }
    try (SampleReader r = SampleReader.open(f, wide)) {
      assertThat(r.readAll()).containsExactly(longest);
    }
  }

  @Test
  void fillsBatchesUpToTheirCapacity() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      sb.append(LINE.replace("logid:3", "logid:" + i)).append('\n');
    }
    Path f = write("a.txt", sb.toString());
    SampleBatch batch = new SampleBatch(2, SCHEMA);
    List<Integer> sizes = new ArrayList<>();
    try (SampleReader r = SampleReader.open(f, SCHEMA)) {
      while (r.read(batch)) {
        sizes.add(batch.size());
      }
    }
    assertThat(sizes).containsExactly(2, 2, 1);
    assertThat(batch.logIds()[0]).isEqualTo(4);
    assertThat(batch.movieIds()[0]).isEqualTo(32463);
  }

  @Test
  void readsEveryTextFileOfADirectoryInNameOrder() throws IOException {
    write("part-1.txt", LINE.replace("logid:3", "logid:2") + "\n");
    write("part-0.txt", LINE.replace("logid:3", "logid:1") + "\n");
    write("notes.md", "not samples\n");
    try (SampleReader r = SampleReader.open(dir, SCHEMA)) {
      assertThat(r.readAll()).extracting(Sample::logId).containsExactly(1L, 2L);
    }
  }

  @Test
  void acceptsCrlfBlankLinesAndAMissingFinalNewline() throws IOException {
    Path f = write("a.txt", LINE + "\r\n\r\n" + LINE);
    try (SampleReader r = SampleReader.open(f, SCHEMA)) {
      assertThat(r.readAll()).hasSize(2);
    }
  }

  @Test
  void namesFileLineAndSlotWhenASlotHasTooFewIds() throws IOException {
    Path f = write("bad.txt", LINE + "\n" + LINE.replace(" title:0", "") + "\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("bad.txt line 2")
        .hasMessageContaining("slot title has 3 ids, expected 4");
  }

  @Test
  void namesTheSlotThatHasTooManyIds() throws IOException {
    Path f = write("bad.txt", LINE.replace(" genres:0 label", " genres:0 genres:7 label") + "\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("slot genres has too many ids");
  }

  @Test
  void namesAMissingSlot() throws IOException {
    Path f = write("bad.txt", LINE.replace(" age:567871", "") + "\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("missing slot age");
  }

  @Test
  void rejectsAFeasignThatIsNotANumber() throws IOException {
    Path f = write("bad.txt", LINE.replace("movieid:32463", "movieid:32x63") + "\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(MalformedDataException.class)
        .satisfies(
            e -> {
              MalformedDataException d = (MalformedDataException) e;
              assertThat(d.field()).hasValue("movieid");
              assertThat(d.value()).hasValue("32x63");
              assertThat(d.lineNumber()).isEqualTo(1);
            });
  }

  @Test
  void rejectsALineWithoutLabel() throws IOException {
    Path f = write("bad.txt", LINE.replace(" label:5", "") + "\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("missing label");
  }

  @Test
  void rejectsALabelThatIsNotANumber() throws IOException {
    Path f = write("bad.txt", LINE.replace("label:5", "label:five") + "\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("label is not a number");
  }

  @Test
  void rejectsALineLongerThanTheReadBuffer() throws IOException {
    Path f = write("long.txt", LINE + "\n" + "x".repeat(1 << 21) + "\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("long.txt line 2")
        .hasMessageContaining("line longer than");
  }

  @Test
  void failsClearlyOnAMissingPath() {
    assertThatThrownBy(() -> SampleReader.open(dir.resolve("nope"), SCHEMA))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void failsClearlyOnADirectoryWithoutSampleFiles() {
    assertThatThrownBy(() -> SampleReader.open(dir, SCHEMA))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no sample files");
  }

  private static void readAll(Path f) throws IOException {
    try (SampleReader r = SampleReader.open(f, SCHEMA)) {
      r.readAll();
    }
  }
}
