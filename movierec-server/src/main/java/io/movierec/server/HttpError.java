package io.movierec.server;

/** A request the server answers with an error status and a JSON message, not a stack trace. */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** A 400: the client got a parameter wrong. */
  static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  int status() {
    return status;
  }
}
