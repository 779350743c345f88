package dev.edgewise.dsl.spec;

import java.util.List;
import java.util.Objects;

@Doc("A learned image codec (the Starfish paper's): the camera node encodes an image into exchange.message_size values (3x3"
        + " stride-1 convolutions, each followed by 2x2 max-pooling, then flatten and a linear bottleneck; ReLU except around the"
        + " representation), they are quantized (exchange.quantization), shuffled by a seeded permutation and cut into packets;"
        + " the gateway decodes what arrived with the mirrored network (linear, then nearest 2x upsampling and 3x3 convolutions,"
        + " a sigmoid at the output). Exchange kind upward, one camera (topology.nodes: 1).")
@Variant("codec")
public record CodecModelSpec(
        @Doc("Patches per image: 1, 4 (2x2) or 16 (4x4); each is coded on its own by the same network and gets an equal share of"
                + " the representation.")
        @Default("1") @Range(min = 1, max = 16)
        int patches,
        @Doc("Zero pixels added on every side of a patch before encoding (and cropped after decoding): quality suffers at edges.")
        @Default("0") @Range(min = 0, max = 64)
        int padding,
        @Doc("Output channels of each encoder convolution, first to last; the decoder mirrors them.")
        @Default("[16, 16]") @Range(min = 1, max = 4096)
        List<Integer> channels,
        @Doc("Fraction of packets dropped in training (the paper's loss-resilient codec: 0.1 did best); the link model decides"
                + " what is lost at test.")
        @Default("0.0") @Range(min = 0, max = 0.95)
        double trainDrop,
        @Doc("Whether the representation is shuffled by a seeded permutation before it is cut into packets, so a lost packet"
                + " removes values spread over the image rather than one region.")
        @Default("true")
        boolean shuffle,
        @Doc("How the quantized representation is coded. none: ceil(log2 B) bits per value (robust: a packet carries whole"
                + " values); huffman: a Huffman code over the B levels fitted on the training images (a lost packet loses the rest"
                + " of the image's bits; report only, for loss-free links).")
        @Default("none")
        EntropyCoding coding,
        @Doc("JPEG qualities measured on the run's own test images (no loss) to give the compression efficiency: the JPEG"
                + " bytes at the codec's MS-SSIM, interpolated linearly on this curve, over the codec's bytes (test_efficiency;"
                + " test_efficiency_scan counts only JPEG's scan data, as if its header were known to the gateway). A codec"
                + " whose MS-SSIM is outside the curve gets no efficiency. Empty: not measured.")
        @Default("[]") @Range(min = 0.01, max = 1)
        List<Double> jpegQualities,
        @Doc("A frozen classifier, trained by the run on the original images, that measures the decoded ones (task accuracy,"
                + " perceptual distance, and the efficiencies at equal values of them). Unset: not measured.")
        @Default("~")
        ClassifierSpec classifier,
        @Doc("How the camera's and the gateway's weights are stored (the paper's Figure 9: trained in float32, then int8 for"
                + " the accelerators): bits 8 with method ptq rounds the trained weights and measures the codec with them"
                + " (test_msssim_float32 keeps the float model's); qat trains with them rounded. Unset: float32.")
        @Default("~")
        WeightsSpec weights) implements ModelSpec {

    public CodecModelSpec {
        channels = List.copyOf(channels);
        jpegQualities = List.copyOf(jpegQualities);
        Objects.requireNonNull(coding, "coding");
        if (channels.isEmpty()) {
            throw new FieldException("channels", "the encoder needs at least one convolution", "e.g. channels: [16, 16]");
        }
        if (patches != 1 && patches != 4 && patches != 16) {
            throw new FieldException("patches", "patches must be 1, 4 or 16 (a 1x1, 2x2 or 4x4 grid), got " + patches, "use 1, 4 or 16");
        }
    }

    /** The weights setting, float32 when unset. */
    public WeightsSpec weightsOrFloat() {
        return Objects.requireNonNullElse(weights, WeightsSpec.FLOAT32);
    }

    /** Patches along each side: 1, 2 or 4. */
    public int grid() {
        return (int) Math.round(Math.sqrt(patches));
    }

    public enum EntropyCoding implements SpecEnum {
        NONE,
        HUFFMAN
    }
}
