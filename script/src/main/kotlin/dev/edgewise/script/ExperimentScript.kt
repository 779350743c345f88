package dev.edgewise.script

import dev.edgewise.catalog.data.DataCache
import dev.edgewise.catalog.data.ImageDataset
import dev.edgewise.catalog.topology.TopologyFactory
import dev.edgewise.dsl.builder.CallSite
import dev.edgewise.dsl.builder.Experiment
import dev.edgewise.dsl.builder.FrontEnd
import dev.edgewise.dsl.builder.Variant
import dev.edgewise.dsl.spec.SpecVariants
import kotlin.reflect.KClass
import kotlin.script.experimental.annotations.KotlinScript

/**
 * The base class of `*.experiment.kts` scripts: the script body runs as its constructor, with
 * these functions in scope. A script declares any number of experiments (loops and functions
 * welcome) and may register custom parts, which YAML files read afterwards can name.
 *
 * ```
 * for (shape in listOf(ring(), star(), complete())) {
 *     experiment("sweep-${shape.graph()}") {
 *         nodes = 6
 *         topology = shape
 *     }
 * }
 * ```
 */
@KotlinScript(
    displayName = "edgewise experiment",
    fileExtension = "experiment.kts",
    compilationConfiguration = ExperimentScriptCompilation::class,
    evaluationConfiguration = ExperimentScriptEvaluation::class,
)
@FrontEnd
abstract class ExperimentScript {

    internal val declared = Declarations()

    /** Declares an experiment; its keys are checked after the script has run, all at once. */
    fun experiment(name: String, block: ExperimentScope.() -> Unit): Experiment {
        val builder = Experiment.named(name)
        ExperimentScope(builder).block()
        declared.experiments += builder
        return builder
    }

    /** Declares an experiment made with the Java builder, e.g. `experiment(base.copy("bigger").nodes(12))`. */
    fun experiment(builder: Experiment): Experiment {
        declared.experiments += builder
        return builder
    }

    /**
     * Registers a graph shape in the catalog under [name] (lower case, digits, `.`, `_`, `-`), for
     * this script's experiments and any file read after it. The factory reads the parameters it
     * needs (`requireNodes()`, `requireSeed()`, ...) and throws IllegalArgumentException for bad ones.
     */
    fun topology(name: String, factory: TopologyFactory) {
        declared.parts += Part.Shape(name, factory, CallSite.ofCaller("topology"))
    }

    /**
     * Adds a kind to a section chosen by kind (a model family, a link model, a task, a loss term),
     * e.g. `registerVariant(ModelSpec::class, MyFamilySpec::class)` with `@Variant("my-family")` on
     * the record. Registered at once, so this script's experiments and any file read after it may
     * name the kind; the engine needs a plug-in of the same kind to run it.
     */
    fun <S : Any> registerVariant(section: KClass<S>, variant: KClass<out S>) {
        SpecVariants.register(section.java, variant.java)
    }

    /** A registered kind with its keys set by YAML name: `model(variant(ModelSpec::class, "my-family") { set("depth", 3) })`. */
    fun <S : Any> variant(section: KClass<S>, kind: String, block: Variant.Settings.() -> Unit): Variant<S> =
        Variant.of(section.java, kind) { it.block() }

    /** Registers a dataset loader in the catalog under [name]; see [topology]. */
    fun dataset(name: String, loader: (DataCache) -> ImageDataset) {
        declared.parts += Part.Dataset(name, loader, CallSite.ofCaller("dataset"))
    }
}

/** What a script declared while it ran. */
internal class Declarations {
    val experiments = mutableListOf<Experiment>()
    val parts = mutableListOf<Part>()
}

/** A custom part a script registers, with the line that registered it. */
internal sealed interface Part {
    val name: String
    val site: CallSite

    class Shape(override val name: String, val factory: TopologyFactory, override val site: CallSite) : Part

    class Dataset(override val name: String, val loader: (DataCache) -> ImageDataset, override val site: CallSite) : Part
}
