package io.movierec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import io.movierec.io.CorruptFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {

  @TempDir Path dir;

  @Test
  void keepsAUsersHistoryMostRecentFirst() {
    UserStore s =
        UserStore.newBuilder()
            .addUser(new User(1, UserProfile.of("F", 25, 3), "10001"))
            .addRating(1, 7, 4f, 300)
            .addRating(1, 5, 4f, 100)
            .addRating(1, 9, 4f, 300)
            .build();
    // Equal times: the rating added later counts as more recent.
    assertThat(s.history(1)).containsExactly(9, 7, 5);
    assertThat(s.hasSeen(1, 5)).isTrue();
    assertThat(s.hasSeen(1, 6)).isFalse();
  }

  @Test
  void putsANewRatingAtTheFrontOfTheHistory() {
    UserStore s =
        UserStore.newBuilder().addUser(User.withoutProfile(1)).addRating(1, 5, 4f, 1).build();
    s.recordRating(1, 8, 4f);
    s.recordRating(1, 5, 4f);
    assertThat(s.history(1)).containsExactly(5, 8);
    assertThat(s.seenCount(1)).isEqualTo(2);
  }

  @Test
  void refusesARatingOfAnUnknownUser() {
    assertThatThrownBy(() -> UserStore.empty().recordRating(4, 1, 4f))
        .isInstanceOf(UnknownUserException.class);
  }

  @Test
  void refusesToBuildWithARatingOfAnUnknownUser() {
    assertThatThrownBy(() -> UserStore.newBuilder().addRating(4, 1, 4f, 1).build())
        .hasMessageContaining("unknown user id 4");
  }

  @Test
  void aSavedUserStoreLoadsBackEqual() throws IOException {
    UserStore s =
        UserStore.newBuilder()
            .addUser(new User(1, UserProfile.of("F", 25, 3), "10001"))
            .addUser(User.withoutProfile(2))
            .addRating(1, 7, 4f, 300)
            .addRating(1, 5, 4f, 100)
            .addRating(2, 1, 4f, 1)
            .build();
    s.save(dir.resolve("users.bin"));
    UserStore back = UserStore.load(dir.resolve("users.bin"));
    assertThat(back.user(1)).isEqualTo(s.user(1));
    assertThat(back.user(2)).isEqualTo(s.user(2));
    assertThat(back.history(1)).containsExactly(7, 5);
  }

  @Test
  void aSavedMovieStoreLoadsBackEqual() throws IOException {
    MovieStore s =
        MovieStore.of(
            List.of(
                Movie.of(2, "Misérables, Les (1995)", List.of(Genre.DRAMA, Genre.MUSICAL)),
                Movie.of(9, "No Year", List.of())));
    s.save(dir.resolve("movies.bin"));
    assertThat(MovieStore.load(dir.resolve("movies.bin")).all()).isEqualTo(s.all());
  }

  @Test
  void refusesABitFlippedStoreFile() throws IOException {
    MovieStore.of(List.of(Movie.of(2, "A (1995)", List.of()))).save(dir.resolve("m.bin"));
    byte[] b = Files.readAllBytes(dir.resolve("m.bin"));
    b[20] ^= 1;
    Files.write(dir.resolve("m.bin"), b);
    assertThatThrownBy(() -> MovieStore.load(dir.resolve("m.bin")))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("m.bin")
        .hasMessageContaining("checksum");
  }
}
