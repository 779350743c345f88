package dev.edgewise.engine.family.codec;

import dev.edgewise.dsl.spec.CodecModelSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.PacketisedLinksSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import java.util.List;

/**
 * What a codec spec implies for images of one size, counted without building it: parameters of
 * each half, the representation's bits, and how it is packetised (values in order, none straddling
 * two packets, as the packet link model cuts them).
 *
 * @param channels C of the images
 * @param patchSide h of one patch before padding
 * @param levels B
 */
record CodecShape(CodecModelSpec model, int channels, int patchSide, int representation, int levels, int payload) {

    static CodecShape of(ExperimentSpec spec, int height, int width, int channels) {
        CodecModelSpec model = (CodecModelSpec) spec.model();
        UpwardExchangeSpec exchange = (UpwardExchangeSpec) spec.exchange();
        int levels = exchange.quantization() == null ? 0 : exchange.quantization().levelCount();
        int payload = spec.links() instanceof PacketisedLinksSpec packets ? packets.payloadBytes() : Integer.MAX_VALUE / 8;
        return new CodecShape(model, channels, height / model.grid(), exchange.messageSize(), levels, payload);
    }

    /** Values of one patch's representation. */
    int perPatch() {
        return representation / model.patches();
    }

    /** Side of the last encoder stage's maps. */
    int side() {
        return (patchSide + 2 * model.padding()) >> model.channels().size();
    }

    long encoderParameters() {
        List<Integer> stages = model.channels();
        long total = 0;
        int in = channels;
        for (int out : stages) {
            total += (long) in * 9 * out + out;
            in = out;
        }
        long flat = (long) in * side() * side();
        return total + flat * perPatch() + perPatch();
    }

    long decoderParameters() {
        List<Integer> stages = model.channels();
        long flat = (long) stages.get(stages.size() - 1) * side() * side();
        long total = (long) perPatch() * flat + flat;
        for (int i = stages.size() - 1; i >= 0; i--) {
            int out = i > 0 ? stages.get(i - 1) : channels;
            total += (long) stages.get(i) * 9 * out + out;
        }
        return total;
    }

    /** ceil(log2 B): a level index sent as is. */
    int bitsPerValue() {
        return 32 - Integer.numberOfLeadingZeros(levels - 1);
    }

    /** Whole values one packet carries. */
    int valuesPerPacket() {
        return Math.max(1, 8 * payload / bitsPerValue());
    }

    int packetsPerImage() {
        return (representation + valuesPerPacket() - 1) / valuesPerPacket();
    }

    /** Bytes on the air per image: each packet's values, rounded up to whole bytes. */
    long bytesPerImage() {
        int full = representation / valuesPerPacket();
        int rest = representation % valuesPerPacket();
        return full * (((long) valuesPerPacket() * bitsPerValue() + 7) / 8) + ((long) rest * bitsPerValue() + 7) / 8;
    }
}
