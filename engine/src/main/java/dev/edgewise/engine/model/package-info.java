/**
 * DJL blocks the families are built from: layer stacks as blocks, the C-RNN, the split network,
 * message quantization, initialisers.
 *
 * <p>Status: internal.
 */
package dev.edgewise.engine.model;
