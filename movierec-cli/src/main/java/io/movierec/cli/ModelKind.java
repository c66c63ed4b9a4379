package io.movierec.cli;

import io.movierec.features.FeatureEncoder;
import io.movierec.models.DnnRanker;
import io.movierec.models.ModelBuilder;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SlotModel;
import io.movierec.models.TwoTowerModel;
import io.movierec.models.WatchRanker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --model recall|rank|watch}. */
enum ModelKind {
  RECALL,
  RANK,
  WATCH;

  /**
   * The kind named {@code s}.
   *
   * @throws UsageException if it is none of recall, rank and watch
   */
  static ModelKind parse(String s) {
    return switch (s) {
      case "recall" -> RECALL;
      case "rank" -> RANK;
      case "watch" -> WATCH;
      default -> throw new UsageException("--model must be recall, rank or watch, got '" + s + "'");
    };
  }

  /** The name on the command line. */
  String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  ModelBuilder<?, ?> builder(FeatureEncoder encoder) {
    return switch (this) {
      case RECALL -> TwoTowerModel.newBuilder(encoder);
      case RANK -> DnnRanker.newBuilder(encoder);
      case WATCH -> WatchRanker.newBuilder(encoder);
    };
  }

  SlotModel load(Path dir, RuntimeOptions runtime) throws IOException {
    return switch (this) {
      case RECALL -> TwoTowerModel.load(dir, runtime);
      case RANK -> DnnRanker.load(dir, runtime);
      case WATCH -> WatchRanker.load(dir, runtime, null);
    };
  }

  /** Converts {@code --model} values. */
  static final class Converter implements ITypeConverter<ModelKind> {
    @Override
    public ModelKind convert(String value) {
      try {
        return parse(value);
      } catch (UsageException e) {
        throw new TypeConversionException("must be recall, rank or watch, got '" + value + "'");
      }
    }
  }
}
