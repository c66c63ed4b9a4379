package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.data.MalformedDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samples whose feasigns have no row in the model's embedding table are refused clearly. */
class FeasignBoundsTest {

  private static final String LINE =
      "logid:1 time:978300760 userid:157 gender:113 age:567 occupation:104"
          + " movieid:3246 title:4761 title:5 title:1415 title:0 genres:4643 genres:0"
          + " genres:0 label:5\n";

  @TempDir Path dir;

  @Test
  void trainingOnASampleWithAFeasignBeyondTheTableNamesFileLineAndSlot() throws Exception {
    int rows = TinyData.BUCKETS;
    Path f =
        Files.writeString(
            dir.resolve("train.txt"), LINE + LINE.replace("title:4761", "title:" + rows));
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      assertThatThrownBy(() -> Trainer.newBuilder().withEpochs(1).build().fit(r, f))
          .isInstanceOf(MalformedDataException.class)
          .hasMessageContaining("train.txt line 2, field title")
          .hasMessageContaining("sparse_feature_number is " + rows);
    }
  }

  @Test
  void predictingForAFeasignBeyondTheTableIsRefusedBeforeTensorFlowSeesIt() {
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      int[] users = {1, 2, 3, 4};
      int[] movies = {5, 6, 7, 8, -1, 0, 0, 0};
      assertThatThrownBy(() -> r.predict(users, movies, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("movie feasign -1 (row 0, column 4)");
    }
  }
}
