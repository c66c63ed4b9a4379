package io.movierec.data;

import java.nio.file.Path;

/** TEMPORARY placeholder; replaced by the readers' version on merge. */
public class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Path file;
  private final long lineNumber;
  private final String field;
  private final String value;

  public DataFormatException(Path file, long lineNumber, String field, String value, String problem) {
    super((file == null ? "?" : file.getFileName()) + " line " + lineNumber
        + (field == null ? "" : ", field " + field) + ": "
        + (value == null ? "" : "\"" + value + "\" ") + problem);
    this.file = file;
    this.lineNumber = lineNumber;
    this.field = field;
    this.value = value;
  }

  public Path file() { return file; }
  public long lineNumber() { return lineNumber; }
  public String field() { return field; }
  public String value() { return value; }
}
