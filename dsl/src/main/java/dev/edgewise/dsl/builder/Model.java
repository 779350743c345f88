package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.CodecModelSpec;
import dev.edgewise.dsl.spec.CrnnModelSpec;
import dev.edgewise.dsl.spec.JpegModelSpec;
import dev.edgewise.dsl.spec.LoraNetworkModelSpec;
import dev.edgewise.dsl.spec.ModelSpec;
import dev.edgewise.dsl.spec.SplitModelSpec;
import java.util.List;
import java.util.function.Consumer;

/** The kinds of {@code model:}, for {@link Experiment#model}: {@code .model(Model.crnn(m -> m.features(25)))}. */
public final class Model {

    private Model() {}

    /** {@code kind: crnn}: a CNN extractor feeding a recurrent cell, weights tied across nodes. */
    public static Variant<ModelSpec> crnn(Consumer<Crnn> body) {
        return Variant.of(CrnnModelSpec.class, Crnn::new, body);
    }

    /** {@code kind: split}: a sensor layer stack on every node, a base station stack. */
    public static Variant<ModelSpec> split(Consumer<Split> body) {
        return Variant.of(SplitModelSpec.class, Split::new, body);
    }

    /** {@code kind: codec}: a learned image codec, a camera encoding and a gateway decoding. */
    public static Variant<ModelSpec> codec(Consumer<Codec> body) {
        return Variant.of(CodecModelSpec.class, Codec::new, body);
    }

    /** {@code kind: lstm}: an LSTM forecaster for a microcontroller. */
    public static Variant<ModelSpec> lstm(Consumer<Lstm> body) {
        return Variant.of(dev.edgewise.dsl.spec.LstmModelSpec.class, Lstm::new, body);
    }

    /** {@code kind: jpeg}: the JPEG baseline at a quality. */
    public static Variant<ModelSpec> jpeg(Consumer<Jpeg> body) {
        return Variant.of(JpegModelSpec.class, Jpeg::new, body);
    }

    /** {@code kind: lora-network}: a LoRa network that trains nothing: one link, or many nodes simulated. */
    public static Variant<ModelSpec> loraNetwork(Consumer<LoraNetwork> body) {
        return Variant.of(LoraNetworkModelSpec.class, LoraNetwork::new, body);
    }

    /** The keys of {@code model} kind crnn. */
    public static final class Crnn extends Section<Crnn> {

        Crnn(SpecNode node) {
            super(node, CrnnModelSpec.class);
        }

        /** f_in: features the extractor passes to the cell. */
        public Crnn features(int features) {
            return set("features", features);
        }

        public Crnn extractor(Consumer<Extractor> body) {
            return section("extractor", Extractor::new, body);
        }

        public Crnn cell(Consumer<Cell> body) {
            return section("cell", Cell::new, body);
        }
    }

    /** The keys of {@code model} kind split. */
    public static final class Split extends Section<Split> {

        Split(SpecNode node) {
            super(node, SplitModelSpec.class);
        }

        public Split sensor(Consumer<Sensor> body) {
            return section("sensor", Sensor::new, body);
        }

        public Split base(Consumer<Base> body) {
            return section("base", Base::new, body);
        }
    }

    /** The keys of {@code model} kind codec. */
    public static final class Codec extends Section<Codec> {

        Codec(SpecNode node) {
            super(node, CodecModelSpec.class);
        }

        /** Patches per image: 1, 4 or 16. */
        public Codec patches(int patches) {
            return set("patches", patches);
        }

        /** Zero pixels on every side of a patch. */
        public Codec padding(int pixels) {
            return set("padding", pixels);
        }

        /** Output channels of each encoder convolution, e.g. {@code channels(64, 64, 64, 8)}. */
        public Codec channels(int... channels) {
            return set("channels", channels);
        }

        public Codec channels(List<Integer> channels) {
            return set("channels", channels);
        }

        /** Fraction of packets dropped in training. */
        public Codec trainDrop(double fraction) {
            return set("train_drop", fraction);
        }

        /** Whether the representation is shuffled before it is cut into packets. */
        public Codec shuffle(boolean shuffle) {
            return set("shuffle", shuffle);
        }

