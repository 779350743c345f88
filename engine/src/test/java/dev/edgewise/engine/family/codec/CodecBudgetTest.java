package dev.edgewise.engine.family.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgewise.dsl.spec.DeviceSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.engine.device.ModelFootprint;
import dev.edgewise.engine.device.RoleBudget;
import dev.edgewise.engine.quant.WeightPrecision;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Starfish paper's chosen encoder (Table 6: 4 patches, 3x3 convolutions of 64, 64, 64 and 8
 * channels, each followed by 2x2 max-pooling, on 224x224 RGB images; Figure 5: flattened, no
 * dense bottleneck) counted by the codec's footprint. The paper prints 78k parameters, 83 KB
 * quantized and 126 M operations.
 */
class CodecBudgetTest {

    static final ModelFootprint PAPER = CodecBudget.encoder(List.of(64, 64, 64, 8), 4, 112, 3, 0);

    @Test
    void thePapersEncoderHas80264ParametersThat78KiloCountsInUnitsOf1024() {
        // 3*9*64+64 + 2 x (64*9*64+64) + 64*9*8+8
        assertEquals(1_792 + 36_928 + 36_928 + 4_616, PAPER.parameters());
        assertEquals(80_264, PAPER.parameters());
        assertEquals(78.38, PAPER.parameters() / 1024.0, 0.01);
    }

    @Test
    void itsInt8WeightsTake80880BytesAndItsConvolutions668MillionMacs() {
        RoleBudget int8 = RoleBudget.of("camera", "k210", new DeviceSpec(8192, 6144, 16384, null, null), false, new WeightPrecision(8, false),
                PAPER, new TrainingSpec(TrainingSpec.Optimizer.ADAM, 0.001, 0, 1, 1, null));
        // 80,064 int8 weights + one float32 scale per tensor (4) + 200 float32 biases.
        assertEquals(80_064 + 16 + 800, int8.flashBytes());
        // Per 112x112 patch: 112^2*27*64 + 56^2*576*64 + 28^2*576*64 + 14^2*576*8 MACs; four patches.
        long perPatch = 112L * 112 * 27 * 64 + 56L * 56 * 576 * 64 + 28L * 28 * 576 * 64 + 14L * 14 * 576 * 8;
        assertEquals(4 * perPatch, PAPER.macs());
        assertEquals(668_344_320L, PAPER.macs());
    }
}
