package io.movierec.server;

import io.movierec.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts per endpoint and status, and latency percentiles per endpoint, as {@code /metrics}
 * answers them. Endpoints are the server's own paths; any other path counts as {@code other}, so a
 * client cannot grow the table.
 */
final class ServerMetrics {

  /** The endpoint name for paths the server does not serve. */
  static final String OTHER = "other";

  private final List<String> endpoints;
  private final Map<String, Endpoint> byName = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();

  private static final class Endpoint {
    final LatencyHistogram latency = new LatencyHistogram();
    final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
  }

  ServerMetrics(List<String> endpoints) {
    List<String> all = new ArrayList<>(endpoints);
    all.add(OTHER);
    this.endpoints = List.copyOf(all);
    for (String e : this.endpoints) {
      byName.put(e, new Endpoint());
    }
  }

  /** The name requests to {@code path} are counted under. */
  String endpointOf(String path) {
    return byName.containsKey(path) ? path : OTHER;
  }

  /** Counts one answered request. */
  void record(String endpoint, int status, long micros) {
    Endpoint e = byName.get(endpointOf(endpoint));
    e.statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    e.latency.record(micros);
  }

  /** The requests answered with {@code status} at {@code endpoint} so far. */
  long count(String endpoint, int status) {
    LongAdder a = byName.get(endpointOf(endpoint)).statuses.get(status);
    return a == null ? 0 : a.sum();
  }

  /**
   * {@code {"uptime_s":…,"connections":…,"in_flight":…,"queued":…,"endpoints":{"/as":{"requests":N,
   * "statuses":{"200":N},"latency_ms":{"p50":…,"p90":…,"p99":…,"max":…}},…}}}, endpoints with no
   * request left out.
   */
  String json(int connections, int inFlight, int queued) {
    Json.Obj per = new Json.Obj();
    for (String name : endpoints) {
      Endpoint e = byName.get(name);
      LatencyHistogram.Snapshot s = e.latency.snapshot();
      if (s.total() == 0) {
        continue;
      }
      Json.Obj statuses = new Json.Obj();
      e.statuses.forEach((status, n) -> statuses.num(Integer.toString(status), n.sum()));
      Json.Obj latency =
          new Json.Obj()
              .raw("p50", millis(s.quantileMicros(0.50)))
              .raw("p90", millis(s.quantileMicros(0.90)))
              .raw("p99", millis(s.quantileMicros(0.99)))
              .raw("max", millis(s.maxMicros()));
      per.raw(
          name,
          new Json.Obj()
              .num("requests", s.total())
              .raw("statuses", statuses.toString())
              .raw("latency_ms", latency.toString())
              .toString());
    }
    return new Json.Obj()
        .num("uptime_s", (System.nanoTime() - startNanos) / 1_000_000_000L)
        .num("connections", connections)
        .num("in_flight", inFlight)
        .num("queued", queued)
        .raw("endpoints", per.toString())
        .toString();
  }

  private static String millis(long micros) {
    return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
  }
}
