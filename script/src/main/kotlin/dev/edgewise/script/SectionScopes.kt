package dev.edgewise.script

import dev.edgewise.dsl.builder.Base
import dev.edgewise.dsl.builder.Cell
import dev.edgewise.dsl.builder.Devices
import dev.edgewise.dsl.builder.Weights
import dev.edgewise.dsl.builder.Data
import dev.edgewise.dsl.builder.DataFiles
import dev.edgewise.dsl.builder.Evaluation
import dev.edgewise.dsl.builder.Exchange
import dev.edgewise.dsl.builder.Extractor
import dev.edgewise.dsl.builder.FrontEnd
import dev.edgewise.dsl.builder.Links
import dev.edgewise.dsl.builder.Loss
import dev.edgewise.dsl.builder.Model
import dev.edgewise.dsl.builder.Pretrain
import dev.edgewise.dsl.builder.Quantization
import dev.edgewise.dsl.builder.Sends
import dev.edgewise.dsl.builder.Sensor
import dev.edgewise.dsl.builder.RuntimeSection
import dev.edgewise.dsl.builder.Tracking
import dev.edgewise.dsl.builder.Training
import dev.edgewise.dsl.builder.Variant
import dev.edgewise.dsl.spec.CsvFileSpec
import dev.edgewise.dsl.spec.DataFileSpec
import dev.edgewise.dsl.spec.DataSpec
import dev.edgewise.dsl.spec.ImageFolderSpec
import dev.edgewise.dsl.spec.LossTermSpec
import dev.edgewise.dsl.spec.RuntimeSpec
import dev.edgewise.dsl.spec.PeerExchangeSpec
import dev.edgewise.dsl.spec.LogitSendSpec
import dev.edgewise.dsl.spec.SendSpec
import dev.edgewise.dsl.spec.CodecModelSpec
import dev.edgewise.dsl.spec.QuantizationSpec
import dev.edgewise.dsl.spec.SensorSpec
import dev.edgewise.dsl.spec.TrainingSpec
import dev.edgewise.dsl.spec.UpwardExchangeSpec
import dev.edgewise.dsl.spec.WeightsSpec

// One scope per section of an experiment file; each property is the key of the same name
// (see REFERENCE.md for types, defaults and bounds).

@EdgewiseDsl
@FrontEnd
class DataScope internal constructor(section: Data) {
    var source: String by key(section)
    var trainSamples: Int by key(section)
    var testSamples: Int by key(section)
    var holdout: Double by key(section)
    /** Another catalog dataset to test on; null means source. */
    var testSource: String? by key(section)
    /** How a node sees a sample; null means item. */
    var view: DataSpec.View? by key(section)
    /** k of the patches view. */
    var patches: Int? by key(section)

    private val data = section

    /** The user's own files (sets source = "file"): `file(npy { path = "x.npy"; labels = "y.npy" })`. */
    fun file(file: Variant<DataFileSpec>) {
        data.file(file)
    }

    fun csv(block: CsvFileScope.() -> Unit): Variant<DataFileSpec> = DataFiles.csv { CsvFileScope(it).block() }

    fun idx(block: IdxFileScope.() -> Unit): Variant<DataFileSpec> = DataFiles.idx { IdxFileScope(it).block() }

    fun images(block: ImagesScope.() -> Unit): Variant<DataFileSpec> = DataFiles.images { ImagesScope(it).block() }

    fun npy(block: NpyFileScope.() -> Unit): Variant<DataFileSpec> = DataFiles.npy { NpyFileScope(it).block() }
}

/** `data.file` kind csv: a CSV/TSV time series cut into windows. */
@EdgewiseDsl
@FrontEnd
class CsvFileScope internal constructor(section: DataFiles.Csv) {
    var path: String by key(section)
    var delimiter: String? by key(section)
    var features: List<String> by key(section)
    var target: String by key(section)
    var time: String? by key(section)
    var site: String? by key(section)
    var targetSite: String? by key(section)
    var window: Int by key(section)
    var stride: Int by key(section)
    var horizon: Int by key(section)
    var bins: Int? by key(section)
    var scaling: CsvFileSpec.Scaling by key(section)
}

