package dev.edgewise.script

import dev.edgewise.dsl.builder.Base
import dev.edgewise.dsl.builder.Cell
import dev.edgewise.dsl.builder.Data
import dev.edgewise.dsl.builder.Evaluation
import dev.edgewise.dsl.builder.Exchange
import dev.edgewise.dsl.builder.Extractor
import dev.edgewise.dsl.builder.FrontEnd
import dev.edgewise.dsl.builder.Links
import dev.edgewise.dsl.builder.Loss
import dev.edgewise.dsl.builder.Model
import dev.edgewise.dsl.builder.Pretrain
import dev.edgewise.dsl.builder.Quantization
import dev.edgewise.dsl.builder.Roles
import dev.edgewise.dsl.builder.Sensor
import dev.edgewise.dsl.builder.Task
import dev.edgewise.dsl.builder.Tracking
import dev.edgewise.dsl.builder.Training
import dev.edgewise.dsl.spec.DataSpec
import dev.edgewise.dsl.spec.ExchangeSpec
import dev.edgewise.dsl.spec.LinksSpec
import dev.edgewise.dsl.spec.QuantizationSpec
import dev.edgewise.dsl.spec.SensorSpec
import dev.edgewise.dsl.spec.TaskSpec
import dev.edgewise.dsl.spec.TrainingSpec

// One scope per section of an experiment file; each property is the key of the same name
// (see REFERENCE.md for types, defaults and bounds).

@EdgewiseDsl
@FrontEnd
class DataScope internal constructor(section: Data) {
    var source: String by key(section)
    var trainSamples: Int by key(section)
    var testSamples: Int by key(section)
    var holdout: Double by key(section)
    /** How a node sees a sample; null means item. */
    var view: DataSpec.View? by key(section)
    /** k of the patches view. */
    var patches: Int? by key(section)
}

@EdgewiseDsl
@FrontEnd
class ModelScope internal constructor(private val section: Model) {
    var features: Int by key(section)

    fun extractor(block: ExtractorScope.() -> Unit) {
        section.extractor { ExtractorScope(it).block() }
    }

    fun cell(block: CellScope.() -> Unit) {
        section.cell { CellScope(it).block() }
    }

    fun roles(block: RolesScope.() -> Unit) {
        section.roles { RolesScope(it).block() }
    }
}

@EdgewiseDsl
@FrontEnd
class RolesScope internal constructor(private val section: Roles) {
    fun sensor(block: SensorScope.() -> Unit) {
        section.sensor { SensorScope(it).block() }
    }

    fun base(block: BaseScope.() -> Unit) {
        section.base { BaseScope(it).block() }
    }
}

@EdgewiseDsl
@FrontEnd
class SensorScope internal constructor(section: Sensor) {
    var tied: Boolean by key(section)
    var placement: SensorSpec.Placement by key(section)
    /** Layers as maps, e.g. `listOf(Layers.conv(32, 5), Layers.flatten(), Layers.dense())`. */
    var layers: List<Map<String, Any?>> by key(section)
}

@EdgewiseDsl
@FrontEnd
class BaseScope internal constructor(section: Base) {
    var layers: List<Map<String, Any?>> by key(section)
}

@EdgewiseDsl
@FrontEnd
class ExtractorScope internal constructor(private val section: Extractor) {
    var dropout: Double by key(section)
    var trainable: Boolean by key(section)

    fun pretrain(block: PretrainScope.() -> Unit) {
        section.pretrain { PretrainScope(it).block() }
    }
}

@EdgewiseDsl
@FrontEnd
class PretrainScope internal constructor(section: Pretrain) {
    var epochs: Int by key(section)
    var learningRate: Double by key(section)
    var momentum: Double by key(section)
    var batchSize: Int by key(section)
}

@EdgewiseDsl
@FrontEnd
class CellScope internal constructor(section: Cell) {
    var hidden: List<Int> by key(section)
}

@EdgewiseDsl
@FrontEnd
class ExchangeScope internal constructor(private val section: Exchange) {
    var rounds: Int by key(section)
    var messageSize: Int by key(section)
    var gate: ExchangeSpec.Gate by key(section)
    var aggregation: ExchangeSpec.Aggregation by key(section)
    var bits: Int by key(section)
    /** peer or upward; null means peer. */
    var kind: ExchangeSpec.Kind? by key(section)
    /** direct or hops; null means direct. */
    var route: ExchangeSpec.Route? by key(section)

    fun quantization(block: QuantizationScope.() -> Unit) {
        section.quantization { QuantizationScope(it).block() }
    }
}

@EdgewiseDsl
@FrontEnd
class QuantizationScope internal constructor(section: Quantization) {
    /** q; null sends unquantized values. */
    var bits: Int? by key(section)
    var training: QuantizationSpec.Training by key(section)
    var range: QuantizationSpec.Range by key(section)
}

@EdgewiseDsl
@FrontEnd
class TaskScope internal constructor(section: Task) {
    var kind: TaskSpec.Kind by key(section)
}

@EdgewiseDsl
@FrontEnd
class LossScope internal constructor(section: Loss) {
    /** Weight of every term; a term left out weighs 0, as in a YAML `terms:` mapping. */
    var terms: Map<String, Double> by key(section)
    var communicationBudget: Double by key(section)
    var communicationTemperature: Double by key(section)
    var communicationStart: Int by key(section)
    var communicationRamp: Int by key(section)
}

@EdgewiseDsl
@FrontEnd
class TrainingScope internal constructor(section: Training) {
    var optimizer: TrainingSpec.Optimizer by key(section)
    var learningRate: Double by key(section)
    var momentum: Double by key(section)
    var epochs: Int by key(section)
    var batchSize: Int by key(section)
    /** Network sizes to train on, one per mini-batch; null means topology.nodes. */
    var nodes: List<Int>? by key(section)
}

@EdgewiseDsl
@FrontEnd
class LinksScope internal constructor(section: Links) {
    var failure: Double by key(section)
    var nodeFailure: Double by key(section)
    var inTraining: Boolean by key(section)
    /** zero or drop; null means zero. */
    var lost: LinksSpec.Lost? by key(section)
}

@EdgewiseDsl
@FrontEnd
class EvaluationScope internal constructor(section: Evaluation) {
    /** Network sizes to test on besides topology.nodes; null means topology.nodes only. */
    var nodes: List<Int>? by key(section)
}

@EdgewiseDsl
@FrontEnd
class TrackingScope internal constructor(section: Tracking) {
    /** MLflow experiment name; null means the experiment's name. */
    var experiment: String? by key(section)
    var mlflow: Boolean by key(section)
}
