package io.movierec.recommend;

import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A bundle's recall channels and ordering ({@code channels-G.bin}): the ordering and (from version
 * 2) the combination weight of {@link Ordering#COMBINED} and (from version 3) the new users'
 * ordering (empty: the same), then each channel after the index one — name, kind, quota, weight —
 * and the data of the built-in ones ({@link CoOccurrenceChannel}, {@link GenrePopularityChannel},
 * {@link TrendingChannel}). A host's own channel is saved by name and kind {@value #CUSTOM} only;
 * the host attaches it again on load.
 */
final class ChannelFile {

  static final String KIND = "recall-channels";
  static final int VERSION = 3;
  static final int OLDEST_VERSION = 1;
  static final String CUSTOM = "custom";

  private ChannelFile() {}

  /** One saved channel; {@code channel} is null for a custom one. */
  record Saved(
      String name, String kind, int quota, double weight, @Nullable RecallChannel channel) {}

  /**
   * What the file holds: the ordering and its combination weight (the default for a version-1
   * file), the index channel's quota and weight, the others.
   */
  record Contents(
      Ordering ordering,
      double combinationWeight,
      @Nullable Ordering newUserOrdering,
      int indexQuota,
      double indexWeight,
      List<Saved> channels) {}

  static void write(Recommender r, Path file) throws IOException {
    VersionedFile.write(
        file,
        KIND,
        VERSION,
        out -> {
          out.writeUTF(r.ordering().name());
          out.writeDouble(r.combinationWeight());
          out.writeUTF(r.newUserOrdering().map(Ordering::name).orElse(""));
          List<ChannelQuota> all = r.channels();
          out.writeInt(all.get(0).quota());
          out.writeDouble(all.get(0).weight());
          out.writeInt(all.size() - 1);
          for (ChannelQuota c : all.subList(1, all.size())) {
            out.writeUTF(c.name());
            out.writeUTF(kindOf(c.channel()));
            out.writeInt(c.quota());
            out.writeDouble(c.weight());
          }
          for (ChannelQuota c : all.subList(1, all.size())) {
            if (c.channel() instanceof CoOccurrenceChannel co) {
              co.write(out);
            } else if (c.channel() instanceof GenrePopularityChannel gp) {
              gp.write(out);
            } else if (c.channel() instanceof TrendingChannel tr) {
              tr.write(out);
            }
          }
        });
  }

  static String kindOf(RecallChannel c) {
    if (c instanceof CoOccurrenceChannel) {
      return CoOccurrenceChannel.NAME;
    }
    if (c instanceof GenrePopularityChannel) {
      return GenrePopularityChannel.NAME;
    }
    if (c instanceof TrendingChannel) {
      return TrendingChannel.NAME;
    }
    return CUSTOM;
  }

  /** Reads the file, checking every length and value. */
  static Contents read(Path file) throws IOException {
    return VersionedFile.read(
        file,
        KIND,
        OLDEST_VERSION,
        VERSION,
        (in, version) -> {
          String o = in.readUTF();
          Ordering ordering;
          try {
            ordering = Ordering.valueOf(o);
          } catch (IllegalArgumentException e) {
            throw new CorruptFileException(file, "unknown ordering '" + o + "'");
          }
          double combinationWeight = Recommender.DEFAULT_COMBINATION_WEIGHT;
          if (version >= 2) {
            combinationWeight = in.readDouble();
            if (!(combinationWeight >= 0 && combinationWeight <= 1e6)) {
              throw new CorruptFileException(
                  file, "combination weight " + combinationWeight + " is not in 0..1e6");
            }
          }
          Ordering newUserOrdering = null;
          if (version >= 3) {
            String nu = in.readUTF();
            if (!nu.isEmpty()) {
              try {
                newUserOrdering = Ordering.valueOf(nu);
              } catch (IllegalArgumentException e) {
                throw new CorruptFileException(file, "unknown new-user ordering '" + nu + "'");
              }
            }
          }
          int indexQuota = in.readInt();
          double indexWeight = in.readDouble();
          int n = in.readInt();
          if (indexQuota < 1 || !(indexWeight > 0) || n < 0 || n >= Recommender.MAX_CHANNELS) {
            throw new CorruptFileException(
                file,
                "index quota " + indexQuota + ", weight " + indexWeight + ", " + n + " channels");
          }
          List<String[]> heads = new ArrayList<>();
          List<double[]> numbers = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            String kind = in.readUTF();
            int quota = in.readInt();
            double weight = in.readDouble();
            if (quota < 0 || quota > 100_000 || !(weight > 0 && weight < 1e6)) {
              throw new CorruptFileException(
                  file, "channel '" + name + "': quota " + quota + ", weight " + weight);
            }
            heads.add(new String[] {name, kind});
            numbers.add(new double[] {quota, weight});
          }
          List<Saved> saved = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            String name = heads.get(i)[0];
            String kind = heads.get(i)[1];
            RecallChannel channel =
                switch (kind) {
                  case CoOccurrenceChannel.NAME -> CoOccurrenceChannel.read(in, file);
                  case GenrePopularityChannel.NAME -> GenrePopularityChannel.read(in, file);
                  case TrendingChannel.NAME -> TrendingChannel.read(in, file);
                  case CUSTOM -> null;
                  default ->
                      throw new CorruptFileException(
                          file, "channel '" + name + "' has unknown kind '" + kind + "'");
                };
            if (channel != null && !channel.name().equals(name)) {
              throw new CorruptFileException(
                  file, "channel '" + name + "' holds a " + channel.name() + " channel");
            }
            saved.add(new Saved(name, kind, (int) numbers.get(i)[0], numbers.get(i)[1], channel));
          }
          return new Contents(
              ordering, combinationWeight, newUserOrdering, indexQuota, indexWeight, saved);
        });
  }
}
