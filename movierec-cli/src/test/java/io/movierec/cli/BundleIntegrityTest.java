package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.features.SlotSchema;
import io.movierec.index.VectorIndex;
import io.movierec.index.knn.ExactVectorIndex;
import io.movierec.index.knn.KnnIndexes;
import io.movierec.io.AtomicFiles;
import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import io.movierec.models.DnnRanker;
import io.movierec.models.Trainer;
import io.movierec.models.TwoTowerModel;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.ServingStores;
import io.movierec.recommend.BundleChangedException;
import io.movierec.recommend.MovieStore;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import io.movierec.synthetic.SyntheticMovieLens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bundle's parts belong together: parts from another bundle or built from other data are refused
 * when saving and when loading, the manifest cannot point outside the bundle, and a loader racing a
 * saver in another process never reports a healthy bundle as corrupt.
 */
class BundleIntegrityTest {

  @TempDir static Path dir;
  private static TrainedFixture fixture;
  private static Path otherRecall;
  private static Path otherRank;
  private static PreparedDataset otherData;
  private static Path bundleA;
  private static Path bundleB;
  private static Recommender a;

  @BeforeAll
  static void build() throws Exception {
    fixture = TrainedFixture.create(dir.resolve("a"));
    // Other data (fewer movies, other users) prepared with another schema, and models trained on
    // it.
    Path root = dir.resolve("b");
    SyntheticMovieLens.newBuilder()
        .withUsers(200)
        .withMovies(250)
        .withRatings(8_000)
        .withSeed(11)
        .build()
        .writeTo(root.resolve("raw"));
    DatasetPreparer.newBuilder(root.resolve("raw"), root.resolve("data"))
        .withSchema(SlotSchema.paddleRec())
        .build()
        .prepare();
    otherData = PreparedDataset.open(root.resolve("data"));
    Trainer trainer = Trainer.newBuilder().withEpochs(1).withBatchSize(256).build();
    otherRecall = root.resolve("recall");
    try (TwoTowerModel m =
        TwoTowerModel.newBuilder(otherData.encoder())
            .withSparseFeatureDim(16)
            .withFcSizes(64, 32)
            .build()) {
      trainer.fit(m, otherData.trainData());
      m.save(otherRecall);
    }
    otherRank = root.resolve("rank");
    try (DnnRanker r =
        DnnRanker.newBuilder(otherData.encoder())
            .withSparseFeatureDim(8)
            .withFcSizes(32, 16)
            .build()) {
      trainer.fit(r, otherData.trainData());
      r.save(otherRank);
    }
    a = BundleCommand.assemble(fixture.data.directory(), fixture.recall, fixture.rank, "exact", 50);
    bundleA = dir.resolve("bundle-a");
    a.save(bundleA);
    bundleB = dir.resolve("bundle-b");
    try (Recommender b =
        BundleCommand.assemble(otherData.directory(), otherRecall, otherRank, "exact", 50)) {
      b.save(bundleB);
    }
  }

  @AfterAll
  static void close() {
    if (a != null) {
      a.close();
    }
  }

