package io.movierec.spark;

import io.movierec.data.MalformedDataException;
import io.movierec.data.MovieLensFormat;
import io.movierec.data.RatingLineParser;
import io.movierec.domain.Rating;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * Turns a ratings source into rows of {@link #PARSED} on the executors, each line parsed by {@link
 * RatingLineParser} with the checks and messages of {@code prepare}; a malformed line becomes a row
 * holding only its log id and message, so that the driver reports the first in file order (strict)
 * or counts them (lenient) without a failed task.
 */
final class RatingSources {

  /** {@code logid user movie rating time error}; error is null for a good rating. */
  static final StructType PARSED =
      new StructType()
          .add("logid", DataTypes.LongType, false)
          .add("user", DataTypes.IntegerType, true)
          .add("movie", DataTypes.IntegerType, true)
          .add("rating", DataTypes.FloatType, true)
          .add("time", DataTypes.LongType, true)
          .add("error", DataTypes.StringType, true);

  /** The columns a ratings {@link Dataset} needs, as MovieLens's CSV header names them. */
  static final List<String> COLUMNS = List.of("userId", "movieId", "rating", "timestamp");

  private RatingSources() {}

  static boolean isParquet(String pathOrUri) {
    if (pathOrUri.endsWith(".parquet")) {
      return true;
    }
    try {
      return !pathOrUri.contains("://") && Files.isDirectory(Path.of(pathOrUri));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The lines of a text file, numbered from 1 in file order (a split file keeps its order). */
  static JavaRDD<Row> parseText(
      JavaSparkContext jsc,
      String path,
      MovieLensFormat format,
      Charset charset,
      int @Nullable [] users,
      int[] movies) {
    JavaRDD<byte[]> lines =
        jsc.hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class)
            .map(t -> t._2().copyBytes());
    return lines
        .zipWithIndex()
        .mapPartitions(new ParseLines(format, path, charset.name(), users, movies));
  }

  /** The rows of a dataset with the {@link #COLUMNS}, numbered from 1 unless it has a logid. */
  static JavaRDD<Row> parseFrame(
      Dataset<Row> frame,
      MovieLensFormat format,
      String name,
      int @Nullable [] users,
      int[] movies) {
    List<String> present = Arrays.asList(frame.columns());
    for (String c : COLUMNS) {
      if (!present.contains(c)) {
        throw new MalformedDataException(
            Path.of(name),
            name + " has no column " + c + " (it has " + present + "; it needs " + COLUMNS + ")");
      }
    }
    boolean hasLogId = present.contains("logid");
    List<String> select = new ArrayList<>(COLUMNS);
    if (hasLogId) {
      select.add("logid");
    }
    Dataset<Row> cols =
        frame.selectExpr(select.stream().map(c -> "`" + c + "`").toArray(String[]::new));
    return cols.javaRDD()
        .zipWithIndex()
        .mapPartitions(new ParseColumns(format, name, hasLogId, users, movies));
  }

  /** Parses numbered lines of a MovieLens ratings file. */
  static final class ParseLines implements FlatMapFunction<Iterator<Tuple2<byte[], Long>>, Row> {
    private static final long serialVersionUID = 1L;
    private final Settings settings;

    ParseLines(
        MovieLensFormat format, String file, String charset, int @Nullable [] users, int[] movies) {
      this.settings = new Settings(format, file, charset, users, movies);
    }

    @Override
    public Iterator<Row> call(Iterator<Tuple2<byte[], Long>> lines) {
      RatingLineParser parser = settings.parser();
      return new Skipping<>(
          lines,
          t -> {
            long number = t._2() + 1;
            byte[] text = t._1();
            if (number == 1 && parser.hasHeader()) {
              try {
                parser.checkHeader(text);
                return null;
              } catch (MalformedDataException e) {
                return bad(number, e);
              }
            }
            if (text.length == 0) {
              return null;
            }
            try {
              return good(number, parser.parse(text, number));
            } catch (MalformedDataException e) {
              return bad(number, e);
            }
          });
    }
  }

  /** Parses numbered rows of the {@link #COLUMNS} (and maybe a logid). */
  static final class ParseColumns implements FlatMapFunction<Iterator<Tuple2<Row, Long>>, Row> {
    private static final long serialVersionUID = 1L;
    private final Settings settings;
    private final boolean hasLogId;

    ParseColumns(
        MovieLensFormat format,
        String name,
        boolean hasLogId,
        int @Nullable [] users,
        int[] movies) {
      this.settings = new Settings(format, name, format.defaultCharset().name(), users, movies);
      this.hasLogId = hasLogId;
    }

    @Override
    public Iterator<Row> call(Iterator<Tuple2<Row, Long>> rows) {
      RatingLineParser parser = settings.parser();
      return new Skipping<>(
          rows,
          t -> {
            Row r = t._1();
            long number = hasLogId && !r.isNullAt(4) ? r.getLong(4) : t._2() + 1;
            try {
              return good(
                  number,
                  parser.parseFields(text(r, 0), text(r, 1), text(r, 2), text(r, 3), number));
            } catch (MalformedDataException e) {
              return bad(number, e);
            }
          });
    }

    /** A value as a line of the format would hold it: whole numbers without a fraction. */
    private static String text(Row r, int i) {
      if (r.isNullAt(i)) {
        return "";
      }
      Object v = r.get(i);
      if (v instanceof Float || v instanceof Double) {
        double d = ((Number) v).doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
          return Long.toString((long) d);
        }
        return v.toString();
      }
      return v.toString();
    }
  }

  private static Row good(long number, Rating r) {
    return RowFactory.create(number, r.userId(), r.movieId(), r.score(), r.timestamp(), null);
  }

  private static Row bad(long number, MalformedDataException e) {
    return RowFactory.create(number, null, null, null, null, e.getMessage());
  }

  /** What a parser needs, shipped to the executors. */
  private record Settings(
      MovieLensFormat format, String file, String charset, int @Nullable [] users, int[] movies)
      implements Serializable {
    RatingLineParser parser() {
      return new RatingLineParser(
          format,
          Path.of(file.contains("://") ? file.substring(file.lastIndexOf('/') + 1) : file),
          Charset.forName(charset),
          users == null ? null : Arrays.stream(users).boxed().toList(),
          Arrays.stream(movies).boxed().toList());
    }
  }

  /** The non-null results of {@code f} over {@code in}, computed lazily. */
  static final class Skipping<A, B> implements Iterator<B> {
    private final Iterator<A> in;
    private final Function<A, @Nullable B> f;
    private @Nullable B next;

    Skipping(Iterator<A> in, Function<A, @Nullable B> f) {
      this.in = in;
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      while (next == null && in.hasNext()) {
        next = f.apply(in.next());
      }
      return next != null;
    }

    @Override
    public B next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      B b = next;
      next = null;
      return b;
    }
  }
}
