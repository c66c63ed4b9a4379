package io.movierec.spark;

import io.movierec.domain.UserContext;
import io.movierec.features.FeatureEncoder;
import io.movierec.models.TwoTowerModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Embeds users ({@code userId hist}) or movies ({@code movieId}) in batches with the executor's one
 * copy of the model; rows out are {@code id vector}.
 */
final class Embed implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;

  private final String modelDir;
  private final String features;
  private final boolean users;
  private final boolean history;
  private final Broadcast<SampleEncoding.Catalogue> catalogue;
  private final int batchSize;

  Embed(
      String modelDir,
      String features,
      boolean users,
      boolean history,
      Broadcast<SampleEncoding.Catalogue> catalogue,
      int batchSize) {
    this.modelDir = modelDir;
    this.features = features;
    this.users = users;
    this.history = history;
    this.catalogue = catalogue;
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> in) {
    TwoTowerModel model = Models.get(modelDir);
    FeatureEncoder encoder = model.encoder();
    String modelFeatures = encoder.schema().spec() + " / " + encoder.hasher().spec();
    if (!modelFeatures.equals(features)) {
      throw new IllegalArgumentException(
          "the model at "
              + modelDir
              + " reads "
              + modelFeatures
              + " but the data set was prepared with "
              + features);
    }
    SampleEncoding.Catalogue c = catalogue.value();
    int width = users ? encoder.schema().userWidth() : encoder.schema().movieWidth();
    int d = model.vectorDimension();
    return new Iterator<>() {
      private final List<Row> out = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        if (next < out.size()) {
          return true;
        }
        out.clear();
        next = 0;
        int[] ids = new int[batchSize];
        int[] rows = new int[batchSize * width];
        int n = 0;
        while (n < batchSize && in.hasNext()) {
          Row r = in.next();
          int id = r.getInt(0);
          ids[n] = id;
          int[] row;
          if (!users) {
            row = c.movieRow(id);
          } else if (history) {
            row = encoder.encodeUser(context(c, id, r));
          } else {
            row = c.userRow(id);
          }
          System.arraycopy(row, 0, rows, n * width, width);
          n++;
        }
        if (n == 0) {
          return false;
        }
        float[] v = users ? model.userVectors(rows, n) : model.movieVectors(rows, n);
        for (int i = 0; i < n; i++) {
          Float[] vector = new Float[d];
          for (int k = 0; k < d; k++) {
            vector[k] = v[i * d + k];
          }
          out.add(RowFactory.create(ids[i], vector));
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return out.get(next++);
      }
    };
  }

  /** The user with their latest ratings, most recent first ({@code hist}: rn, movie, rating). */
  private static UserContext context(SampleEncoding.Catalogue c, int id, Row r) {
    List<Row> hist = r.isNullAt(1) ? List.of() : r.getList(1);
    List<Row> sorted = new ArrayList<>(hist);
    sorted.sort((a, b) -> Integer.compare(a.getInt(0), b.getInt(0)));
    int[] movies = new int[sorted.size()];
    float[] scores = new float[sorted.size()];
    for (int i = 0; i < movies.length; i++) {
      movies[i] = sorted.get(i).getInt(1);
      scores[i] = sorted.get(i).getFloat(2);
    }
    return UserContext.of(c.user(id), movies, scores);
  }

  /** One loaded model per executor JVM and model directory, closed when the JVM exits. */
  static final class Models {
    private static final Map<String, TwoTowerModel> LOADED = new HashMap<>();

    private Models() {}

    static synchronized TwoTowerModel get(String dir) {
      TwoTowerModel m = LOADED.get(dir);
      if (m == null) {
        try {
          m = TwoTowerModel.load(java.nio.file.Path.of(dir));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        LOADED.put(dir, m);
        TwoTowerModel loaded = m;
        Runtime.getRuntime().addShutdownHook(new Thread(loaded::close, "close " + dir));
      }
      return m;
    }
  }
}
