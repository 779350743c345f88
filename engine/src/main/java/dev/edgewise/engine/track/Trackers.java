package dev.edgewise.engine.track;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the MLflow tracker the way MLflow users expect: from {@code MLFLOW_TRACKING_URI}. */
public final class Trackers {

    public static final String TRACKING_URI_ENV = "MLFLOW_TRACKING_URI";
    public static final Path DEFAULT_MLRUNS = Path.of("mlruns");

    private static final Logger log = LoggerFactory.getLogger(Trackers.class);

    private Trackers() {}

    /** {@link #fromEnvironment(Path)} with the default {@code ./mlruns}. */
    public static RunSink fromEnvironment() {
        return fromEnvironment(DEFAULT_MLRUNS);
    }

    /**
     * An {@link MlflowRestTracker} when MLFLOW_TRACKING_URI is an http(s) URL (credentials from
     * MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD), an {@link MlflowFileStore} at that
     * path when it is a {@code file:} URI or a plain path, else an {@link MlflowFileStore} at
     * {@code mlrunsRoot}.
     *
     * @throws IllegalArgumentException for any other URI (databricks, sqlite:, postgresql:, ...)
     */
    public static RunSink fromEnvironment(Path mlrunsRoot) {
        return fromEnvironment(System.getenv(), mlrunsRoot);
    }

    static RunSink fromEnvironment(Map<String, String> env, Path mlrunsRoot) {
        String uri = env.get(TRACKING_URI_ENV);
        if (uri == null || uri.isBlank()) {
            return new MlflowFileStore(mlrunsRoot);
        }
        uri = uri.strip();
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            return new MlflowRestTracker(uri, MlflowRestTracker.Credentials.fromEnvironment(env));
        }
        if (uri.startsWith("file:")) {
            Path path = Path.of(fileUriPath(uri));
            log.info("{}={}: logging to the MLflow file store at {}", TRACKING_URI_ENV, uri, path.toAbsolutePath());
            return new MlflowFileStore(path);
        }
        // A scheme is two or more letters before ':'; one letter is a Windows drive ("C:\mlruns").
        if (uri.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") || uri.equals("databricks")) {
            throw new IllegalArgumentException(TRACKING_URI_ENV + "=" + uri + " is not supported: edgewise logs to"
                    + " an MLflow tracking server (http:// or https://) or to an MLflow file store (a path or a"
                    + " file: URI). For a database backend, run `mlflow server --backend-store-uri " + uri
                    + "` and set " + TRACKING_URI_ENV + " to that server's http:// address.");
        }
        log.info("{}={}: logging to the MLflow file store at {}", TRACKING_URI_ENV, uri, Path.of(uri).toAbsolutePath());
        return new MlflowFileStore(Path.of(uri));
    }

    /** The local path of a file: URI as MLflow reads it: file:///abs, file://localhost/abs or file:rel. */
    static String fileUriPath(String uri) {
        String rest = uri.substring("file:".length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "/" : rest.substring(slash);
        }
        return URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
