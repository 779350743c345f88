package dev.edgewise.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunProvenanceTest {

    private static RunProvenance sample() {
        return RunProvenance.of(new RunProvenance.SpecFacts("sha256:ab", 5L),
                new RunProvenance.CodeFacts("c0ffee", false, "dev", "0.36.0", "MXNet", "1.9.1", null, "sha256:cd"),
                new RunProvenance.EnvironmentFacts("17.0.9", "Eclipse", "OpenJDK 64-Bit 17", "Linux 6.1 amd64", "Xeon", 2, "1", "unset",
                        "NaiveEngine"),
                new RunProvenance.DataFacts("mnist", "sha256:ef"), "edgewise run x.yaml");
    }

    @Test
    void tagsKeepTheirNamesAndTheOrderRunsAlwaysLoggedThemIn() {
        assertEquals(List.of("edgewise.spec_hash", "edgewise.seed", "edgewise.git_commit", "edgewise.git_dirty", "edgewise.edgewise_version",
                "edgewise.djl_version", "edgewise.engine", "edgewise.engine_version", "edgewise.native_library",
                "edgewise.code_fingerprint", "edgewise.java_version", "edgewise.java_vendor", "edgewise.jvm", "edgewise.os",
                "edgewise.cpu", "edgewise.cpu_cores", "edgewise.omp_num_threads", "edgewise.mkl_num_threads",
                "edgewise.mxnet_engine_type", "edgewise.engine_threads", "edgewise.data_source", "edgewise.data_fingerprint", "edgewise.command_line"),
                List.copyOf(sample().tags().keySet()));
        Map<String, String> tags = sample().tags();
        assertEquals("5", tags.get("edgewise.seed"));
        assertEquals("false", tags.get("edgewise.git_dirty"));
        assertEquals("2", tags.get("edgewise.cpu_cores"));
        assertEquals("unknown", tags.get("edgewise.native_library"), "a fact not known is 'unknown', as before");
    }

    @Test
    void theJsonIsVersionedAndReadsBackAsTheSameRecord() throws IOException {
        String json = sample().toJson();
        assertTrue(json.contains("\"schema_version\" : " + RunProvenance.SCHEMA_VERSION), json);
        assertTrue(json.contains("\"data_fingerprint\" : \"sha256:ef\""), json);
        assertEquals(sample(), RunProvenance.fromJson(json));
        assertEquals(sample(), RunProvenance.fromTags(sample().tags()));
    }

    @Test
    void aFlatProvenanceJsonFromBeforeTheVersionFieldIsSchemaOne() throws IOException {
        RunProvenance old = RunProvenance.fromJson("{\"spec_hash\" : \"sha256:ab\", \"seed\" : \"5\", \"git_commit\" : \"unknown\","
                + " \"git_dirty\" : \"unknown\", \"omp_num_threads\" : \"1\", \"command_line\" : \"edgewise run x.yaml\"}");
        assertEquals(1, old.schemaVersion());
        assertEquals(5L, old.spec().seed());
        assertNull(old.code().gitCommit());
        assertNull(old.code().gitDirty());
        assertEquals("1", old.environment().ompNumThreads());
        assertNull(old.data(), "no data facts, no data");
        assertEquals("unknown", old.facts().get(RunProvenance.MXNET_ENGINE_TYPE), "recorded before the fact existed");
    }

    @Test
    void aSweepParentHasNoDataFactsAndANewerSchemaIsRefused() throws IOException {
        RunProvenance parent = RunProvenance.of(sample().spec(), sample().code(), sample().environment(), null, "edgewise sweep");
        assertTrue(parent.tags().keySet().stream().noneMatch(k -> k.startsWith("edgewise.data_")));
        assertEquals(parent, RunProvenance.fromJson(parent.toJson()));
        assertThrows(IOException.class, () -> RunProvenance.fromJson("{\"schema_version\" : 99}"));
    }
}
