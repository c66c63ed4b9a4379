package io.movierec.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example in README.md — the fenced {@code java} block right after the {@code <!--
 * readme-snippet -->} line — compiles against the libraries on the test class path.
 */
class ReadmeSnippetTest {

  private static final String MARKER = "<!-- readme-snippet -->";
  private static final Pattern CLASS_NAME =
      Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");

  @TempDir Path dir;

  @Test
  void theReadmeJavaExampleCompilesAgainstTheLibraries() throws IOException {
    String snippet = snippet(Files.readString(readme(), StandardCharsets.UTF_8));

    List<String> errors = compile(snippet, dir);

    assertThat(errors)
        .as(
            "the Java example in %s (after %s) does not compile:%n%s",
            readme(), MARKER, String.join("\n", errors))
        .isEmpty();
  }

  @Test
  void aBrokenExampleFailsWithTheCompilersMessage() throws IOException {
    String snippet = snippet(Files.readString(readme(), StandardCharsets.UTF_8));
    String broken = snippet.replace(".recommend(", ".recommendPlease(");
    assertThat(broken).isNotEqualTo(snippet);

    List<String> errors = compile(broken, dir);

    assertThat(errors)
        .anySatisfy(e -> assertThat(e).contains("cannot find symbol").contains("recommendPlease"));
  }

  @Test
  void extractsTheJavaBlockAfterTheMarker() {
    String readme =
        String.join(
            "\n",
            "# Title",
            "```java",
            "class NotThisOne {}",
            "```",
            MARKER,
            "```java",
            "public class Example {",
            "}",
            "```",
            "after");

    assertThat(snippet(readme)).isEqualTo("public class Example {\n}\n");
  }

  @Test
  void rejectsAReadmeWithoutTheMarker() {
    assertThatThrownBy(() -> snippet("# Title\n```java\nclass A {}\n```\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(MARKER);
  }

  @Test
  void rejectsAMarkerNotFollowedByAJavaBlock() {
    assertThatThrownBy(() -> snippet(MARKER + "\nsome text\n```java\nclass A {}\n```\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("```java");
  }

  /** README.md of the repository: the build passes its path; ../README.md otherwise. */
  private static Path readme() {
    return Path.of(System.getProperty("movierec.readme", "../README.md"))
        .toAbsolutePath()
        .normalize();
  }

  /** The lines of the fenced {@code java} block that starts on the line after the marker. */
  static String snippet(String readme) {
    List<String> lines = readme.lines().toList();
    int marker = lines.indexOf(MARKER);
    if (marker < 0) {
      throw new IllegalArgumentException("README.md has no line " + MARKER);
    }
    if (marker + 1 >= lines.size() || !lines.get(marker + 1).strip().equals("```java")) {
      throw new IllegalArgumentException(
          "line "
              + (marker + 2)
              + " of README.md, after "
              + MARKER
              + ", must open the example with ```java");
    }
    StringBuilder code = new StringBuilder();
    for (int i = marker + 2; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("```")) {
        return code.toString();
      }
      code.append(lines.get(i)).append('\n');
    }
    throw new IllegalArgumentException(
        "the ```java block after " + MARKER + " (line " + (marker + 1) + ") is never closed");
  }

  /**
   * Compiles one source file into {@code dir} against the test class path; returns the compiler's
   * errors, each as {@code example line N: message}.
   */
  private static List<String> compile(String source, Path dir) throws IOException {
    Matcher m = CLASS_NAME.matcher(source);
    assertThat(m.find()).as("the example declares a public class:%n%s", source).isTrue();
    Path file = dir.resolve(m.group(1) + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    // Surefire runs tests from a manifest-only jar; it passes the real class path separately.
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler).as("a JDK compiler (the tests run on a JRE?)").isNotNull();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "--release", "17", "-proc:none", "-classpath", classPath, "-d", classes.toString());
      compiler
          .getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file))
          .call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add("example line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }
}