/** `data.file` kind idx: IDX files, gzipped or not. */
@EdgewiseDsl
@FrontEnd
class IdxFileScope internal constructor(section: DataFiles.Idx) {
    var path: String by key(section)
    var labels: String by key(section)
    var limit: Int? by key(section)
}

/** `data.file` kind images: a folder of PNG/JPEG images. */
@EdgewiseDsl
@FrontEnd
class ImagesScope internal constructor(section: DataFiles.Images) {
    var path: String by key(section)
    var labels: String? by key(section)
    /** [rows, cols]. */
    var size: List<Int> by key(section)
    var filter: ImageFolderSpec.Filter by key(section)
}

/** `data.file` kind npy: NumPy .npy arrays. */
@EdgewiseDsl
@FrontEnd
class NpyFileScope internal constructor(section: DataFiles.Npy) {
    var path: String by key(section)
    var labels: String by key(section)
}

/** `model` kind crnn: a CNN extractor feeding a recurrent cell. */
@EdgewiseDsl
@FrontEnd
class CrnnScope internal constructor(private val section: Model.Crnn) {
    var features: Int by key(section)

    fun extractor(block: ExtractorScope.() -> Unit) {
        section.extractor { ExtractorScope(it).block() }
    }

    fun cell(block: CellScope.() -> Unit) {
        section.cell { CellScope(it).block() }
    }
}

/** `model` kind split: a sensor stack on every node, a base station stack. */
@EdgewiseDsl
@FrontEnd
class SplitScope internal constructor(private val section: Model.Split) {
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

/** `model` kind codec: a learned image codec. */
@EdgewiseDsl
@FrontEnd
class CodecScope internal constructor(section: Model.Codec) {
    var patches: Int by key(section)
    var padding: Int by key(section)
    var channels: List<Int> by key(section)
    var trainDrop: Double by key(section)
    var shuffle: Boolean by key(section)
    var coding: CodecModelSpec.EntropyCoding by key(section)
    var jpegQualities: List<Double> by key(section)

    private val codec = section

    fun classifier(block: ClassifierScope.() -> Unit) {
        codec.classifier { ClassifierScope(it).block() }
    }

    fun weights(block: WeightsScope.() -> Unit) {
        codec.weights { WeightsScope(it).block() }
    }
}

/** A codec's `classifier`: the frozen classifier that measures decoded images. */
@EdgewiseDsl
@FrontEnd
class ClassifierScope internal constructor(section: Model.Classifier) {
    var hidden: Int by key(section)
    var epochs: Int by key(section)
    var learningRate: Double by key(section)
}

/** `model` kind jpeg: the JPEG baseline. */
@EdgewiseDsl
@FrontEnd
class JpegScope internal constructor(section: Model.Jpeg) {
    var quality: Double by key(section)
}

/** `model` kind lora-network: a LoRa network that trains nothing. */
@EdgewiseDsl
@FrontEnd
class LoraNetworkScope internal constructor(section: Model.LoraNetwork) {
    var messageBytes: Int by key(section)
    var needed: Double by key(section)
    var interval: Double? by key(section)
    var deliveryFloors: List<Int> by key(section)
    var hours: Double by key(section)
    var settings: dev.edgewise.dsl.spec.LoraNetworkModelSpec.Settings by key(section)
    var packetBytes: Int? by key(section)
    var channels: Int by key(section)
    var receivers: Int by key(section)
    var fullCollision: Boolean by key(section)
}

/** `task` kind reconstruction. */
@EdgewiseDsl
@FrontEnd
class ReconstructionScope internal constructor(section: dev.edgewise.dsl.builder.Task.Reconstruction) {
    var msssimScales: Int by key(section)
    var msssimWindow: Int by key(section)
}

/** `task` kind forecasting: the next value of a time series. */
@EdgewiseDsl
@FrontEnd
class ForecastingScope internal constructor(section: dev.edgewise.dsl.builder.Task.Forecasting) {
    /** The column to forecast; null means the first. */
    var column: String? by key(section)
    var window: Int by key(section)
    var season: Int by key(section)
}

/** `model` kind lstm: an LSTM forecaster for a microcontroller. */
@EdgewiseDsl
@FrontEnd
class LstmScope internal constructor(section: Model.Lstm) {
    var hidden: Int by key(section)
    var layers: Int by key(section)
    var placement: List<Int>? by key(section)

