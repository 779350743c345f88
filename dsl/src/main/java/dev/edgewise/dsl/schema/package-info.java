/**
 * The file format described from the spec records: the JSON Schema and the key reference, both
 * generated, so that they follow every key and variant added to the records.
 *
 * <p>Status: internal; the generated files are the public artefacts.
 */
package dev.edgewise.dsl.schema;
