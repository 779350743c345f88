package dev.edgewise.catalog;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.links.LinkModelRegistry;
import dev.edgewise.catalog.topology.TopologyFactory;
import dev.edgewise.catalog.topology.TopologyRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The named parts experiments refer to (topologies, datasets, link models), in one open registry per kind.
 * {@link #shared()} is the catalog the CLI and {@code Edgewise.run} compile against, so a part
 * registered there by Java code or by a script resolves from any YAML file read afterwards.
 */
public final class Catalog {

    private static final Catalog SHARED = new Catalog();

    private final TopologyRegistry topologies = new TopologyRegistry();
    private final DatasetRegistry datasets = new DatasetRegistry();
    private final LinkModelRegistry links = new LinkModelRegistry();
    private final Map<String, Replaceable<TopologyFactory>> reloadableTopologies = new HashMap<>();
    private final Map<String, Replaceable<Function<DataCache, ImageDataset>>> reloadableDatasets = new HashMap<>();

    /** A catalog with the built-in parts only; tests and embedders that want isolation make their own. */
    public Catalog() {}

    public static Catalog shared() {
        return SHARED;
    }

    public TopologyRegistry topologies() {
        return topologies;
    }

    public DatasetRegistry datasets() {
        return datasets;
    }

    /** Link models by their spec record; plug-ins register their own next to the built-ins. */
    public LinkModelRegistry links() {
        return links;
    }

    /**
     * Registers a topology for a source that may be loaded more than once in one JVM (a script
     * validated and then run, or reloaded by a test). The same origin registering a name again
     * replaces its own earlier factory; any other clash is refused, as {@link
     * TopologyRegistry#register} refuses it, so a script cannot replace a built-in shape.
     *
     * @param origin who registers, e.g. the script's path; named in the error of a clash
     */
    public synchronized void registerTopology(String name, TopologyFactory factory, String origin) {
        Objects.requireNonNull(factory, "factory");
        Replaceable<TopologyFactory> part = claim(reloadableTopologies, "topology", name, factory, origin);
        if (part != null) {
            topologies.register(name, params -> part.current.create(params));
            reloadableTopologies.put(name, part);
        }
    }

    /** Registers a dataset loader for a reloadable source; see {@link #registerTopology}. */
    public synchronized void registerDataset(String name, Function<DataCache, ImageDataset> loader, String origin) {
        Objects.requireNonNull(loader, "loader");
        Replaceable<Function<DataCache, ImageDataset>> part = claim(reloadableDatasets, "dataset", name, loader, origin);
        if (part != null) {
            datasets.register(name, cache -> part.current.apply(cache));
            reloadableDatasets.put(name, part);
        }
    }

    /** Replaces an earlier registration of the same origin and returns null, or returns a new part to register. */
    private static <T> Replaceable<T> claim(Map<String, Replaceable<T>> parts, String kind, String name, T value, String origin) {
        Objects.requireNonNull(origin, "origin");
        Replaceable<T> earlier = parts.get(name);
        if (earlier == null) {
            return new Replaceable<>(origin, value);
        }
        if (!earlier.origin.equals(origin)) {
            throw new IllegalArgumentException(kind + " '" + name + "' is already registered by " + earlier.origin);
        }
        earlier.current = value;
        return null;
    }

    /** A registered part whose implementation its origin may swap when it is loaded again. */
    private static final class Replaceable<T> {
        final String origin;
        volatile T current;

        Replaceable(String origin, T current) {
            this.origin = origin;
            this.current = current;
        }
    }
}
