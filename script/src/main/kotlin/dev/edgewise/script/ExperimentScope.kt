package dev.edgewise.script

import dev.edgewise.dsl.builder.Exchange
import dev.edgewise.dsl.builder.Experiment
import dev.edgewise.dsl.builder.FrontEnd
import dev.edgewise.dsl.builder.Links
import dev.edgewise.dsl.builder.Model
import dev.edgewise.dsl.builder.Topology
import dev.edgewise.dsl.builder.Variant
import dev.edgewise.dsl.spec.ExchangeSpec
import dev.edgewise.dsl.spec.LinksSpec
import dev.edgewise.dsl.spec.ModelSpec
import dev.edgewise.dsl.spec.TaskSpec

/**
 * The receiver of `experiment("name") { ... }`: every top-level key of an experiment file as a
 * property or a nested block. Values are checked when the script has run, all at once, each
 * reported at the script line that set it.
 */
@EdgewiseDsl
@FrontEnd
class ExperimentScope internal constructor(
    /** The Java builder behind this scope, for what the DSL does not cover (e.g. `copy`). */
    val builder: Experiment,
) {
    val name: String get() = builder.name()

    var description: String by key(builder)

    /** Master seed: every random stream is derived from it. */
    var seed: Long by key(builder)

    /** Number of nodes N (`topology.nodes`). */
    var nodes: Int
        get() = builder.nodes()
        set(value) {
            builder.nodes(value)
        }

    /** The graph shape: `ring()`, `grid(2, 4)`, `graph("my-shape")`, ... */
    var topology: Topology
        get() = builder.topology()
        set(value) {
            builder.topology(value)
        }

    fun data(block: DataScope.() -> Unit) {
        builder.data { DataScope(it).block() }
    }

    /** `model(crnn { ... })` or `model(split { ... })`, or a plug-in's kind made with [variant]. */
    fun model(model: Variant<ModelSpec>) {
        builder.model(model)
    }

    /** `exchange(peer { ... })` or `exchange(upward { ... })`. */
    fun exchange(exchange: Variant<ExchangeSpec>) {
        builder.exchange(exchange)
    }

    /** `links(bernoulli { ... })`, `links(gilbertElliott { ... })` or `links(packets { ... })`. */
    fun links(links: Variant<LinksSpec>) {
        builder.links(links)
    }

    /** `task(Task.maxParity())`, `task(Task.classification())`, ... */
    fun task(task: Variant<TaskSpec>) {
        builder.task(task)
    }

    fun crnn(block: CrnnScope.() -> Unit): Variant<ModelSpec> = Model.crnn { CrnnScope(it).block() }

    fun split(block: SplitScope.() -> Unit): Variant<ModelSpec> = Model.split { SplitScope(it).block() }

    fun codec(block: CodecScope.() -> Unit): Variant<ModelSpec> = Model.codec { CodecScope(it).block() }

    fun jpeg(block: JpegScope.() -> Unit): Variant<ModelSpec> = Model.jpeg { JpegScope(it).block() }

    fun loraNetwork(block: LoraNetworkScope.() -> Unit): Variant<ModelSpec> = Model.loraNetwork { LoraNetworkScope(it).block() }

    fun reconstruction(block: ReconstructionScope.() -> Unit): Variant<TaskSpec> =
        dev.edgewise.dsl.builder.Task.reconstruction { ReconstructionScope(it).block() }

    fun forecasting(block: ForecastingScope.() -> Unit): Variant<TaskSpec> =
        dev.edgewise.dsl.builder.Task.forecasting { ForecastingScope(it).block() }

    fun lstm(block: LstmScope.() -> Unit): Variant<ModelSpec> = Model.lstm { LstmScope(it).block() }

    fun peer(block: PeerScope.() -> Unit): Variant<ExchangeSpec> = Exchange.peer { PeerScope(it).block() }

    fun upward(block: UpwardScope.() -> Unit): Variant<ExchangeSpec> = Exchange.upward { UpwardScope(it).block() }

    fun bernoulli(block: BernoulliScope.() -> Unit): Variant<LinksSpec> = Links.bernoulli { BernoulliScope(it).block() }

    fun gilbertElliott(block: GilbertElliottScope.() -> Unit): Variant<LinksSpec> =
        Links.gilbertElliott { GilbertElliottScope(it).block() }

    fun packets(block: PacketsScope.() -> Unit): Variant<LinksSpec> = Links.packets { PacketsScope(it).block() }

    fun lora(block: LoraScope.() -> Unit): Variant<LinksSpec> = Links.lora { LoraScope(it).block() }

    fun loss(block: LossScope.() -> Unit) {
        builder.loss { LossScope(it).block() }
    }

    fun training(block: TrainingScope.() -> Unit) {
        builder.training { TrainingScope(it).block() }
    }

    fun evaluation(block: EvaluationScope.() -> Unit) {
        builder.evaluation { EvaluationScope(it).block() }
    }

    fun tracking(block: TrackingScope.() -> Unit) {
        builder.tracking { TrackingScope(it).block() }
    }

    fun devices(block: DevicesScope.() -> Unit) {
        builder.devices { DevicesScope(it).block() }
    }

    fun runtime(block: RuntimeScope.() -> Unit) {
        builder.runtime { RuntimeScope(it).block() }
    }

    /** Sets a key by its YAML path (`"exchange.rounds"`): for keys newer than this DSL. */
    /** Named baselines: each maps dotted spec paths to the values it sets; null means none. */
    var baselines: Map<String, Map<String, Any?>>? by key(builder)

    fun set(path: String, value: Any?) {
        builder.set(path, value)
    }
}
