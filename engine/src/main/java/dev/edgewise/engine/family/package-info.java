/**
 * Model families as plug-ins: {@link dev.edgewise.engine.family.ModelFamily} is the one interface
 * a kind of network implements (check, count, inspect, train and evaluate through the shared
 * loops, figures), and {@link dev.edgewise.engine.family.FamilyRegistry} the one place that picks
 * code by family. Built-ins live in sub-packages, one each.
 *
 * <p>Status: public SPI, experimental.
 */
package dev.edgewise.engine.family;
