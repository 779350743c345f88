/**
 * Graphs of nodes: the built-in shapes (ring, line, star, grid, tree, random geometric,
 * Erdos-Renyi, explicit edges), seeded and reproducible, in an open registry.
 *
 * <p>Status: public API; {@code TopologyRegistry} takes user shapes.
 */
package dev.edgewise.catalog.topology;
