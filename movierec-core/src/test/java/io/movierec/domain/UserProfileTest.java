package io.movierec.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserProfileTest {

  @Test
  void mapsAnAgeInYearsOntoItsBucket() {
    assertThat(UserProfile.of("M", 32, 5).age()).isEqualTo(AgeBucket.FROM_25_TO_34);
    assertThat(UserProfile.of("F", 17, 10).age()).isEqualTo(AgeBucket.UNDER_18);
  }

  @Test
  void acceptsTheBucketCodesThemselves() {
    for (AgeBucket b : AgeBucket.values()) {
      assertThat(UserProfile.of("F", b.code(), 0).age()).isEqualTo(b);
    }
  }

  @Test
  void rejectsAnImpossibleAge() {
    assertThatThrownBy(() -> UserProfile.of("M", 200, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("age 200");
    assertThatThrownBy(() -> UserProfile.of("M", -1, 5)).hasMessageContaining("age -1");
  }

  @Test
  void rejectsAnOccupationOutsideTheTwentyOneCodes() {
    assertThatThrownBy(() -> UserProfile.of("M", 25, 21))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("occupation code 21");
  }

  @Test
  void rejectsAnUnknownGender() {
    assertThatThrownBy(() -> UserProfile.of("X", 25, 1)).hasMessageContaining("gender code 'X'");
  }

  @Test
  void mapsMl100kStudentsByAge() {
    assertThat(Occupation.fromMl100kName("student", 16)).isEqualTo(Occupation.K12_STUDENT);
    assertThat(Occupation.fromMl100kName("Student", 21)).isEqualTo(Occupation.COLLEGE_GRAD_STUDENT);
  }
}
