/**
 * Layer stacks as data: shapes, parameters and FLOPs of each layer by the papers' counting
 * conventions, computed without building a network, so that counts can be checked before training.
 *
 * <p>Status: public API for families; the layer records follow the spec's layer keys.
 */
package dev.edgewise.catalog.layers;
