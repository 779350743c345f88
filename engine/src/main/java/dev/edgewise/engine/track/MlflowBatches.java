package dev.edgewise.engine.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClientException;

/**
 * Params, tags and metrics sent with {@code runs/log-batch}, in requests within the server's limits.
 * Resending must never log a metric twice (MLflow keeps duplicate values), so the metrics of a
 * batch whose answer was lost are never resent by the request that lost it; {@code sync} sends
 * what the server's history lacks. Params (same value) and tags are idempotent and simply resent.
 */
final class MlflowBatches {

    /** Server limits per log-batch request (mlflow/utils/validation.py). */
    static final int MAX_METRICS_PER_BATCH = 1000;
    static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
    static final int MAX_ENTITIES_PER_BATCH = 1000;
    /** The server refuses bodies over 1 MB; stay well under it, leaving room for JSON framing. */
    static final int MAX_BATCH_BYTES = 800_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY_PAGE = 25_000;

    private final MlflowTransport transport;

    MlflowBatches(MlflowTransport transport) {
        this.transport = transport;
    }

    /** Sends all of the given params, tags and metrics to run {@code id}, in batches within the server's limits. */
    void sendAll(String id, Map<String, String> params, Map<String, String> tags, ArrayDeque<Service.Metric> metrics)
            throws IOException {
        while (!params.isEmpty() || !tags.isEmpty() || !metrics.isEmpty()) {
            sendOneBatch(id, params, tags, metrics);
        }
    }

    /** Sends one request's worth, taken from the front of each buffer; what the server accepted leaves the buffers. */
    void sendOneBatch(String id, Map<String, String> params, Map<String, String> tags, ArrayDeque<Service.Metric> metrics)
            throws IOException {
        List<Service.Param> batchParams = new ArrayList<>();
        List<Service.RunTag> batchTags = new ArrayList<>();
        List<Service.Metric> batchMetrics = new ArrayList<>();
        int bytes = 0;
        int entities = 0;
        // Params and tags first: they are few and the run page is most useful with them in place.
        for (Iterator<Map.Entry<String, String>> it = params.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> e = it.next();
            int size = size(e.getKey(), e.getValue());
            if (entities >= MAX_PARAMS_TAGS_PER_BATCH || (entities > 0 && bytes + size > MAX_BATCH_BYTES)) {
                break;
            }
            batchParams.add(Service.Param.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build());
            bytes += size;
            entities++;
        }
        for (Iterator<Map.Entry<String, String>> it = tags.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> e = it.next();
            int size = size(e.getKey(), e.getValue());
            if (entities >= MAX_PARAMS_TAGS_PER_BATCH || (entities > 0 && bytes + size > MAX_BATCH_BYTES)) {
                break;
            }
            batchTags.add(MlflowRuns.tag(e.getKey(), e.getValue()));
            bytes += size;
            entities++;
        }
        for (Service.Metric m : metrics) {
            int size = size(m.getKey(), "") + 64;
            if (batchMetrics.size() >= MAX_METRICS_PER_BATCH || entities >= MAX_ENTITIES_PER_BATCH
                    || (entities > 0 && bytes + size > MAX_BATCH_BYTES)) {
                break;
            }
            batchMetrics.add(m);
            bytes += size;
            entities++;
        }
        logBatch(id, batchMetrics, batchParams, batchTags);
        // Drop only what the server accepted; on failure everything stays buffered.
        batchParams.forEach(p -> params.remove(p.getKey()));
        batchTags.forEach(t -> tags.remove(t.getKey()));
        for (int i = 0; i < batchMetrics.size(); i++) {
            metrics.removeFirst();
        }
    }

