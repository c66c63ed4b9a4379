package io.movierec.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.features.SlotSchema;
import io.movierec.progress.Progress;
import io.movierec.progress.ProgressListener;
import io.movierec.progress.ProgressSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareProgressTest {

  @TempDir Path dir;

  @Test
  void readingEncodingAndWritingEachReportTheirRatingsAsACompletedTask() throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("users.dat"), "1::F::1::10::48067\n", StandardCharsets.ISO_8859_1);
    Files.writeString(
        src.resolve("movies.dat"),
        "1::A (1995)::Drama\n2::B (1995)::Drama\n3::C (1995)::Drama\n",
        StandardCharsets.ISO_8859_1);
    Files.writeString(
        src.resolve("ratings.dat"),
        "1::1::5::20\n1::2::4::30\n1::3::2::10\n",
        StandardCharsets.ISO_8859_1);
    List<ProgressSnapshot> ends = new ArrayList<>();
    ProgressListener previous =
        Progress.setDefaultListener(
            new ProgressListener() {
              @Override
              public void onProgress(ProgressSnapshot s) {}

              @Override
              public synchronized void onEnd(ProgressSnapshot s) {
                ends.add(s);
              }
            });
    try {
      DatasetPreparer.newBuilder(src, dir.resolve("out"))
          .withSchema(SlotSchema.parse("userid,history/2,ratings/2,movieid"))
          .build()
          .prepare();
    } finally {
      Progress.setDefaultListener(previous);
    }

    assertThat(ends)
        .extracting(ProgressSnapshot::task)
        .containsExactly("read ratings.dat", "prepare: encode histories", "prepare: write samples");
    assertThat(ends).allSatisfy(s -> assertThat(s.completed()).isTrue());
    assertThat(ends).extracting(ProgressSnapshot::done).containsOnly(3L);
  }
}
