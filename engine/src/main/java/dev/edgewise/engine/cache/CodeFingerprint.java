package dev.edgewise.engine.cache;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.ExperimentSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What code produced a run: a SHA-256 over edgewise's own compiled classes (dsl, catalog and
 * engine), by name and content.
 *
 * <p>The git commit says which sources were checked out but not whether they were edited since, and
 * a jar's own hash changes with every rebuild (timestamps); the class bytes change exactly when the
 * code does, wherever the classes are loaded from (a jar or {@code target/classes}). Third-party
 * code is identified separately by version (DJL, the engine and its native library).
 */
public final class CodeFingerprint {

    private static volatile String cached;

    private CodeFingerprint() {}

    /** {@code sha256:<hex>} of the loaded edgewise classes; computed once per JVM. */
    public static String current() {
        String value = cached;
        if (value == null) {
            value = compute(List.of(ExperimentSpec.class, ImageDataset.class, CodeFingerprint.class));
            cached = value;
        }
        return value;
    }

    static String compute(List<Class<?>> anchors) {
        TreeMap<String, byte[]> classes = new TreeMap<>();
        List<Path> seen = new ArrayList<>();
        for (Class<?> anchor : anchors) {
            Path location = location(anchor);
            if (location == null || seen.contains(location)) {
                continue;
            }
            seen.add(location);
            try {
                collect(location, classes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read edgewise's classes at " + location, e);
            }
        }
        MessageDigest digest = sha256();
        for (var entry : classes.entrySet()) {
            digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(entry.getValue());
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static Path location(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void collect(Path location, TreeMap<String, byte[]> into) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = location.relativize(file).toString().replace('\\', '/');
                    if (name.startsWith("dev/edgewise/")) {
                        into.put(name, Files.readAllBytes(file));
                    }
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("dev/edgewise/") && entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        into.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
