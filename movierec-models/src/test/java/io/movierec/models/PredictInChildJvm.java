package io.movierec.models;

import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a ranker and writes its predictions' float bits, one per line (run in a child JVM). */
public final class PredictInChildJvm {
  private PredictInChildJvm() {}

  public static void main(String[] args) throws Exception {
    try (DnnRanker r = DnnRanker.load(Path.of(args[0]));
        SampleReader reader = SampleReader.open(Path.of(args[1]), r.encoder().schema())) {
      SampleBatch batch = new SampleBatch(10_000, r.encoder().schema());
      reader.read(batch);
      List<String> out = new ArrayList<>();
      for (float p : r.predict(batch)) {
        out.add(Integer.toString(Float.floatToRawIntBits(p)));
      }
      Files.write(Path.of(args[2]), out);
    }
  }
}
