package dev.edgewise.script

import com.fasterxml.jackson.annotation.JsonValue
import dev.edgewise.catalog.Catalog
import dev.edgewise.dsl.builder.Experiment
import java.io.File
import kotlin.script.experimental.annotations.KotlinScript
import kotlin.script.experimental.api.ScriptAcceptedLocation
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.ScriptEvaluationConfiguration
import kotlin.script.experimental.api.acceptedLocations
import kotlin.script.experimental.api.defaultImports
import kotlin.script.experimental.api.ide
import kotlin.script.experimental.jvm.baseClassLoader
import kotlin.script.experimental.jvm.jvm
import kotlin.script.experimental.jvm.updateClasspath

/** What every experiment script sees without importing it. */
internal val DEFAULT_IMPORTS = listOf(
    "dev.edgewise.script.*",
    "dev.edgewise.dsl.builder.Experiment",
    "dev.edgewise.dsl.builder.Topology",
    "dev.edgewise.dsl.builder.Task",
    "dev.edgewise.dsl.builder.Variant",
    "dev.edgewise.dsl.spec.*",
    "dev.edgewise.dsl.spec.PeerExchangeSpec.Gate",
    "dev.edgewise.dsl.spec.PeerExchangeSpec.Aggregation",
    "dev.edgewise.dsl.spec.UpwardExchangeSpec.Route",
    "dev.edgewise.dsl.spec.UpwardExchangeSpec.Lost",
    "dev.edgewise.dsl.spec.TrainingSpec.Optimizer",
    "dev.edgewise.catalog.topology.*",
    "dev.edgewise.catalog.data.DataCache",
    "dev.edgewise.catalog.data.ImageDataset",
)

object ExperimentScriptCompilation : ScriptCompilationConfiguration({
    defaultImports(DEFAULT_IMPORTS)
    jvm { updateClasspath(ScriptClasspath.files) }
    ide { acceptedLocations(ScriptAcceptedLocation.Everywhere) }
})

object ExperimentScriptEvaluation : ScriptEvaluationConfiguration({
    // The script's base class must be the host's, or the host cannot read what the script declared.
    jvm { baseClassLoader(ExperimentScript::class.java.classLoader) }
})

/**
 * What scripts compile against: the DSL, the spec and catalog types, the Kotlin standard library.
 * Named jar by jar rather than "the whole classpath" because the launcher's classpath also holds
 * DJL and a 100 MB native library that the compiler would index for nothing.
 */
internal object ScriptClasspath {
    val files: List<File> by lazy {
        listOf(
            ExperimentScript::class.java,
            Experiment::class.java,
            Catalog::class.java,
            Unit::class.java,
            KotlinScript::class.java,
            // SpecEnum's @JsonValue: without it the compiler cannot read the enums' annotations.
            JsonValue::class.java,
        ).map { File(it.protectionDomain.codeSource.location.toURI()) }.distinct()
    }
}
