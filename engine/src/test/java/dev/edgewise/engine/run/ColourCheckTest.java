package dev.edgewise.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import org.junit.jupiter.api.Test;

/** A colour dataset goes only to families that take colour; the others are refused it before anything runs. */
class ColourCheckTest {

    /** 50 colour 28x28 images: the C-RNN's size, so only the channels are wrong for it. */
    private static DatasetRegistry colour() {
        int count = 50;
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        return new DatasetRegistry().register("colour", cache -> new ImageDataset("colour", "test", "sha256:0", 28, 28,
                new float[count * 3 * 28 * 28], labels, 8, 0, 3));
    }

    @Test
    void aFamilyOfOneChannelIsRefusedAColourDataset() {
        String spec = "name: grey-only\ntopology: {nodes: 2}\ndata: {source: colour, train_samples: 8, test_samples: 4}\n"
                + "model: {kind: crnn, extractor: {pretrain: {epochs: 0}}}\nexchange: {kind: peer}\ntraining: {epochs: 1}\ntracking: {mlflow: false}\n";
        SpecException e = assertThrows(SpecException.class,
                () -> CompiledExperiment.compile(YamlSpecReader.read(spec, "grey-only.yaml"), new TopologyRegistry(), colour()));
        assertEquals("$.data.source", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().contains("dataset 'colour' holds colour images (3 channels), and model kind crnn takes one channel"),
                e.getMessage());
    }

    @Test
    void theCodecTakesAColourDataset() {
        String spec = "name: colour-codec\ntopology: {nodes: 1, graph: star}\ndata: {source: colour, view: whole, train_samples: 8, test_samples: 4}\n"
                + "model: {kind: codec, padding: 2, channels: [4, 4]}\nexchange: {kind: upward, message_size: 16, quantization: {levels: 16, training: noise}}\n"
                + "links: {kind: packets, payload: 51, failure: 0.0, in_training: false}\ntask: {kind: reconstruction, msssim_scales: 3, msssim_window: 7}\n"
                + "training: {epochs: 1}\ntracking: {mlflow: false}\n";
        CompiledExperiment compiled = CompiledExperiment.compile(YamlSpecReader.read(spec, "colour-codec.yaml"), new TopologyRegistry(), colour());
        assertEquals("colour-codec", compiled.spec().name());
    }
}
