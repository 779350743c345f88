package dev.edgewise.engine.track;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Field;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow_project.apachehttp.client.config.RequestConfig;
import org.mlflow_project.apachehttp.impl.client.HttpClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way to one MLflow server: the official client for the tracking API, a plain HTTP client for
 * what the Java client lacks (the artifact proxy, a quiet experiment lookup), and the retry policy
 * both share.
 *
 * <p>The 2.17 client has no timeouts (a server that stops answering would hold a request forever)
 * and itself resends any 4xx or 5xx three times at once, which would defeat the checks the callers
 * make before resending a request that may have been applied. Its HTTP client is only reachable by
 * reflection; this replaces it with one that has timeouts and no automatic retries, and turns the
 * client's own retries off. If that fails (another client version), a warning says so and logging
 * still works, without timeouts.
 */
final class MlflowTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MlflowTransport.class);
    private static final AtomicBoolean WARNED_CLIENT = new AtomicBoolean();

    /** One try of a request; {@link #retried} tries again. */
    interface Attempt<T> {
        T run() throws IOException;
    }

    /** One call through the MLflow client, which reports failures unchecked. */
    interface ClientCall<T> {
        T run();
    }

    private final String trackingUri;
    private final MlflowRestTracker.Credentials credentials;
    private final MlflowRestTracker.Resilience resilience;
    private final MlflowClient client;
    private final HttpClient http;

    /** {@code trackingUri} is checked and has no trailing slash. */
    MlflowTransport(String trackingUri, MlflowRestTracker.Credentials credentials, MlflowRestTracker.Resilience resilience) {
        this.trackingUri = trackingUri;
        this.credentials = credentials;
        this.resilience = resilience;
        BasicMlflowHostCreds creds = credentials.token() != null
                ? new BasicMlflowHostCreds(trackingUri, credentials.token())
                : new BasicMlflowHostCreds(trackingUri, credentials.username(), credentials.password());
        this.client = new MlflowClient(creds);
        configureClient(client, resilience);
        this.http = HttpClient.newBuilder().connectTimeout(resilience.connectTimeout()).build();
    }

    /** Gives the client's HTTP layer timeouts and takes its own retries away (see the class comment). */
    private static void configureClient(MlflowClient client, MlflowRestTracker.Resilience resilience) {
        try {
            Field callerField = MlflowClient.class.getDeclaredField("httpCaller");
            callerField.setAccessible(true);
            Object caller = callerField.get(client);
            Class<?> callerClass = caller.getClass();
            RequestConfig timeouts = RequestConfig.custom()
                    .setConnectTimeout((int) resilience.connectTimeout().toMillis())
                    .setConnectionRequestTimeout((int) resilience.connectTimeout().toMillis())
                    .setSocketTimeout((int) resilience.requestTimeout().toMillis())
                    .build();
            Field httpClient = callerClass.getDeclaredField("httpClient");
            httpClient.setAccessible(true);
            httpClient.set(caller, HttpClientBuilder.create().setDefaultRequestConfig(timeouts).disableAutomaticRetries().build());
            Field attempts = callerClass.getDeclaredField("maxRetryAttempts");
            attempts.setAccessible(true);
            attempts.setInt(caller, 1);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (WARNED_CLIENT.compareAndSet(false, true)) {
                log.warn("could not give the MLflow client timeouts ({}): a server that stops answering will hold up"
                        + " its tracker until the run ends; the run itself is not held up", e.toString());
            }
        }
    }

    String trackingUri() {
        return trackingUri;
    }

    MlflowClient client() {
        return client;
    }

    MlflowRestTracker.Resilience resilience() {
        return resilience;
    }

    @Override
    public void close() {
        client.close();
    }

    /** An idempotent request, tried again after any failure that is not permanent. */
    <T> T retried(String what, Attempt<T> attempt) throws IOException {
        for (int i = 1; ; i++) {
            try {
                return attempt.run();
            } catch (MlflowClientException | IOException e) {
                if (Retry.classify(e) == Retry.Outcome.PERMANENT || i >= resilience.retry().attempts()) {
                    throw failure(what, e);
                }
                retrying(what, e, i);
            }
        }
    }

    /** An idempotent call through the MLflow client, retried. */
    <T> T call(String what, ClientCall<T> action) throws IOException {
        return retried(what, action::run);
    }

    /** Whether a failed try may be followed by another; throws the failure when not. */
    boolean mayRetry(String what, Exception e, int attempt) throws IOException {
        Retry.Outcome outcome = Retry.classify(e);
        if (outcome == Retry.Outcome.PERMANENT || attempt >= resilience.retry().attempts()) {
            throw failure(what, e);
        }
        return outcome == Retry.Outcome.AMBIGUOUS;
    }

    /** Waits before the next try. */
    void retrying(String what, Exception e, int attempt) throws IOException {
        log.debug("MLflow at {}: {} failed (try {} of {}): {}", trackingUri, what, attempt, resilience.retry().attempts(), e.toString());
        resilience.retry().pause(attempt + 1);
    }

    /** One message for every way a request can fail, naming the server and what was being done. */
    IOException failure(String what, Exception e) {
        if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith("MLflow at ")) {
            return io;
        }
        if (e instanceof MlflowHttpException h) {
            return new IOException("MLflow at " + trackingUri + ": " + what + " failed: HTTP " + h.getStatusCode() + " "
                    + abbreviate(h.getBodyMessage()), e);
        }
        Throwable cause = e instanceof MlflowClientException && e.getCause() != null ? e.getCause() : e;
        return new IOException("MLflow at " + trackingUri + ": " + what + " failed: " + cause, e);
    }

    /** One plain HTTP request with the credentials, not retried. */
    <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, String what) throws IOException {
        credentials.authorizationHeader().ifPresent(h -> request.header("Authorization", h));
        HttpRequest built = request.build();
        try {
            return http.send(built, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted " + what + " at " + built.uri());
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request, String what) throws IOException {
        return send(request, HttpResponse.BodyHandlers.ofString(), what);
    }

    /** The response if it is a 2xx; otherwise a failure whose status {@link Retry} can classify. */
    <T> HttpResponse<T> ok(HttpResponse<T> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            String body = response.body() instanceof String text ? " " + abbreviate(text) : "";
            throw new Retry.HttpStatusException(response.statusCode(), "MLflow at " + trackingUri + ": " + what + " failed: HTTP "
                    + response.statusCode() + body);
        }
        return response;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}
