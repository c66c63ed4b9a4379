package io.movierec.recommend;

import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogue: movie information by id (the reference's "cm" service, a Redis hash there).
 * Thread-safe: lookups run concurrently with {@link #put}.
 */
public final class MovieStore implements MovieStoreView {

  /** The kind written in the header of a saved movie store. */
  public static final String FILE_KIND = "movie-store";

  static final int FILE_VERSION = 1;

  /** The oldest format version {@link #load} reads. */
  static final int OLDEST_FILE_VERSION = 1;

  private final ConcurrentHashMap<Integer, Movie> movies = new ConcurrentHashMap<>();

  private MovieStore() {}

  /** A store holding {@code movies}; a later movie with the same id replaces an earlier one. */
  public static MovieStore of(Collection<Movie> movies) {
    MovieStore s = new MovieStore();
    movies.forEach(s::put);
    return s;
  }

  /** The movie with this id, if the catalogue has it. */
  @Override
  public Optional<Movie> get(int id) {
    return Optional.ofNullable(movies.get(id));
  }

  /** The movies of these ids, in request order, and the ids that are not in the catalogue. */
  @Override
  public MovieLookup lookup(int... ids) {
    List<Movie> found = new ArrayList<>(ids.length);
    List<Integer> missing = new ArrayList<>();
    for (int id : ids) {
      Movie m = movies.get(id);
      if (m == null) {
        missing.add(id);
      } else {
        found.add(m);
      }
    }
    return new MovieLookup(found, missing);
  }

  /**
   * A read-only view of this store: its queries, answered by the store as it is at each call, and
   * no way to reach its updates (not even by a cast).
   */
  MovieStoreView readOnlyView() {
    MovieStore store = this;
    return new MovieStoreView() {
      @Override
      public Optional<Movie> get(int id) {
        return store.get(id);
      }

      @Override
      public MovieLookup lookup(int... ids) {
        return store.lookup(ids);
      }

      @Override
      public int size() {
        return store.size();
      }

      @Override
      public List<Movie> all() {
        return store.all();
      }
    };
  }

  /** The movie with this id, or null: {@link #get} without the {@link Optional}, for hot paths. */
  @org.jspecify.annotations.Nullable
  Movie find(int id) {
    return movies.get(id);
  }

  /** Adds a movie, or replaces the one with the same id. */
  public void put(Movie movie) {
    movies.put(movie.id(), checkNotNull(movie, "movie"));
  }

  /** Removes a movie; returns false if there was none. */
  public boolean remove(int id) {
    return movies.remove(id) != null;
  }

  /** The number of movies. */
  @Override
  public int size() {
    return movies.size();
  }

  /** A snapshot of every movie, by id. */
  @Override
  public List<Movie> all() {
    List<Movie> all = new ArrayList<>(movies.values());
    all.sort(Comparator.comparingInt(Movie::id));
    return all;
  }

  /** Writes the catalogue atomically, with a format version and a checksum. */
  public void save(Path file) throws IOException {
    List<Movie> all = all();
    VersionedFile.write(
        file,
        FILE_KIND,
        FILE_VERSION,
        out -> {
          out.writeInt(all.size());
          for (Movie m : all) {
            out.writeInt(m.id());
            out.writeUTF(m.title());
            out.writeInt(m.year());
            out.writeByte(m.genres().size());
            for (Genre g : m.genres()) {
              out.writeUTF(g.label());
            }
          }
        });
  }

  /**
   * Reads a catalogue written by {@link #save}. Every count is checked against the bytes left
   * before anything is allocated for it, and every movie is validated as {@link Movie} does.
   *
   * @throws CorruptFileException naming the file if it fails its checks
   */
  public static MovieStore load(Path file) throws IOException {
    return VersionedFile.read(
        file,
        FILE_KIND,
        OLDEST_FILE_VERSION,
        FILE_VERSION,
        (in, version) -> {
          MovieStore s = new MovieStore();
          // id, title length, year, genre count: 11 bytes at least per movie
          int n = VersionedFile.checkCount(file, in, in.readInt(), 11, "movies");
          for (int i = 0; i < n; i++) {
            int id = in.readInt();
            String title = in.readUTF();
            int year = in.readInt();
            int genres = in.readByte();
            if (genres < 0 || genres > Genre.values().length) {
              throw new CorruptFileException(
                  file,
                  "movie "
                      + id
                      + " declares "
                      + genres
                      + " genres (at most "
                      + Genre.values().length
                      + ")");
            }
            List<Genre> list = new ArrayList<>(genres);
            for (int g = 0; g < genres; g++) {
              String label = in.readUTF();
              list.add(
                  Genre.fromLabel(label)
                      .orElseThrow(
                          () -> new CorruptFileException(file, "unknown genre '" + label + "'")));
            }
            try {
              s.put(new Movie(id, title, year, list));
            } catch (IllegalArgumentException e) {
              throw new CorruptFileException(
                  file, "movie " + (i + 1) + " of " + n + ": " + e.getMessage());
            }
          }
          return s;
        });
  }
}
