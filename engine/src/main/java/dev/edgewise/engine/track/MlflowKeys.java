package dev.edgewise.engine.track;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * MLflow's rules for param, metric and tag keys (mlflow/utils/validation.py), checked on our side
 * so a bad key fails with a message naming it instead of as a server error or a stray file.
 */
final class MlflowKeys {

    static final int MAX_KEY_LENGTH = 250;

    // Python's \w is Unicode-aware; Java's is ASCII-only unless told otherwise.
    private static final Pattern ALLOWED = Pattern.compile("^[/\\w.\\- ]*$", Pattern.UNICODE_CHARACTER_CLASS);

    private MlflowKeys() {}

    /** {@code kind} is "param", "metric" or "tag", for the message. */
    static String check(String kind, String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("MLflow " + kind + " key is empty");
        }
        if (!ALLOWED.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid MLflow " + kind + " key '" + key
                    + "': keys may only contain alphanumerics, underscores (_), dashes (-), periods (.),"
                    + " spaces ( ) and slashes (/)");
        }
        if (!isNormalPath(key)) {
            throw new IllegalArgumentException("invalid MLflow " + kind + " key '" + key
                    + "': MLflow stores keys as file paths, so a key must not start with '/' or '..',"
                    + " nor contain empty, '.' or '..' segments");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("invalid MLflow " + kind + " key '" + key
                    + "': longer than " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    /** The file a key maps to under {@code dir}: a key with '/' becomes nested folders, as in MLflow. */
    static Path file(Path dir, String key) {
        Path p = dir;
        for (String segment : key.split("/")) {
            p = p.resolve(segment);
        }
        return p;
    }

    // Mirrors MLflow's path_not_unique(): posixpath.normpath(key) must give the key back unchanged.
    private static boolean isNormalPath(String key) {
        if (key.startsWith("..") || key.startsWith("/")) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
