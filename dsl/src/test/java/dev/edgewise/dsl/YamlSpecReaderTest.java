package dev.edgewise.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.edgewise.dsl.spec.CrnnModelSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.MaxTaskSpec;
import dev.edgewise.dsl.spec.PeerExchangeSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlSpecReaderTest {

    static final Path QUICKSTART = Path.of("../experiments/quickstart.yaml");

    @Test
    void readsTheQuickstart() {
        ExperimentSpec spec = YamlSpecReader.read(QUICKSTART).spec();

        assertEquals("quickstart", spec.name());
        assertEquals(5, spec.topology().nodes());
        assertEquals("ring", spec.topology().graph());
        CrnnModelSpec model = (CrnnModelSpec) spec.model();
        assertEquals(25, model.features());
        assertEquals(List.of(50, 8), model.cell().hidden());
        assertEquals(2, spec.exchange().messageSize());
        assertEquals(PeerExchangeSpec.Aggregation.MAX, ((PeerExchangeSpec) spec.exchange()).aggregation());
        assertEquals(new MaxTaskSpec(), spec.task());
        assertEquals("max", spec.task().kind());
        assertEquals(TrainingSpec.Optimizer.ADAM, spec.training().optimizer());
    }

    @Test
    void fillsDefaultsForEverythingLeftOut() {
        ExperimentSpec spec = YamlSpecReader.read("name: tiny\ntopology: {nodes: 3}\nmodel: {kind: crnn}\nexchange: {kind: peer}\n", "tiny.yaml").spec();

        assertEquals(1, spec.seed());
        assertEquals("mnist", spec.data().source());
        assertEquals(1000, spec.data().trainSamples());
        assertEquals(5, spec.exchange().rounds());
        assertEquals(16, spec.exchange().bits());
        assertEquals(4, ((CrnnModelSpec) spec.model()).extractor().pretrain().epochs());
        assertEquals("bernoulli", spec.links().kind());
        assertEquals(1.0, spec.loss().weight("task"));
        assertEquals(0.0, spec.loss().weight("communication"));
        assertNull(spec.tracking().experiment());
        assertEquals("tiny", spec.trackingExperiment());
    }

    @Test
    void resolvesAnchorsAliasesAndMergeKeys() {
        String withAnchor = """
                name: merged
                topology: {nodes: 4}
                exchange: {kind: peer}
                model:
                  kind: crnn
                  extractor:
                    pretrain: &base {epochs: 3, batch_size: 32}
                training:
                  <<: *base
                  epochs: 5
                """;
        ExperimentSpec spec = YamlSpecReader.read(withAnchor, "merged.yaml").spec();

        assertEquals(3, ((CrnnModelSpec) spec.model()).extractor().pretrain().epochs());
        assertEquals(32, spec.training().batchSize(), "merged from the anchor");
        assertEquals(5, spec.training().epochs(), "explicit keys override merged ones");
    }

    @Test
    void canonicalYamlReadsBackToTheSameSpecAndHash() {
        ExperimentSpec spec = YamlSpecReader.read(QUICKSTART).spec();

        ExperimentSpec again = YamlSpecReader.read(CanonicalSpec.toYaml(spec), "canonical.yaml").spec();

        assertEquals(spec, again);
        assertEquals(CanonicalSpec.hash(spec), CanonicalSpec.hash(again));
    }

    @Test
    void hashIgnoresLayoutButNotValues() {
        String a = "name: h\ntopology: {nodes: 3}\nseed: 1\nmodel: {kind: crnn}\nexchange: {kind: peer}\n";
        String reordered = "# same experiment\nexchange: {kind: peer}\nseed: 1\ntopology:\n  nodes: 3\nname: h\nmodel: {kind: crnn}\n";
        String changed = "name: h\ntopology: {nodes: 4}\nseed: 1\nmodel: {kind: crnn}\nexchange: {kind: peer}\n";

        String hash = CanonicalSpec.hash(YamlSpecReader.read(a, "a.yaml").spec());

        assertEquals(hash, CanonicalSpec.hash(YamlSpecReader.read(reordered, "b.yaml").spec()));
        assertNotEquals(hash, CanonicalSpec.hash(YamlSpecReader.read(changed, "c.yaml").spec()));
    }

    @Test
    void theDefaultEngineWrittenOutIsTheSameSpecAsLeftOutAndAnotherEngineIsNot() {
        String base = "name: h\ntopology: {nodes: 3}\nmodel: {kind: crnn}\nexchange: {kind: peer}\n";
        ExperimentSpec absent = YamlSpecReader.read(base, "a.yaml").spec();
        ExperimentSpec mxnet = YamlSpecReader.read(base + "runtime: {engine: mxnet}\n", "b.yaml").spec();
        ExperimentSpec pytorch = YamlSpecReader.read(base + "runtime: {engine: pytorch}\n", "c.yaml").spec();

        // Files written before the engine could be chosen keep their hashes (and so their CI references).
        assertEquals(CanonicalSpec.hash(absent), CanonicalSpec.hash(mxnet));
        assertEquals(dev.edgewise.dsl.spec.RuntimeSpec.Engine.MXNET, dev.edgewise.dsl.spec.RuntimeSpec.of(absent).engine());
        assertNotEquals(CanonicalSpec.hash(absent), CanonicalSpec.hash(pytorch));
        assertEquals(dev.edgewise.dsl.spec.RuntimeSpec.Engine.PYTORCH, dev.edgewise.dsl.spec.RuntimeSpec.of(pytorch).engine());
        SpecException unknown = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> YamlSpecReader.read(base + "runtime: {engine: tensorflow}\n", "d.yaml"));
        org.junit.jupiter.api.Assertions.assertTrue(unknown.getMessage().contains("d.yaml:5:19"), unknown.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(unknown.getMessage().contains("pytorch"), unknown.getMessage());
    }

    @Test
    void remembersWhereEachFieldWasWritten() {
        LoadedSpec loaded = YamlSpecReader.read("name: p\ntopology:\n  nodes: 3\n  graph: hexagon\nmodel: {kind: crnn}\nexchange: {kind: peer}\n", "p.yaml");

        assertEquals(new SourcePosition("p.yaml", 4, 10), loaded.sources().positionOf("$.topology.graph"));
        assertEquals(new SourcePosition("p.yaml", 3, 3), loaded.sources().positionOf("$.topology"));
    }

    @org.junit.jupiter.api.Test
    void anUnreadableFileKeepsItsReason(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        // An AccessDeniedException's message is only the path; the reason must survive.
        org.junit.jupiter.api.Assertions.assertEquals("Permission denied",
                dev.edgewise.dsl.yaml.YamlSpecReader.reason(new java.nio.file.AccessDeniedException(dir.toString())));
        SpecException directory = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> dev.edgewise.dsl.yaml.YamlSpecReader.readText(dir));
        org.junit.jupiter.api.Assertions.assertTrue(directory.getMessage().contains("cannot read " + dir + ": Is a directory"),
                directory.getMessage());
        java.nio.file.Path locked = java.nio.file.Files.writeString(dir.resolve("locked.yaml"), "name: x\n");
        java.nio.file.Files.setPosixFilePermissions(locked, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.isReadable(locked), "root reads any file");
        SpecException denied = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> dev.edgewise.dsl.yaml.YamlSpecReader.readText(locked));
        org.junit.jupiter.api.Assertions.assertTrue(denied.getMessage().contains(": Permission denied"), denied.getMessage());
    }
}
