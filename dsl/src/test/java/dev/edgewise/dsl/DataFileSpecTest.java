package dev.edgewise.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.builder.Exchange;
import dev.edgewise.dsl.builder.Experiment;
import dev.edgewise.dsl.builder.Model;
import dev.edgewise.dsl.builder.Variant;
import dev.edgewise.dsl.spec.CsvFileSpec;
import dev.edgewise.dsl.spec.DataFileSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.NpyFileSpec;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** data.file: its kinds bind like every variant section, and data paths are made absolute against the file they are read from. */
class DataFileSpecTest {

    private static final String REST = "topology: {nodes: 2}\nmodel: {kind: crnn}\nexchange: {kind: peer}\n";

    @Test
    void relativePathsAreTakenFromTheExperimentFilesFolderAndAbsoluteOnesKept() {
        ExperimentSpec spec = YamlSpecReader.read("name: f\ndata:\n  source: file\n  file: {kind: npy, path: ../data/x.npy, labels: /abs/y.npy}\n"
                + REST, "/home/me/experiments/f.yaml").spec();

        NpyFileSpec file = (NpyFileSpec) spec.data().file();
        assertEquals("/home/me/data/x.npy", file.path());
        assertEquals("/abs/y.npy", file.labels());
    }

    @Test
    void theCanonicalSpecOfAReadFileReadsBackToTheSameSpec() {
        ExperimentSpec spec = YamlSpecReader.read("name: f\ndata:\n  source: file\n  file: {kind: csv, path: s.tsv, features: [a, b], target: y,"
                + " window: 4, bins: 3}\n" + REST, "/x/f.yaml").spec();
        CsvFileSpec csv = (CsvFileSpec) spec.data().file();
        assertEquals('\t', csv.delimiterChar(), "a .tsv is tab-separated unless delimiter says otherwise");
        assertEquals(CsvFileSpec.Scaling.MINMAX, csv.scaling());

        // What a sweep point or a reproduction reads: the written-out spec, from another folder.
        ExperimentSpec again = YamlSpecReader.read(CanonicalSpec.toYaml(spec), "/tmp/elsewhere/spec.yaml").spec();
        assertEquals(spec, again);
    }

    /** The same experiment in two checkouts is the same experiment: its hash does not depend on where the files sit. */
    @Test
    void theSpecHashCountsDataFilesByNameNotByPlace() {
        String yaml = "name: f\ndata:\n  source: file\n  file: {kind: npy, path: data/x.npy, labels: data/y.npy}\n" + REST;
        ExperimentSpec here = YamlSpecReader.read(yaml, "/home/me/edgewise/experiments/f.yaml").spec();
        ExperimentSpec there = YamlSpecReader.read(yaml, "/builds/ci/clone/experiments/f.yaml").spec();
        ExperimentSpec otherFile = YamlSpecReader.read(yaml.replace("x.npy", "z.npy"), "/home/me/edgewise/experiments/f.yaml").spec();

        assertEquals(CanonicalSpec.hash(here), CanonicalSpec.hash(there));
        assertTrue(!CanonicalSpec.hash(here).equals(CanonicalSpec.hash(otherFile)), "another file name is another experiment");
        assertTrue(CanonicalSpec.toYaml(there).contains("/builds/ci/clone/experiments/data/x.npy"), "the written-out spec keeps the path");
    }

    @Test
    void theBuilderSetsSourceFileAndTheKindsKeys() {
        ExperimentSpec built = Experiment.named("f").nodes(2).model(Model.crnn(m -> {})).exchange(Exchange.peer(x -> {}))
                .data(d -> d.file(Variant.of(DataFileSpec.class, "npy", f -> f.set("path", "/d/x.npy").set("labels", "/d/y.npy"))))
                .build();

        assertEquals("file", built.data().source());
        assertTrue(built.data().file() instanceof NpyFileSpec npy && npy.path().equals(Path.of("/d/x.npy").toString()));
    }
}