    /**
     * One log-batch request, retried. After an error answer (a 5xx) the server is done with the
     * request, so the metrics are resent only if its history lacks them. After no answer at all (a
     * timeout) they are not resent: a frozen server may still apply the request after any check of
     * its history, and MLflow keeps every copy of a value. Params (same value) and tags are
     * idempotent and resent; the held-back metrics are left to {@code sync}, which reconciles them
     * by (key, step, timestamp, value) once the server has settled.
     *
     * @throws LostAnswerException when metrics were held back for that reason
     */
    private void logBatch(String id, List<Service.Metric> batchMetrics, List<Service.Param> batchParams, List<Service.RunTag> batchTags)
            throws IOException {
        String what = "logging a batch of " + batchParams.size() + " params, " + batchTags.size() + " tags and "
                + batchMetrics.size() + " metrics";
        List<Service.Metric> toSend = batchMetrics;
        boolean check = false;
        int heldBack = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                if (check) {
                    toSend = reconcile(id, toSend).missing();
                    check = false;
                }
                if (!toSend.isEmpty() || !batchParams.isEmpty() || !batchTags.isEmpty()) {
                    transport.client().logBatch(id, toSend, batchParams, batchTags);
                }
                if (heldBack > 0) {
                    throw new LostAnswerException("MLflow at " + transport.trackingUri() + ": no answer to a batch of " + heldBack
                            + " metric values; they are not resent, so none can be stored twice");
                }
                return;
            } catch (MlflowClientException | IOException e) {
                if (e instanceof LostAnswerException lost) {
                    throw lost;
                }
                boolean mayBeApplied = transport.mayRetry(what, e, attempt) && !toSend.isEmpty();
                if (mayBeApplied && unanswered(e)) {
                    heldBack += toSend.size();
                    toSend = List.of();
                } else {
                    check |= mayBeApplied;
                }
                transport.retrying(what, e, attempt);
            }
        }
    }

    /** No answer came: the server may be holding the request and apply it at any later time. */
    private static boolean unanswered(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Metrics not resent after a lost answer: the server may hold them already, or may still store them. */
    static final class LostAnswerException extends IOException {
        LostAnswerException(String message) {
            super(message);
        }
    }

    /**
     * The server's copies of {@code wanted} counted against the run store's: which values it lacks,
     * and which it holds more often than they were logged (a lost answer's request applied after a
     * resend by an older client; MLflow's API cannot delete one value, so they can only be reported).
     */
    record Reconciled(List<Service.Metric> missing, Map<String, Integer> extraCopies) {}

    Reconciled reconcile(String id, List<Service.Metric> wanted) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        wanted.forEach(m -> keys.add(m.getKey()));
        Map<MetricId, Integer> held = new HashMap<>();
        for (String key : keys) {
            for (Service.Metric m : history(id, key)) {
                held.merge(MetricId.of(m), 1, Integer::sum);
            }
        }
        List<Service.Metric> missing = new ArrayList<>();
        for (Service.Metric m : wanted) {
            MetricId mid = MetricId.of(m);
            Integer count = held.get(mid);
            if (count != null && count > 0) {
                held.put(mid, count - 1);
            } else {
                missing.add(m);
            }
        }
        Map<String, Integer> extra = new java.util.TreeMap<>();
        Set<MetricId> logged = new java.util.HashSet<>();
        wanted.forEach(m -> logged.add(MetricId.of(m)));
        held.forEach((mid, count) -> {
            if (count > 0 && logged.contains(mid)) {
                extra.merge(mid.key() + " at step " + mid.step(), count, Integer::sum);
            }
        });
        return new Reconciled(missing, extra);
    }

    /** A metric value's identity on the server; NaNs are one value. */
    private record MetricId(String key, long step, long timestamp, long valueBits) {

        static MetricId of(String key, double value, long step, long timestamp) {
            return new MetricId(key, step, timestamp, Double.doubleToLongBits(value));
        }

        static MetricId of(Service.Metric m) {
            return of(m.getKey(), m.getValue(), m.getStep(), m.getTimestamp());
        }
    }

    /** Every value of one metric on the server, page by page. Not retried: callers retry around it. */
    List<Service.Metric> history(String id, String key) throws IOException {
        List<Service.Metric> out = new ArrayList<>();
        String token = null;
        do {
            String path = "metrics/get-history?run_id=" + MlflowTransport.encode(id) + "&metric_key=" + MlflowTransport.encode(key)
                    + "&max_results=" + HISTORY_PAGE + (token == null ? "" : "&page_token=" + MlflowTransport.encode(token));
            JsonNode page;
            try {
                page = JSON.readTree(transport.client().sendGet(path));
            } catch (MlflowClientException e) {
                throw transport.failure("reading the history of metric '" + key + "'", e);
            }
            for (JsonNode m : page.path("metrics")) {
                JsonNode v = m.path("value");
                double value = v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
                out.add(metric(m.path("key").asText(key), value, m.path("step").asLong(), m.path("timestamp").asLong()));
            }
            token = page.path("next_page_token").asText("");
            token = token.isEmpty() ? null : token;
        } while (token != null);
        return out;
    }

    static Service.Metric metric(String key, double value, long step, long timestamp) {
        return Service.Metric.newBuilder().setKey(key).setValue(value).setStep(step).setTimestamp(timestamp).build();
    }

    /** Rough JSON size of one entity: UTF-8 can triple a char, escapes double it; err on the large side. */
    private static int size(String key, String value) {
        return 3 * (key.length() + value.length()) + 32;
    }
}
