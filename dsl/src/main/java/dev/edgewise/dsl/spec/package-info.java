/**
 * The spec records: one immutable record per section, defaults and docs as annotations, and
 * sections whose keys depend on their kind ({@link dev.edgewise.dsl.spec.Variants}: model
 * families, exchanges, link models, tasks, loss terms). Plug-ins add variants with
 * {@link dev.edgewise.dsl.spec.SpecVariants#register}.
 *
 * <p>Status: public API.
 */
package dev.edgewise.dsl.spec;
