package io.movierec.cli;

import io.movierec.models.DnnRanker;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.Trainer;
import io.movierec.prepare.PreparedDataset;
import io.movierec.recommend.Recommender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Work for a child JVM that the crash tests kill with SIGKILL part-way:
 *
 * <ul>
 *   <li>{@code save BUNDLE_IN BUNDLE_OUT}: loads a bundle, then saves it to BUNDLE_OUT over and
 *       over, touching {@code BUNDLE_OUT.saves} after each save;
 *   <li>{@code resave BUNDLE_IN BUNDLE_OUT N}: loads a bundle, removes its N movies of lowest id
 *       and saves it once to BUNDLE_OUT (run with {@code -Dmovierec.failpoint=...} to stop inside);
 *   <li>{@code train DATA SAVE_DIR}: trains a small ranker for many epochs, saving each;
 *   <li>{@code cli COMMAND ARGS...}: runs a {@code movierec} command (with {@code
 *       -Dmovierec.failpoint=NAME}, the crash tests stop it at a named step of a save).
 * </ul>
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "save" -> {
        try (Recommender r = Recommender.load(Path.of(args[1]))) {
          Path out = Path.of(args[2]);
          Path counter = Path.of(args[2] + ".saves");
          for (int i = 1; ; i++) {
            r.save(out);
            // by rename, so that the racing test never reads the counter empty or half written
            Path next = Path.of(args[2] + ".saves.tmp");
            Files.writeString(next, Integer.toString(i));
            Files.move(
                next, counter, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          }
        }
      }
      case "resave" -> {
        // The next generation differs in content: the catalogue without its N lowest movie ids.
        try (Recommender r = Recommender.load(Path.of(args[1]))) {
          int[] ids = r.movieStore().all().stream().mapToInt(m -> m.id()).sorted().toArray();
          for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            r.removeMovie(ids[i]);
          }
          r.save(Path.of(args[2]));
        }
      }
      case "train" -> {
        PreparedDataset d = PreparedDataset.open(Path.of(args[1]));
        try (DnnRanker r =
            DnnRanker.newBuilder(d.encoder())
                .withSparseFeatureDim(8)
                .withFcSizes(32, 16)
                .withRuntime(RuntimeOptions.TRAINING)
                .build()) {
          Trainer.newBuilder()
              .withEpochs(1000)
              .withBatchSize(256)
              .withSaveDirectory(Path.of(args[2]))
              .build()
              .fit(r, d.trainData());
        }
      }
      case "cli" -> Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}
