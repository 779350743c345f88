package dev.edgewise.engine.track;

import java.nio.file.Path;

/** Checks the relative artifact paths of {@link RunEvent.Artifact} before anything touches disk. */
final class ArtifactPaths {

    private ArtifactPaths() {}

    /**
     * Returns {@code path} unchanged if it is a clean relative path with forward slashes; the same
     * rule serves the run store, the MLflow file store and the artifact upload URL.
     */
    static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("artifact path is empty");
        }
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("artifact path must use forward slashes: " + path);
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("artifact path must be relative: " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("artifact path must not contain '..': " + path);
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw new IllegalArgumentException("artifact path has an empty or '.' segment: " + path);
            }
        }
        return path;
    }

    /** Where {@code path} lives under {@code dir}; never outside it. */
    static Path resolve(Path dir, String path) {
        check(path);
        Path base = dir.toAbsolutePath().normalize();
        Path target = base.resolve(path).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw new IllegalArgumentException("artifact path escapes the artifacts folder: " + path);
        }
        return target;
    }
}
