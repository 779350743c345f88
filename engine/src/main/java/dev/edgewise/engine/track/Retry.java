package dev.edgewise.engine.track;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.mlflow.tracking.MlflowHttpException;

/**
 * When and how often a request to a tracking server is tried again, and whether a failed request
 * may still have been applied: that decides whether resending it could log something twice.
 *
 * @param attempts tries in all, the first included
 * @param firstBackoff wait before the second try; it doubles (with ±20 % jitter) up to {@code maxBackoff}
 */
public record Retry(int attempts, Duration firstBackoff, Duration maxBackoff) {

    /** Five tries over about 7.5 s: rides out a restart or a short network blip, not an outage. */
    public static final Retry DEFAULT = new Retry(5, Duration.ofMillis(500), Duration.ofSeconds(4));

    /** One try: for tests that want a failure to surface at once. */
    public static final Retry NONE = new Retry(1, Duration.ZERO, Duration.ZERO);

    public Retry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** What a failure says about the request. */
    enum Outcome {
        /** The server never got it (connection refused, rate limited): resend as is. */
        NOT_APPLIED,
        /** It may have been applied (timeout, reset, 5xx): check before resending anything not idempotent. */
        AMBIGUOUS,
        /** It will fail again (4xx: bad key, conflicting param, missing run): give up. */
        PERMANENT
    }

    static Outcome classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MlflowHttpException http) {
                return status(http.getStatusCode());
            }
            if (t instanceof HttpStatusException http) {
                return status(http.status());
            }
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return Outcome.NOT_APPLIED;
            }
        }
        if (failure instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return Outcome.PERMANENT;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return Outcome.AMBIGUOUS;
            }
        }
        return Outcome.PERMANENT;
    }

    private static Outcome status(int code) {
        if (code == 429) {
            return Outcome.NOT_APPLIED;
        }
        return code >= 500 ? Outcome.AMBIGUOUS : Outcome.PERMANENT;
    }

    /** Waits before try {@code next} (2 for the first retry). */
    void pause(int next) throws InterruptedIOException {
        long base = Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(20, next - 2));
        long wait = Math.round(base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    /** A non-2xx answer to a request sent with the JDK's client, so it is classified like the MLflow client's. */
    static final class HttpStatusException extends IOException {
        private final int status;

        HttpStatusException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
