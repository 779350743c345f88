package dev.edgewise.engine.family.codec;

import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.PacketisedLinksSpec;
import dev.edgewise.engine.device.ModelFootprint;
import dev.edgewise.engine.family.DataShape;
import java.util.List;
import java.util.Map;

/**
 * What the JPEG baseline's camera (role {@code camera}) needs on a device, as a baseline encoder
 * works: no learned weights (its quantization and Huffman tables are constants of the encoder's
 * code, which the budget does not count); the frame in RAM at 8 bits a value (one channel for grey
 * images, three for colour, as the codec family counts its images), counted in 4-byte slots; while encoding, one stripe of 8 rows as
 * float32 DCT coefficients and one packet's payload buffer; MACs of a separable 8x8 DCT, 2 x 8 x 64
 * per block, 16 per value. Nothing trains: placed with {@code training: true} it needs what encoding needs.
 */
final class JpegBudget {

    static final String ROLE = "camera";

    private JpegBudget() {}

    static Map<String, ModelFootprint> footprints(ExperimentSpec spec, DataShape data) {
        return Map.of(ROLE, footprint(data.channels(), data.height(), data.width(), payload(spec)));
    }

    static ModelFootprint footprint(int channels, int height, int width, int payload) {
        long pixels = (long) channels * height * width;
        long frame = (pixels + 3) / 4;
        long stripe = 8L * channels * width + (payload + 3) / 4;
        return new ModelFootprint(List.of(), 0, frame, stripe, frame + stripe, 16 * pixels);
    }

    private static int payload(ExperimentSpec spec) {
        return spec.links() instanceof PacketisedLinksSpec packets ? packets.payloadBytes() : 0;
    }
}