    private val lstm = section

    fun weights(block: WeightsScope.() -> Unit) {
        lstm.weights { WeightsScope(it).block() }
    }
}

/** `weights`: how a model's weights are stored on its device. */
@EdgewiseDsl
@FrontEnd
class WeightsScope internal constructor(section: Weights) {
    var bits: Int by key(section)
    var method: WeightsSpec.Method by key(section)
    var scales: WeightsSpec.Scales by key(section)
}

/** `devices`: devices defined beside the presets, and which role runs on which. */
@EdgewiseDsl
@FrontEnd
class DevicesScope internal constructor(section: Devices) {
    /** Name to device keys: `mapOf("my-board" to Devices.device(256, 192, 1024))`. */
    var catalogue: Map<String, Map<String, Any?>> by key(section)
    /** Role to placement: `mapOf("sensor" to Devices.on("esp32", true))`. */
    var roles: Map<String, Map<String, Any?>> by key(section)
}

/** `exchange` kind peer: rounds of gated messages between neighbours. */
@EdgewiseDsl
@FrontEnd
class PeerScope internal constructor(private val section: Exchange.Peer) {
    var rounds: Int by key(section)
    var messageSize: Int by key(section)
    var gate: PeerExchangeSpec.Gate by key(section)
    var aggregation: PeerExchangeSpec.Aggregation by key(section)
    var bits: Int by key(section)

    /** A learned send decision in place of the gate's: `send(logit { temperature = 0.5 })`. */
    fun send(send: Variant<SendSpec>) {
        section.send(send)
    }

    fun logit(block: LogitSendScope.() -> Unit): Variant<SendSpec> = Sends.logit { LogitSendScope(it).block() }
}

/** `exchange.send` kind logit: a learned send logit per node and round. */
@EdgewiseDsl
@FrontEnd
class LogitSendScope internal constructor(section: Sends.Logit) {
    var temperature: Double by key(section)
    var bias: Double by key(section)
    var noise: Boolean by key(section)
    var count: LogitSendSpec.Count by key(section)
    var detach: Boolean? by key(section)
}

/** `exchange` kind upward: one pass to a base station. */
@EdgewiseDsl
@FrontEnd
class UpwardScope internal constructor(private val section: Exchange.Upward) {
    var messageSize: Int by key(section)
    var bits: Int by key(section)
    var route: UpwardExchangeSpec.Route by key(section)
    var lost: UpwardExchangeSpec.Lost by key(section)

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
    /** B levels, instead of bits. */
    var levels: Int? by key(section)
}

/** `loss`: `task(1.0)`, `communication { weight = 0.5; budget = 0.5 }`; naming a term replaces the default terms. */
@EdgewiseDsl
@FrontEnd
class LossScope internal constructor(private val section: Loss) {
    fun task(weight: Double) {
        section.task(weight)
    }

    fun task(block: TaskTermScope.() -> Unit) {
        section.task { TaskTermScope(it).block() }
    }

    fun communication(block: CommunicationScope.() -> Unit) {
        section.communication { CommunicationScope(it).block() }
    }

    fun msssim(weight: Double) {
        section.msssim(weight)
    }

    fun msssim(block: MsSsimScope.() -> Unit) {
        section.msssim { MsSsimScope(it).block() }
    }

    fun perceptual(weight: Double) {
        section.perceptual(weight)
    }

