/**
 * The one YAML reader: SnakeYAML composes the file with positions and limits, the strict binder
 * fills the spec records and reports every mistake at its line and column.
 *
 * <p>Status: {@code YamlSpecReader} is public API; {@code TreeBinder} is internal.
 */
package dev.edgewise.dsl.yaml;
