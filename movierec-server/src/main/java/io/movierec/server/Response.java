package io.movierec.server;

import io.movierec.json.Json;
import java.util.Map;

/**
 * A response before it is framed: status, JSON body and any extra headers.
 *
 * @param status the HTTP status code
 * @param body the JSON text
 * @param headers extra headers ({@code Allow}, {@code Retry-After}); none usually
 */
record Response(int status, String body, Map<String, String> headers) {

  Response {
    headers = Map.copyOf(headers);
  }

  static Response ok(String body) {
    return new Response(200, body, Map.of());
  }

  /** {@code {"error":"…","status":N}}. */
  static Response error(int status, String message) {
    return error(status, message, Map.of());
  }

  static Response error(int status, String message, Map<String, String> headers) {
    return new Response(
        status, new Json.Obj().text("error", message).num("status", status).toString(), headers);
  }

  /** The reason phrase of the statuses the server answers. */
  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + status;
    };
  }
}
