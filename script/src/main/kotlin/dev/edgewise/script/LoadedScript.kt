package dev.edgewise.script

import dev.edgewise.dsl.LoadedSpec

/**
 * What a script declared, and what it cost to get it ready.
 *
 * @property parts the names of the custom topologies and datasets it registered
 * @property compileSeconds time spent compiling, or loading the compiled script from the cache
 * @property fromCache whether the compiled script came from the cache
 */
data class LoadedScript(
    val experiments: List<LoadedSpec>,
    val parts: List<String>,
    val compileSeconds: Double,
    val fromCache: Boolean,
)
