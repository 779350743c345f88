/**
 * Named, reusable parts that experiment files refer to, in open registries: datasets,
 * topologies, layer stacks, link models. {@link dev.edgewise.catalog.Catalog} is the entry point.
 * Knows no tensor library and no tracker.
 *
 * <p>Status: public API; registering a part is how Java code and scripts extend edgewise.
 */
package dev.edgewise.catalog;
