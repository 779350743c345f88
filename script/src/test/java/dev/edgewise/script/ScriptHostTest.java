package dev.edgewise.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DataException;
import dev.edgewise.catalog.topology.TopologyParams;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.spec.ExperimentSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptHostTest {

    static final Path TOPOLOGIES = Path.of("../experiments/topologies.experiment.kts");

    @Test
    void aLoopOverTopologiesDeclaresOneExperimentPerShape() {
        Catalog catalog = new Catalog();

        LoadedScript script = TestScripts.HOST.load(TOPOLOGIES, catalog);

        List<ExperimentSpec> specs = script.getExperiments().stream().map(LoadedSpec::spec).toList();
        assertEquals(List.of("line", "ring", "star", "complete", "chorded-ring"), specs.stream().map(s -> s.topology().graph()).toList());
        assertEquals(List.of("topologies-line", "topologies-ring", "topologies-star", "topologies-complete", "topologies-chorded-ring"),
                specs.stream().map(ExperimentSpec::name).toList());
        specs.forEach(spec -> {
            assertEquals(6, spec.topology().nodes());
            assertEquals(8, spec.training().epochs(), "from the shared fragment");
            assertEquals("topologies", spec.trackingExperiment());
        });
    }

    @Test
    void aScriptRegistersItsTopologyInTheCatalog() {
        Catalog catalog = new Catalog();

        LoadedScript script = TestScripts.HOST.load(TOPOLOGIES, catalog);

        assertEquals(List.of("chorded-ring"), script.getParts());
        assertEquals(8, catalog.topologies().create("chorded-ring", TopologyParams.ofNodes(6)).edgeCount(), "6 ring links + 2 chords");
    }

    @Test
    void loadingTheSameScriptAgainReplacesItsOwnParts() {
        Catalog catalog = new Catalog();

        TestScripts.HOST.load(TOPOLOGIES, catalog);
        TestScripts.HOST.load(TOPOLOGIES, catalog);

        assertTrue(catalog.topologies().names().contains("chorded-ring"));
    }

    @Test
    void anotherScriptCannotTakeARegisteredName(@TempDir Path dir) throws IOException {
        Catalog catalog = new Catalog();
        TestScripts.HOST.load(TOPOLOGIES, catalog);
        Path other = Files.copy(TOPOLOGIES, dir.resolve("topologies.experiment.kts"));

        SpecException error = assertThrows(SpecException.class, () -> TestScripts.HOST.load(other, catalog));

        String message = error.problems().get(0).format();
        assertTrue(message.startsWith(other + ":"), message);
        assertTrue(message.contains("topology 'chorded-ring' is already registered by "), message);
    }

    @Test
    void aFactoryThatCrashesIsReportedWithItsScriptLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("crash.experiment.kts");
        Files.writeString(file, """
                topology("first-pair") { params ->
                    val edges = listOf(intArrayOf(0, 1))
                    Topologies.edges(params.requireNodes(), listOf(edges[1]))
                }
                """);
        Catalog catalog = new Catalog();
        TestScripts.HOST.load(file, catalog);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> catalog.topologies().create("first-pair", TopologyParams.ofNodes(3)));

        assertTrue(error.getMessage().startsWith("topology 'first-pair': failed: IndexOutOfBoundsException"), error.getMessage());
        assertTrue(error.getMessage().endsWith("(" + file + ":3)"), error.getMessage());
    }

    @Test
    void aScriptRegistersDatasetsAndALoaderThatCrashesNamesItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.experiment.kts");
        Files.writeString(file, """
                dataset("four-blank-digits") { _ ->
                    ImageDataset("four-blank-digits", "script", "sha256:0", 28, 28, FloatArray(4 * 28 * 28), intArrayOf(0, 1, 2, 3))
                }
                dataset("broken-digits") { _ -> error("no digits here") }
                """);
        Catalog catalog = new Catalog();
        DataCache cache = DataCache.at(dir.resolve("cache"));

        TestScripts.HOST.load(file, catalog);

        assertEquals(4, catalog.datasets().load("four-blank-digits", cache).size());
        SpecException error = assertThrows(SpecException.class, () -> catalog.datasets().load("broken-digits", cache));
        assertEquals(file + ":4:1: dataset 'broken-digits' failed to load: IllegalStateException: no digits here\n"
                + "  hint: fix the loader in the script", error.problems().get(0).format());
    }

    @Test
    void anUnchangedScriptIsLoadedFromTheCacheWithoutTheCompiler(@TempDir Path dir) {
        ScriptHost host = new ScriptHost(new ScriptCache(dir));
        Path quickstart = Path.of("../experiments/quickstart.experiment.kts");

        LoadedScript first = host.load(quickstart, new Catalog());
        LoadedScript second = host.load(quickstart, new Catalog());

        assertFalse(first.getFromCache());
        assertTrue(second.getFromCache());
        assertTrue(second.getCompileSeconds() < 1.5, () -> "cached load took " + second.getCompileSeconds() + " s");
        assertEquals(first.getExperiments().get(0).spec(), second.getExperiments().get(0).spec());
    }

    @Test
    void anEditedScriptIsCompiledAgain(@TempDir Path dir) throws IOException {
        ScriptHost host = new ScriptHost(new ScriptCache(dir.resolve("cache")));
        Path file = dir.resolve("small.experiment.kts");
        Files.writeString(file, "experiment(\"small\") { nodes = 3; model(crnn {}); exchange(peer {}) }\n");
        host.load(file, new Catalog());

        Files.writeString(file, "experiment(\"small\") { nodes = 4; model(crnn {}); exchange(peer {}) }\n");
        LoadedScript edited = host.load(file, new Catalog());

        assertFalse(edited.getFromCache());
        assertEquals(4, edited.getExperiments().get(0).spec().topology().nodes());
        try (var jars = Files.list(dir.resolve("cache"))) {
            assertEquals(1, jars.count(), "the jar of the old version is pruned");
        }
    }
}