    fun perceptual(block: PerceptualTermScope.() -> Unit) {
        section.perceptual { PerceptualTermScope(it).block() }
    }

    fun classification(weight: Double) {
        section.classification(weight)
    }

    fun classification(block: ClassificationTermScope.() -> Unit) {
        section.classification { ClassificationTermScope(it).block() }
    }

    /** A plug-in's term: `term(variant(LossTermSpec::class, "mine") { set("weight", 1.0) })`. */
    fun term(term: Variant<LossTermSpec>) {
        section.term(term)
    }
}

@EdgewiseDsl
@FrontEnd
class TaskTermScope internal constructor(section: Loss.Task) {
    var weight: Double by key(section)
}

@EdgewiseDsl
@FrontEnd
class MsSsimScope internal constructor(section: Loss.MsSsim) {
    var weight: Double by key(section)
}

@EdgewiseDsl
@FrontEnd
class PerceptualTermScope internal constructor(section: Loss.Perceptual) {
    var weight: Double by key(section)
}

@EdgewiseDsl
@FrontEnd
class ClassificationTermScope internal constructor(section: Loss.Classification) {
    var weight: Double by key(section)
}

@EdgewiseDsl
@FrontEnd
class CommunicationScope internal constructor(section: Loss.Communication) {
    var weight: Double by key(section)
    var budget: Double by key(section)
    var temperature: Double by key(section)
    var start: Int by key(section)
    var ramp: Int by key(section)
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

/** The keys every kind of links has. */
abstract class CommonLinksScope internal constructor(section: Links.Common<*>) {
    var nodeFailure: Double by key(section)
    var inTraining: Boolean by key(section)
}

@EdgewiseDsl
@FrontEnd
class BernoulliScope internal constructor(section: Links.Bernoulli) : CommonLinksScope(section) {
    var failure: Double by key(section)
}

@EdgewiseDsl
@FrontEnd
class GilbertElliottScope internal constructor(section: Links.GilbertElliott) : CommonLinksScope(section) {
    var p: Double by key(section)
    var r: Double by key(section)
    var lossGood: Double by key(section)
    var lossBad: Double by key(section)
}

@EdgewiseDsl
@FrontEnd
class PacketsScope internal constructor(section: Links.Packets) : CommonLinksScope(section) {
    var payload: Int by key(section)
    var failure: Double by key(section)
}

/** `links` kind lora: packets over a LoRa radio. */
@EdgewiseDsl
@FrontEnd
class LoraScope internal constructor(private val section: Links.Lora) : CommonLinksScope(section) {
    var spreadingFactor: Int by key(section)
    var bandwidth: Int by key(section)
    var codingRate: Int by key(section)
    var payload: Int? by key(section)
    var overhead: Int by key(section)
    var pad: Boolean by key(section)
    var preamble: Int by key(section)
    var explicitHeader: Boolean by key(section)
    var crc: Boolean by key(section)
    var lowDataRate: dev.edgewise.dsl.spec.LoraLinksSpec.LowDataRate by key(section)
    var txPower: Int by key(section)
    var txCurrent: Double? by key(section)
    var volts: Double by key(section)
    var dutyCycle: Double by key(section)
    var failure: Double by key(section)

    fun network(block: LoraLoadScope.() -> Unit) {
        section.network { LoraLoadScope(it).block() }
    }
}

/** `links.network` of kind lora: the network whose simulated loss the link takes. */
@EdgewiseDsl
@FrontEnd
class LoraLoadScope internal constructor(section: Links.LoraLoad) {
    var nodes: Int by key(section)
    var interval: Double by key(section)
    var hours: Double by key(section)
    var seed: Long by key(section)
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

@EdgewiseDsl
@FrontEnd
class RuntimeScope internal constructor(section: RuntimeSection) {
    /** The engine that computes the run: MXNET (the default) or PYTORCH. */
    var engine: RuntimeSpec.Engine by key(section)
}
