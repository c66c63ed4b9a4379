package io.movierec.recommend;

import io.movierec.index.VectorIndex;
import io.movierec.io.AtomicFiles;
import io.movierec.io.VersionedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A recommender saved in a directory:
 *
 * <pre>
 *   BUNDLE              the manifest: generation, candidates, each part's kind and file name
 *   movies-G.bin        the catalogue            users-G.bin    the user store
 *   index-G.bin         the vector index         recall-G/      the recall model
 *   rank-G/             the ranker (optional)
 *   channels-G.bin      the recall channels and the ordering ({@link ChannelFile}; a bundle
 *                       saved before channels existed has none: index only, ordering AUTO)
 * </pre>
 *
 * A save writes every part under a new generation G, then replaces {@code BUNDLE} atomically, then
 * deletes the parts of older generations and the temporaries of earlier crashed saves. A crash at
 * any point leaves a {@code BUNDLE} that names complete parts, so the previous (or the new)
 * recommender stays loadable. One process at a time may save into a directory.
 */
final class Bundle {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Bundle.class);

  static final String MANIFEST = "BUNDLE";
  static final String KIND = "recommender-bundle";
  static final int VERSION = 1;
  static final int OLDEST_VERSION = 1;

  private Bundle() {}

  private record Manifest(
      long generation,
      int candidates,
      String recallKind,
      String recallDir,
      String rankerKind,
      String rankerDir,
      String indexKind,
      String indexFile,
      String moviesFile,
      String usersFile) {

    Set<String> files() {
      return rankerDir.isEmpty()
          ? Set.of(MANIFEST, recallDir, indexFile, moviesFile, usersFile)
          : Set.of(MANIFEST, recallDir, rankerDir, indexFile, moviesFile, usersFile);
    }
  }

  static void save(Recommender r, Path dir) throws IOException {
    Files.createDirectories(dir);
    long generation = readManifestIfAny(dir) + 1;
    String g = Long.toString(generation);
    Optional<RankingModel> ranker = r.ranker();
    Manifest m =
        new Manifest(
            generation,
            r.candidates(),
            r.recallModel().kind(),
            "recall-" + g,
            ranker.map(RankingModel::kind).orElse(""),
            ranker.isEmpty() ? "" : "rank-" + g,
            r.index().kind(),
            "index-" + g + ".bin",
            "movies-" + g + ".bin",
            "users-" + g + ".bin");
    r.recallModel().save(dir.resolve(m.recallDir()));
    if (ranker.isPresent()) {
      ranker.get().save(dir.resolve(m.rankerDir()));
    }
    r.index().save(dir.resolve(m.indexFile()));
    r.ownedMovies().save(dir.resolve(m.moviesFile()));
    r.ownedUsers().save(dir.resolve(m.usersFile()));
    ChannelFile.write(r, dir.resolve(channelsFile(generation)));
    VersionedFile.write(
        dir.resolve(MANIFEST),
        KIND,
        VERSION,
        out -> {
          out.writeLong(m.generation());
          out.writeInt(m.candidates());
          out.writeUTF(m.recallKind());
          out.writeUTF(m.recallDir());
          out.writeUTF(m.rankerKind());
          out.writeUTF(m.rankerDir());
          out.writeUTF(m.indexKind());
          out.writeUTF(m.indexFile());
          out.writeUTF(m.moviesFile());
          out.writeUTF(m.usersFile());
        });
    Set<String> keep = new java.util.HashSet<>(m.files());
    keep.add(channelsFile(generation));
    deleteOtherGenerations(dir, keep);
  }

  private static String channelsFile(long generation) {
    return "channels-" + generation + ".bin";
  }

  /** The bundle's channels and ordering, or null for a bundle saved before they existed. */
  private static ChannelFile.@org.jspecify.annotations.Nullable Contents channels(
      Path dir, Manifest m) throws IOException {
    Path f = dir.resolve(channelsFile(m.generation()));
    return Files.exists(f) ? ChannelFile.read(f) : null;
  }

  static Recommender load(Path dir, java.util.function.UnaryOperator<Recommender.Builder> customize)
      throws IOException {
    Manifest m = readManifest(dir);
    ChannelFile.Contents channels = channels(dir, m);
    List<ComponentLoader> loaders = new ArrayList<>();
    ServiceLoader.load(ComponentLoader.class).forEach(loaders::add);
    RecallModel recallModel = null;
    RankingModel ranker = null;
    VectorIndex index = null;
    try {
      for (ComponentLoader l : loaders) {
        if (recallModel == null) {
          recallModel = l.loadRecall(m.recallKind(), dir.resolve(m.recallDir())).orElse(null);
        }
      }
      require(recallModel, "recall model", m.recallKind(), "movierec-models");
      if (!m.rankerKind().isEmpty()) {
        for (ComponentLoader l : loaders) {
          if (ranker == null) {
            ranker = l.loadRanking(m.rankerKind(), dir.resolve(m.rankerDir())).orElse(null);
          }
        }
        require(ranker, "ranker", m.rankerKind(), "movierec-models");
      }
      for (ComponentLoader l : loaders) {
        if (index == null) {
          index = l.loadIndex(m.indexKind(), dir.resolve(m.indexFile())).orElse(null);
        }
      }
      require(index, "index", m.indexKind(), "movierec-index");
      MovieStore movies = MovieStore.load(dir.resolve(m.moviesFile()));
      UserStore users = UserStore.load(dir.resolve(m.usersFile()));
      Recommender.Builder b =
          Recommender.newBuilder(recallModel, index, movies)
              .withUsers(users)
              .withRanker(ranker)
              .withCandidates(m.candidates());
      if (channels == null) {
        LOG.info("bundle {} predates recall channels and orderings: index channel only", dir);
      } else {
        b.withOrdering(channels.ordering()).withIndexWeight(channels.indexWeight());
        for (ChannelFile.Saved c : channels.channels()) {
          if (c.channel() != null) {
            b.withChannel(c.channel(), c.quota(), c.weight());
          }
        }
      }
      Recommender r = customize.apply(b).build();
      if (channels != null) {
        for (ChannelFile.Saved c : channels.channels()) {
          if (c.channel() == null
              && r.channels().stream().noneMatch(x -> x.name().equals(c.name()))) {
            LOG.warn(
                "bundle {}: custom recall channel '{}' (quota {}) was not attached again; "
                    + "load with Recommender.load(dir, b -> b.withChannel(...)) to use it",
                dir,
                c.name(),
                c.quota());
          }
        }
      }
      LOG.info(
          "bundle {}: ordering {}",
          dir,
          Recommender.describeOrdering(r.ordering(), r.effectiveOrdering()));
      return r;
    } catch (IOException | RuntimeException e) {
      if (recallModel != null) {
        closeSuppressed(recallModel::close, e);
      }
      if (ranker != null) {
        closeSuppressed(ranker::close, e);
      }
      if (index != null) {
        closeSuppressed(index::close, e);
      }
      throw e;
    }
  }

  static Map<String, String> describe(Path dir) throws IOException {
    Manifest m = readManifest(dir);
    Map<String, String> d = new LinkedHashMap<>();
    d.put("kind", KIND);
    d.put(
        "format_version",
        Integer.toString(VersionedFile.readHeader(dir.resolve(MANIFEST)).version()));
    d.put("generation", Long.toString(m.generation()));
    d.put("candidates", Integer.toString(m.candidates()));
    ChannelFile.Contents channels = channels(dir, m);
    Ordering ordering = channels == null ? Ordering.AUTO : channels.ordering();
    d.put(
        "ordering",
        ordering.name().toLowerCase(java.util.Locale.ROOT)
            + (ordering == Ordering.AUTO
                ? " (watch score with a ranker that predicts watching, else recall score)"
                : "")
            + (channels == null ? " [saved before orderings existed]" : ""));
    StringBuilder names = new StringBuilder(Recommender.INDEX_CHANNEL + "=" + m.candidates());
    if (channels != null) {
      for (ChannelFile.Saved c : channels.channels()) {
        names.append(", ").append(c.name()).append('=').append(c.quota());
        if (c.channel() == null) {
          names.append(" (custom: attach on load)");
        }
      }
      d.put("channels.path", dir.resolve(channelsFile(m.generation())).toString());
    }
    d.put("channels", names.toString());
    d.put("recall.kind", m.recallKind());
    d.put("recall.path", dir.resolve(m.recallDir()).toString());
    if (!m.rankerKind().isEmpty()) {
      d.put("rank.kind", m.rankerKind());
      d.put("rank.path", dir.resolve(m.rankerDir()).toString());
    }
    d.put("index.kind", m.indexKind());
    d.put("index.path", dir.resolve(m.indexFile()).toString());
    d.put("movies.path", dir.resolve(m.moviesFile()).toString());
    d.put("users.path", dir.resolve(m.usersFile()).toString());
    return d;
  }

  /** Closes a part of a bundle that failed to load; an error closing it is added to {@code e}. */
  private static void closeSuppressed(Runnable close, Exception e) {
    try {
      close.run();
    } catch (RuntimeException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  private static void require(Object part, String what, String kind, String module) {
    if (part == null) {
      throw new IllegalStateException(
          "no loader on the class path for the "
              + what
              + " kind '"
              + kind
              + "' (add "
              + module
              + " to the class path)");
    }
  }

  /** The generation of an existing bundle in {@code dir}, or 0. */
  private static long readManifestIfAny(Path dir) {
    try {
      return readManifest(dir).generation();
    } catch (IOException e) {
      return 0;
    }
  }

  private static Manifest readManifest(Path dir) throws IOException {
    Path f = dir.resolve(MANIFEST);
    if (!Files.exists(f)) {
      throw new NoSuchFileException(
          f.toString(),
          null,
          "no recommender bundle here (save one with Recommender.save or movierec bundle)");
    }
    return VersionedFile.read(
        f,
        KIND,
        OLDEST_VERSION,
        VERSION,
        (in, version) ->
            new Manifest(
                in.readLong(),
                in.readInt(),
                in.readUTF(),
                in.readUTF(),
                in.readUTF(),
                in.readUTF(),
                in.readUTF(),
                in.readUTF(),
                in.readUTF(),
                in.readUTF()));
  }

  private static void deleteOtherGenerations(Path dir, Set<String> keep) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        boolean ours = name.matches("(recall|rank)-\\d+|(index|movies|users|channels)-\\d+\\.bin");
        // Temporaries of a save that crashed (AtomicFiles names them ".NAME.tmp-UUID").
        boolean leftover = name.startsWith(".") && name.contains(".tmp-");
        if ((ours && !keep.contains(name)) || leftover) {
          AtomicFiles.deleteRecursively(p);
        }
      }
    }
  }
}
