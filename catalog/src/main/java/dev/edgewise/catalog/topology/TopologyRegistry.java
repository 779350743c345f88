package dev.edgewise.catalog.topology;

import dev.edgewise.dsl.Names;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Topologies by the name a spec uses. Open: projects register their own shapes next to the
 * built-in ones ({@code ring, line, star, complete, grid, tree, random-geometric, erdos-renyi,
 * edges}). Thread-safe, so registration at start-up and lookups from parallel runs can mix.
 */
public final class TopologyRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final Map<String, TopologyFactory> factories = new TreeMap<>();

    /** A registry holding the built-in topologies. */
    public TopologyRegistry() {
        register("ring", p -> Topologies.ring(p.requireNodes()));
        register("line", p -> Topologies.line(p.requireNodes()));
        register("star", p -> Topologies.star(p.requireNodes()));
        register("complete", p -> Topologies.complete(p.requireNodes()));
        register("grid", TopologyRegistry::grid);
        register("tree", p -> Topologies.tree(p.requireNodes(), p.requireBranching()));
        register("random-geometric",
                p -> Topologies.randomGeometric(p.requireNodes(), p.requireRadius(), p.requireSeed()));
        register("erdos-renyi",
                p -> Topologies.erdosRenyi(p.requireNodes(), p.requireProbability(), p.requireSeed()));
        register("edges", p -> Topologies.edges(p.requireNodes(), p.requireEdges()));
    }

    /**
     * Adds a topology. Names are lower-case ({@code [a-z0-9][a-z0-9._-]*}) so spec files have one
     * spelling; a name cannot be registered twice, so a plug-in cannot silently replace a shape
     * that reference results depend on.
     */
    public synchronized TopologyRegistry register(String name, TopologyFactory factory) {
        Objects.requireNonNull(factory, "factory");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("topology name must match " + NAME + ", got '" + name + "'");
        }
        if (factories.containsKey(name)) {
            throw new IllegalArgumentException("topology '" + name + "' is already registered");
        }
        factories.put(name, factory);
        return this;
    }

    /** Builds the named topology; every error message starts with the topology's name. */
    public Graph create(String name, TopologyParams params) {
        TopologyFactory factory;
        synchronized (this) {
            factory = factories.get(name);
        }
        if (factory == null) {
            throw new IllegalArgumentException(unknown(name));
        }
        try {
            return factory.create(params == null ? TopologyParams.none() : params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("topology '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Registered names, sorted. */
    public synchronized Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(factories.keySet()));
    }

    private String unknown(String name) {
        Set<String> known = names();
        String suggestion = Optional.ofNullable(Names.nearest(String.valueOf(name), known))
                .map(n -> " (did you mean '" + n + "'?)")
                .orElse("");
        return "unknown topology '" + name + "'" + suggestion + "; known topologies: " + String.join(", ", known);
    }

    private static Graph grid(TopologyParams p) {
        int rows = p.requireRows();
        int cols = p.requireCols();
        // nodes is optional for a grid, but if given it must agree, or the spec contradicts itself.
        if (p.nodes() != null && p.nodes() != (long) rows * cols) {
            throw new IllegalArgumentException("nodes (" + p.nodes() + ") must equal rows x cols ("
                    + rows + " x " + cols + " = " + (long) rows * cols + ")");
        }
        return Topologies.grid(rows, cols);
    }
}
