package io.movierec.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * How {@link MovieLensDataset} reads a directory. Build one with {@link #newBuilder()}:
 *
 * <pre>{@code
 * ReadOptions options = ReadOptions.newBuilder().withLenient(true).withMaxProblemsKept(20).build();
 * }</pre>
 *
 * <p>Strict reading (the default) throws a {@link MalformedDataException} on the first bad line.
 * Lenient reading skips bad lines, counts them and keeps the first few problems in the {@link
 * ReadSummary}. Missing and empty files are errors in both modes.
 */
public final class ReadOptions {

  /** Strict by default: the first bad line throws. */
  public static final boolean DEFAULT_LENIENT = false;

  /** How many problems a lenient read keeps for its summary by default. */
  public static final int DEFAULT_MAX_PROBLEMS_KEPT = 5;

  /** By default a directory without its ratings file is an error. */
  public static final boolean DEFAULT_RATINGS_REQUIRED = true;

  private static final byte[] ASCII_PROBE = "azAZ09:|,\t\r\n\"".getBytes(StandardCharsets.US_ASCII);

  private final boolean lenient;
  private final Charset charset;
  private final int maxProblemsKept;
  private final boolean ratingsRequired;
  private final MovieLensFormat format;

  private ReadOptions(Builder builder) {
    this.lenient = builder.lenient;
    this.charset = builder.charset;
    this.maxProblemsKept = builder.maxProblemsKept;
    this.ratingsRequired = builder.ratingsRequired;
    this.format = builder.format;
  }

  /** A builder that starts from the defaults. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The defaults: strict, the format's own charset, ratings required, format detected. */
  public static ReadOptions defaults() {
    return newBuilder().build();
  }

  /** True if bad lines are skipped and counted rather than thrown. */
  public boolean lenient() {
    return lenient;
  }

  /** The charset to read every file with, if it overrides the format's default. */
  public Optional<Charset> charset() {
    return Optional.ofNullable(charset);
  }

  /** How many problems a lenient read keeps for its {@link ReadSummary}. */
  public int maxProblemsKept() {
    return maxProblemsKept;
  }

  /** True if opening a directory without its ratings file is an error. */
  public boolean ratingsRequired() {
    return ratingsRequired;
  }

  /** The format to read, if it overrides detection. */
  public Optional<MovieLensFormat> format() {
    return Optional.ofNullable(format);
  }

  @Override
  public String toString() {
    return "ReadOptions{lenient="
        + lenient
        + ", charset="
        + (charset == null ? "format default" : charset)
        + ", maxProblemsKept="
        + maxProblemsKept
        + ", ratingsRequired="
        + ratingsRequired
        + ", format="
        + (format == null ? "detected" : format)
        + "}";
  }

  /** Builds {@link ReadOptions}; every setting starts at its default. */
  public static final class Builder {
    private boolean lenient = DEFAULT_LENIENT;
    private Charset charset;
    private int maxProblemsKept = DEFAULT_MAX_PROBLEMS_KEPT;
    private boolean ratingsRequired = DEFAULT_RATINGS_REQUIRED;
    private MovieLensFormat format;

    private Builder() {}

    /** Skip and count bad lines ({@code true}) or throw on the first one ({@code false}). */
    public Builder withLenient(boolean lenient) {
      this.lenient = lenient;
      return this;
    }

    /**
     * Reads every file with {@code charset} instead of the format's default (ISO-8859-1 for ml-1m
     * and ml-100k, UTF-8 for CSV). The charset must write ASCII as single bytes and must not use
     * ASCII bytes inside other characters: UTF-8, US-ASCII and the one-byte charsets qualify;
     * UTF-16 does not.
     *
     * @throws IllegalArgumentException if {@code charset} does not qualify
     */
    public Builder withCharset(Charset charset) {
      checkNotNull(charset, "charset");
      boolean asciiCompatible =
          Arrays.equals(
              new String(ASCII_PROBE, StandardCharsets.US_ASCII).getBytes(charset), ASCII_PROBE);
      boolean singleByteOrUtf8 =
          charset.equals(StandardCharsets.UTF_8) || charset.newEncoder().maxBytesPerChar() == 1f;
      checkArgument(
          asciiCompatible && singleByteOrUtf8,
          "charset %s cannot be split on ASCII separators; use UTF-8 or a one-byte charset",
          charset);
      this.charset = charset;
      return this;
    }

    /**
     * How many problems a lenient read keeps for its summary ({@link #DEFAULT_MAX_PROBLEMS_KEPT});
     * the rest are only counted.
     *
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public Builder withMaxProblemsKept(int max) {
      checkArgument(max >= 0, "maxProblemsKept must not be negative, got %s", max);
      this.maxProblemsKept = max;
      return this;
    }

    /**
     * Whether a directory without its ratings file is an error ({@link #DEFAULT_RATINGS_REQUIRED}).
     * Pass {@code false} to read only the users and movies of a directory that has no ratings.
     */
    public Builder withRatingsRequired(boolean required) {
      this.ratingsRequired = required;
      return this;
    }

    /** Reads the directory as {@code format} instead of detecting it from its files. */
    public Builder withFormat(MovieLensFormat format) {
      this.format = checkNotNull(format, "format");
      return this;
    }

    /** The options. */
    public ReadOptions build() {
      return new ReadOptions(this);
    }
  }
}
