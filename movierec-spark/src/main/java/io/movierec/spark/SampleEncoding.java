package io.movierec.spark;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import io.movierec.features.FeatureEncoder;
import io.movierec.features.FeatureHasher;
import io.movierec.features.SlotSchema;
import io.movierec.samples.SampleWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/** Encodes split ratings into slot:feasign lines on the executors, as {@code prepare} does. */
final class SampleEncoding {

  /** {@code value part}: a sample line and the split it belongs to. */
  static final StructType LINES =
      new StructType()
          .add("value", DataTypes.StringType, false)
          .add("part", DataTypes.StringType, false);

  private SampleEncoding() {}

  /**
   * What executors need of the users and movies: each movie's ids and each user's ids (or, when the
   * schema reads the history, the user's profile to encode in context), broadcast once.
   */
  static final class Catalogue implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HashMap<Integer, int[]> userRows = new HashMap<>();
    private final HashMap<Integer, String @Nullable []> profiles = new HashMap<>();
    private final HashMap<Integer, int[]> movieRows = new HashMap<>();

    static Catalogue of(
        Map<Integer, User> users, Map<Integer, Movie> movies, SlotSchema schema, FeatureHasher h) {
      FeatureEncoder encoder = new FeatureEncoder(schema, h);
      Catalogue c = new Catalogue();
      boolean history = schema.usesHistory();
      for (User u : users.values()) {
        if (history) {
          UserProfile p = u.profile();
          c.profiles.put(
              u.id(),
              p == null
                  ? new String[] {u.zip()}
                  : new String[] {
                    u.zip(),
                    p.gender().code(),
                    Integer.toString(p.age().code()),
                    Integer.toString(p.occupation().code())
                  });
        } else {
          c.userRows.put(u.id(), encoder.encodeUser(u));
        }
      }
      for (Movie m : movies.values()) {
        c.movieRows.put(m.id(), encoder.encodeMovie(m));
      }
      return c;
    }

    int[] userRow(int id) {
      int[] row = userRows.get(id);
      if (row == null) {
        throw new IllegalStateException("user " + id + " is not in the catalogue");
      }
      return row;
    }

    int[] movieRow(int id) {
      int[] row = movieRows.get(id);
      if (row == null) {
        throw new IllegalStateException("movie " + id + " is not in the catalogue");
      }
      return row;
    }

    User user(int id) {
      String[] p = profiles.get(id);
      if (p == null) {
        throw new IllegalStateException("user " + id + " is not in the catalogue");
      }
      return p.length == 1
          ? new User(id, null, p[0])
          : User.of(
              id,
              Gender.fromCode(p[1]),
              AgeBucket.fromCode(Integer.parseInt(p[2])),
              Occupation.fromCode(Integer.parseInt(p[3])),
              p[0]);
    }
  }

  /**
   * Rows {@code logid user movie rating time part hist_movies hist_scores} to {@link #LINES}; the
   * history columns (oldest first) are read only when the schema uses the history.
   */
  static final class EncodeRows implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;

    private final String schemaSpec;
    private final String hasherSpec;
    private final Broadcast<Catalogue> catalogue;

    EncodeRows(String schemaSpec, String hasherSpec, Broadcast<Catalogue> catalogue) {
      this.schemaSpec = schemaSpec;
      this.hasherSpec = hasherSpec;
      this.catalogue = catalogue;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      SlotSchema schema = SlotSchema.parse(schemaSpec);
      FeatureEncoder encoder = new FeatureEncoder(schema, FeatureHasher.fromSpec(hasherSpec));
      Catalogue c = catalogue.value();
      boolean history = schema.usesHistory();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
      SampleWriter writer = new SampleWriter(buffer, schema);
      return new RatingSources.Skipping<>(
          rows,
          r -> {
            int user = r.getInt(1);
            int movie = r.getInt(2);
            int[] userIds;
            if (history) {
              List<Integer> hm = r.getList(6);
              List<Float> hs = r.getList(7);
              int n = hm.size();
              int[] movies = new int[n];
              float[] scores = new float[n];
              for (int i = 0; i < n; i++) {
                movies[i] = hm.get(n - 1 - i);
                scores[i] = hs.get(n - 1 - i);
              }
              userIds = encoder.encodeUser(UserContext.of(c.user(user), movies, scores));
            } else {
              userIds = c.userRows.get(user);
            }
            buffer.reset();
            try {
              writer.write(
                  r.getLong(0), r.getLong(4), userIds, 0, c.movieRows.get(movie), 0, r.getFloat(3));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            byte[] b = buffer.toByteArray();
            return RowFactory.create(
                new String(b, 0, b.length - 1, StandardCharsets.US_ASCII), r.getString(5));
          });
    }
  }
}
