package dev.edgewise.catalog.topology;

/**
 * Builds a graph from a spec's parameters. Throw {@link IllegalArgumentException} for bad or
 * missing parameters; the registry adds the topology's name to the message.
 */
@FunctionalInterface
public interface TopologyFactory {

    Graph create(TopologyParams params);
}
