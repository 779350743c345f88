package dev.edgewise.script

import dev.edgewise.catalog.Catalog
import dev.edgewise.catalog.data.DataCache
import dev.edgewise.dsl.LoadedSpec
import dev.edgewise.dsl.yaml.YamlSpecReader
import java.nio.file.Path

/** The experiments a file holds: one per YAML file, any number per Kotlin script. */
class LoadedFile(val file: Path, val experiments: List<LoadedSpec>, val script: LoadedScript?)

/** Reads experiment files of either kind, by extension: `*.kts` is a Kotlin script, anything else YAML. */
object ExperimentFiles {

    /** One host per JVM; compiled scripts are cached beside the data, in `<edgewise cache>/scripts`. */
    private val host by lazy { ScriptHost(ScriptCache(DataCache.fromEnvironment().dir("scripts"))) }

    /** Names the environment variable that sets [scriptTimeoutSeconds] when no option does. */
    const val TIMEOUT_ENV = "EDGEWISE_SCRIPT_TIMEOUT"

    /** Generous: a script declares experiments in milliseconds; minutes mean a loop that never ends. */
    const val DEFAULT_TIMEOUT_SECONDS = 300L

    /** How long a script may run (its body, not the compiler) before it is reported as not finishing. */
    @JvmStatic
    var scriptTimeoutSeconds: Long = System.getenv(TIMEOUT_ENV)?.trim()?.toLongOrNull()?.takeIf { it > 0 } ?: DEFAULT_TIMEOUT_SECONDS

    @JvmStatic
    fun isScript(file: Path): Boolean = file.fileName?.toString()?.endsWith(".kts") == true

    /**
     * Reads [file]; a script's custom parts are registered in [catalog] as it is read.
     *
     * @throws dev.edgewise.dsl.SpecException with every problem, at file:line:column
     */
    @JvmStatic
    fun load(file: Path, catalog: Catalog): LoadedFile =
        if (isScript(file)) {
            // Read before the host is made: refusing an oversized file must not wait for the compiler's setup.
            val script = host.load(file, YamlSpecReader.readText(file), catalog)
            LoadedFile(file, script.experiments, script)
        } else {
            LoadedFile(file, listOf(YamlSpecReader.read(file)), null)
        }
}
