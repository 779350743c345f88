package dev.edgewise.engine;

import dev.edgewise.catalog.Catalog;
import java.util.ServiceLoader;

/** Loads every {@link Plugin} on the classpath into the shared catalog, once per JVM. */
public final class Plugins {

    private static boolean loaded;

    private Plugins() {}

    /** Idempotent; safe to call from every entry point. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            plugin.register(Catalog.shared());
        }
    }
}
