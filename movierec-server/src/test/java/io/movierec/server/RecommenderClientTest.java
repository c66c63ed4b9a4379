package io.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.recommend.Recommender;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecommenderClientTest {

  private static Recommender recommender;
  private static RecommenderServer server;

  @BeforeAll
  static void start() throws Exception {
    recommender = new SmallRecommender().build();
    server =
        RecommenderServer.newBuilder(recommender)
            .withPort(0)
            .withIdleTimeout(Duration.ofMillis(300))
            .build();
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
    recommender.close();
  }

  @Test
  void answersManyRequestsOverOneConnection() throws Exception {
    try (RecommenderClient c = RecommenderClient.connect(server.url())) {
      for (int i = 0; i < 50; i++) {
        assertThat(c.get("/um?user=" + (1 + i % 30)).status()).isEqualTo(200);
      }
      assertThat(c.get("/metrics").body()).contains("\"connections\":1,");
    }
  }

  @Test
  void opensTheConnectionAgainAfterTheServerClosedItAsIdle() throws Exception {
    try (RecommenderClient c = RecommenderClient.connect(server.url())) {
      assertThat(c.get("/um?user=1").ok()).isTrue();
      Thread.sleep(900);
      assertThat(c.get("/um?user=2").ok()).isTrue();
    }
  }

  @Test
  void returnsAnErrorAnswerWithItsStatus() throws Exception {
    try (RecommenderClient c = RecommenderClient.connect(server.url())) {
      RecommenderClient.Reply r = c.get("/um?user=777");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.body()).contains("777");
    }
  }

  @Test
  void percentEncodesParameterValues() throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("user", "3");
    p.put("hide_genre", "Children's & Sci-Fi");
    assertThat(RecommenderClient.path("/as", p))
        .isEqualTo("/as?user=3&hide_genre=Children%27s%20%26%20Sci-Fi");
  }

  @Test
  void refusesAUrlWithAPath() {
    assertThatThrownBy(() -> RecommenderClient.connect("http://127.0.0.1:8080/as"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no path");
  }

  @Test
  void namesTheAddressWhenNothingListens() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (RecommenderClient c = RecommenderClient.connect("http://127.0.0.1:" + port)) {
      assertThatThrownBy(() -> c.get("/health"))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }
}
