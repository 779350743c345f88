package dev.edgewise.engine;

import dev.edgewise.catalog.Catalog;

/**
 * Adds parts to edgewise from a jar on the classpath: model families, tasks, loss terms, link
 * models, datasets, topologies. A plug-in names its class in
 * {@code META-INF/services/dev.edgewise.engine.Plugin}; every JVM edgewise starts (the CLI, each
 * sweep point's child JVM, {@link Edgewise}) loads it once before reading any experiment file, so
 * files can use its kinds and names.
 *
 * <p>Status: public SPI, experimental.
 *
 * <pre>{@code
 * public final class MyPlugin implements Plugin {
 *     public void register(Catalog catalog) {
 *         FamilyRegistry.register(new MyFamily());           // model: {kind: my-family}
 *         TaskRegistry.register(MyTaskSpec.class, s -> new MyTask());
 *         catalog.registerDataset("my-data", MyData::load, "my-plugin");
 *     }
 * }
 * }</pre>
 */
public interface Plugin {

    /** Registers the plug-in's parts; {@code catalog} is the shared catalog files resolve names in. */
    void register(Catalog catalog);
}