        /** How the quantized representation is coded. */
        public Codec coding(CodecModelSpec.EntropyCoding coding) {
            return set("coding", coding);
        }

        /** JPEG qualities whose curve on the test images gives the compression efficiency. */
        public Codec jpegQualities(double... qualities) {
            return set("jpeg_qualities", java.util.Arrays.stream(qualities).boxed().toList());
        }

        public Codec jpegQualities(List<Double> qualities) {
            return set("jpeg_qualities", qualities);
        }

        /** The frozen classifier that measures decoded images (task accuracy, perceptual distance). */
        public Codec classifier(Consumer<Classifier> body) {
            return section("classifier", Classifier::new, body);
        }

        /** How the codec's weights are stored on the camera and the gateway. */
        public Codec weights(Consumer<Weights> body) {
            return section("weights", Weights::new, body);
        }
    }

    /** The keys of a codec's {@code classifier}. */
    public static final class Classifier extends Section<Classifier> {

        Classifier(SpecNode node) {
            super(node, dev.edgewise.dsl.spec.ClassifierSpec.class);
        }

        /** Units of the hidden layer. */
        public Classifier hidden(int units) {
            return set("hidden", units);
        }

        public Classifier epochs(int epochs) {
            return set("epochs", epochs);
        }

        public Classifier learningRate(double rate) {
            return set("learning_rate", rate);
        }
    }

    /** The keys of {@code model} kind jpeg. */
    public static final class Jpeg extends Section<Jpeg> {

        Jpeg(SpecNode node) {
            super(node, JpegModelSpec.class);
        }

        /** The encoder's quality in (0, 1]. */
        public Jpeg quality(double quality) {
            return set("quality", quality);
        }
    }

    /** The keys of {@code model} kind lora-network. */
    public static final class LoraNetwork extends Section<LoraNetwork> {

        LoraNetwork(SpecNode node) {
            super(node, LoraNetworkModelSpec.class);
        }

        /** Bytes of one message. */
        public LoraNetwork messageBytes(int bytes) {
            return set("message_bytes", bytes);
        }

        /** Fraction of a message's packets that must arrive. */
        public LoraNetwork needed(double fraction) {
            return set("needed", fraction);
        }

        /** Mean seconds between one node's packets; turns the network simulation on. */
        public LoraNetwork interval(double seconds) {
            return set("interval", seconds);
        }

        /** Delivery rates in per cent at which to find the network's capacity. */
        public LoraNetwork deliveryFloors(java.util.List<Integer> percents) {
            return set("delivery_floors", percents);
        }

        public LoraNetwork hours(double hours) {
            return set("hours", hours);
        }

        public LoraNetwork settings(LoraNetworkModelSpec.Settings settings) {
            return set("settings", settings);
        }

        /** Bytes of every simulated packet on the air. */
        public LoraNetwork packetBytes(int bytes) {
            return set("packet_bytes", bytes);
        }

        public LoraNetwork channels(int channels) {
            return set("channels", channels);
        }

        public LoraNetwork receivers(int receivers) {
            return set("receivers", receivers);
        }

        public LoraNetwork fullCollision(boolean full) {
            return set("full_collision", full);
        }
    }

    /** The keys of {@code model} kind lstm. */
    public static final class Lstm extends Section<Lstm> {

        Lstm(SpecNode node) {
            super(node, dev.edgewise.dsl.spec.LstmModelSpec.class);
        }

        /** Units of each LSTM layer. */
        public Lstm hidden(int units) {
            return set("hidden", units);
        }

        /** Stacked LSTM layers. */
        public Lstm layers(int layers) {
            return set("layers", layers);
        }

        /** LSTM layers per device along a chain, sensor first (split across devices), e.g. {@code placement(1, 1)}. */
        public Lstm placement(int... layersPerDevice) {
            return set("placement", layersPerDevice);
        }

        public Lstm placement(List<Integer> layersPerDevice) {
            return set("placement", layersPerDevice);
        }

        /** How the weights are stored on the device. */
        public Lstm weights(Consumer<Weights> body) {
            return section("weights", Weights::new, body);
        }
    }
}