  private static Path copyOfA(String name) throws IOException {
    Path copy = dir.resolve(name);
    copyTree(bundleA, copy);
    return copy;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  private static Path part(Path bundle, String part) throws IOException {
    return Path.of(Recommender.describeSaved(bundle).get(part + ".path"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"recall", "rank", "index", "movies", "users"})
  void aPartCopiedFromABundleOfOtherDataIsRefusedNamingThePart(String part) throws Exception {
    Path mixed = copyOfA("mixed-" + part);
    Path mine = part(mixed, part);
    AtomicFiles.deleteRecursively(mine);
    copyTree(part(bundleB, part), mine);

    assertThatThrownBy(() -> Recommender.load(mixed).close())
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(mine.getFileName().toString())
        .hasMessageContaining("another bundle");
  }

  @Test
  void bundleRefusesARankerThatReadsAnotherSchemaThanTheRecallModel() throws Exception {
    Path out = dir.resolve("ranker-of-other-schema");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                BundleCommand.run(
                    new String[] {
                      "--data", fixture.data.directory().toString(),
                      "--recall", fixture.recall.toString(),
                      "--rank", otherRank.toString(),
                      "--out", out.toString()
                    },
                    new PrintStream(printed, true, StandardCharsets.UTF_8)))
        .hasMessageContaining("ranker")
        .hasMessageContaining("recall model")
        .hasMessageContaining(SlotSchema.paddleRec().spec())
        .hasMessageContaining(fixture.data.encoder().schema().spec());
    assertThat(out.resolve("BUNDLE")).doesNotExist();
  }

  @Test
  void savingRefusesAnIndexOfAnotherCatalogue() throws Exception {
    Path out = dir.resolve("index-of-other-movies");
    VectorIndex othersIndex = ExactVectorIndex.load(part(bundleB, "index"));
    try (TwoTowerModel recall = TwoTowerModel.load(fixture.recall);
        Recommender r =
            Recommender.newBuilder(
                    recall, othersIndex, ServingStores.read(fixture.data.directory()).movies())
                .build()) {
      assertThatThrownBy(() -> r.save(out))
          .hasMessageContaining("index holds 250 movies")
          .hasMessageContaining("movie store 400 movies");
    }
    assertThat(out.resolve("BUNDLE")).doesNotExist();
  }

  @Test
  void savingRefusesAnIndexMadeByAnotherRecallModel() throws Exception {
    Path out = dir.resolve("index-of-other-model");
    MovieStore movies = ServingStores.read(fixture.data.directory()).movies();
    try (TwoTowerModel other = TwoTowerModel.load(otherRecall);
        Recommender byOther =
            Recommender.newBuilder(other, KnnIndexes.newBuilder(32).exact().build(), movies)
                .build();
        TwoTowerModel recall = TwoTowerModel.load(fixture.recall);
        Recommender r = Recommender.newBuilder(recall, byOther.index(), movies).build()) {
      assertThat(r.index().size()).isEqualTo(movies.size());
      assertThatThrownBy(() -> r.save(out))
          .hasMessageContaining("index")
          .hasMessageContaining("recall model");
    }
    assertThat(out.resolve("BUNDLE")).doesNotExist();
  }

  @Test
  void aManifestNamingAPathOutsideTheBundleIsRefused() throws Exception {
    Path root = dir.resolve("escape");
    Path inside = root.resolve("a/b");
    Files.createDirectories(inside.getParent());
    copyTree(bundleA, inside);
    Path movies = part(inside, "movies");
    Files.move(movies, root.resolve("x"));
    writeVersion1Manifest(inside, Map.of("movies", "../../x"));

    assertThatThrownBy(() -> Recommender.load(inside).close())
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("../../x")
        .hasMessageContaining("outside the bundle");
  }

  @Test
  void aPartThatIsASymbolicLinkOutOfTheBundleIsRefused() throws Exception {
    Path root = dir.resolve("symlink");
    Path inside = root.resolve("bundle");
    Files.createDirectories(root);
    copyTree(bundleA, inside);
    Path movies = part(inside, "movies");
    Files.move(movies, root.resolve("x"));
    Files.createSymbolicLink(movies, root.resolve("x"));

    assertThatThrownBy(() -> Recommender.load(inside).close())
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(movies.getFileName().toString())
        .hasMessageContaining("outside the bundle");
  }

  @Test
  void aBundleWithAVersion1ManifestStillLoadsAndRecommendsTheSame() throws Exception {
    Path old = copyOfA("version-1");
    writeVersion1Manifest(old, Map.of());
    assertThat(VersionedFile.readHeader(old.resolve("BUNDLE")).version()).isEqualTo(1);
    int user = a.users().ids()[5];
    try (Recommender back = Recommender.load(old)) {
      assertThat(back.recommend(user, 10)).isEqualTo(a.recommend(user, 10));
    }
  }

  @Test
  void aVersion1BundleLoadsWithTheIndexChannelAloneAndSaysItsOrdering() throws Exception {
    Path old = copyOfA("version-1-channels");
    writeVersion1Manifest(old, Map.of());
    try (Recommender back = Recommender.load(old)) {
      assertThat(back.channels()).extracting(c -> c.name()).containsExactly("index");
      assertThat(back.ordering()).isEqualTo(io.movierec.recommend.Ordering.AUTO);
    }
    assertThat(Recommender.describeSaved(old).get("ordering"))
        .startsWith("auto")
        .contains("saved before orderings existed");
  }

  /**
   * Rewrites the manifest of a bundle in {@code dir} in the first format (the one movierec wrote
   * before manifests recorded checksums), with some part names replaced.
   */
  private static void writeVersion1Manifest(Path dir, Map<String, String> replaced)
      throws IOException {
    Map<String, String> d = Recommender.describeSaved(dir);
    List<String> names = new ArrayList<>();
    for (String p : List.of("recall", "rank", "index", "movies", "users")) {
      String name = Path.of(d.get(p + ".path")).getFileName().toString();
      names.add(replaced.getOrDefault(p, name));
    }
    VersionedFile.write(
        dir.resolve("BUNDLE"),
        "recommender-bundle",
        1,
        out -> {
          out.writeLong(Long.parseLong(d.get("generation")));
          out.writeInt(Integer.parseInt(d.get("candidates")));
          out.writeUTF(d.get("recall.kind"));
          out.writeUTF(names.get(0));
          out.writeUTF(d.get("rank.kind"));
          out.writeUTF(names.get(1));
          out.writeUTF(d.get("index.kind"));
          out.writeUTF(names.get(2));
          out.writeUTF(names.get(3));
          out.writeUTF(names.get(4));
        });
  }

  private static int saves(Path counter) throws IOException {
    String s = Files.readString(counter).trim();
    return s.isEmpty() ? 0 : Integer.parseInt(s);
  }

  @Test
  void aLoaderRacingASaverInAnotherProcessNeverSeesACorruptBundle() throws Exception {
    Path target = dir.resolve("raced");
    Path counter = Path.of(target + ".saves");
    Path log = dir.resolve("race-child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                "save",
                bundleA.toString(),
                target.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    int loads = 0;
    int changed = 0;
    List<String> corrupt = new ArrayList<>();
    int user = a.users().ids()[3];
    List<Recommendation> expected = a.recommend(user, 10);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(counter)) {
        assertThat(child.isAlive()).as("saving child alive: %s", log).isTrue();
        assertThat(System.nanoTime()).as("waiting for the first save").isLessThan(deadline);
        Thread.sleep(20);
      }
      // Load for at least 4 s and until the saver has replaced the bundle 3 more times.
      int first = saves(counter);
      long start = System.nanoTime();
      while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4)
          || (saves(counter) - first < 3 && System.nanoTime() < deadline)) {
        try (Recommender back = Recommender.load(target)) {
          assertThat(back.recommend(user, 10)).isEqualTo(expected);
          loads++;
        } catch (CorruptFileException e) {
          corrupt.add(e.getMessage());
        } catch (BundleChangedException e) {
          changed++; // retryable: the saver replaced the bundle faster than a load, five times
        }
      }
      assertThat(saves(counter) - first).as("saves while loading").isGreaterThanOrEqualTo(3);
      System.out.printf(
          "race: %d loads, %d BundleChangedException, %d corrupt, %d saves%n",
          loads, changed, corrupt.size(), saves(counter) - first);
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(corrupt).isEmpty();
    assertThat(loads).as("loads (%d retryable BundleChangedException)", changed).isPositive();
  }
}
