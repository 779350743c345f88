package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.engine.cli.CliTest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each "your own data" example of experiments/own-data, on a copy of the repository's data files:
 * validate, run (one short epoch), and reproduce from the run store bit for bit, with the data
 * recorded as the files' path and fingerprint. Then: one byte changed in a data file changes the
 * fingerprint, so the run cache misses, and reproduce names the changed file.
 */
class OwnDataEndToEndTest {

    private static final Pattern RUN_STORE = Pattern.compile("run store: (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void copyTheExamples() throws IOException {
        copyTree(Path.of("../experiments/own-data"), dir.resolve("own-data"));
        copyTree(Path.of("../experiments/data"), dir.resolve("data"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "csv-weather; data.train_samples=64; data.test_samples=32",
            "idx-digits; data.train_samples=64; model.extractor.pretrain.epochs=1",
            "images-digits; data.train_samples=32; data.test_samples=16",
            "npy-digits; data.train_samples=32; data.test_samples=16"})
    void validateRunAndReproduce(String example, String override1, String override2) throws IOException {
        Path file = dir.resolve("own-data").resolve(example + ".yaml");
        Path runs = dir.resolve("runs-" + example);
        Path mlruns = dir.resolve("mlruns-" + example);

        Result validated = CliTest.execute("validate", file.toString());
        assertEquals(0, validated.code(), validated::err);
        assertTrue(validated.out().contains(": ok ("), validated.out());

        Result ran = CliTest.execute("run", file.toString(), override1, override2, "training.epochs=1", "--no-progress",
                "--runs", runs.toString(), "--mlruns", mlruns.toString());
        assertEquals(0, ran.code(), ran::err);
        Path runDir = runDir(ran);
        JsonNode tags = JSON.readTree(runDir.resolve("tags.json").toFile());
        String dataFile = example.equals("images-digits") ? "digit-images" : example.equals("csv-weather") ? "weather-2012-2013.csv"
                : example.equals("idx-digits") ? "images-idx3-ubyte.gz" : "x.npy";
        assertTrue(tags.get("edgewise.data_source").asText().startsWith("file:" + dir.toRealPath()) 
                || tags.get("edgewise.data_source").asText().startsWith("file:" + dir), tags::toString);
        assertTrue(tags.get("edgewise.data_source").asText().endsWith(dataFile), tags::toString);
        assertTrue(tags.get("edgewise.data_fingerprint").asText().matches("sha256:[0-9a-f]{64}"), tags::toString);

        Result again = CliTest.execute("reproduce", runDir.getFileName().toString(), "--no-progress", "--runs", runs.toString(),
                "--mlruns", mlruns.toString());
        assertEquals(0, again.code(), () -> again.out() + again.err());
        assertTrue(again.out().contains(dataFile + " unchanged"), again.out());
        assertTrue(again.out().contains("identical: "), again.out());
    }

    @Test
    void oneChangedByteChangesTheFingerprintMissesTheRunCacheAndReproduceSaysSo() throws IOException {
        Path experiments = dir.resolve("changed");
        copyTree(Path.of("../experiments/own-data"), experiments.resolve("own-data"));
        copyTree(Path.of("../experiments/data"), experiments.resolve("data"));
        Path file = experiments.resolve("own-data/csv-weather.yaml");
        Path csv = experiments.resolve("data/weather-2012-2013.csv");
        Path runs = experiments.resolve("runs");
        String[] run = {"run", file.toString(), "data.train_samples=64", "data.test_samples=32", "training.epochs=1", "--no-progress",
                "--runs", runs.toString(), "--mlruns", experiments.resolve("mlruns").toString()};

        Result first = CliTest.execute(run);
        Result cached = CliTest.execute(run);
        assertEquals(0, first.code(), first::err);
        assertTrue(cached.out().contains("not run again"), "same files, same options: the run cache hits\n" + cached.out());

        // One byte: Seattle's precipitation on 2012-01-05, 1.3 -> 1.4 (a training day).
        byte[] content = Files.readAllBytes(csv);
        String text = new String(content, StandardCharsets.UTF_8);
        int at = text.indexOf("Seattle,2012-01-05,1.3,") + "Seattle,2012-01-05,1.".length();
        assertEquals('3', (char) content[at]);
        content[at] = '4';
        Files.write(csv, content);

        Result changed = CliTest.execute(run);
        assertEquals(0, changed.code(), changed::err);
        assertFalse(changed.out().contains("not run again"), "a changed byte must miss the run cache\n" + changed.out());
        String before = JSON.readTree(runDir(first).resolve("tags.json").toFile()).get("edgewise.data_fingerprint").asText();
        String after = JSON.readTree(runDir(changed).resolve("tags.json").toFile()).get("edgewise.data_fingerprint").asText();
        assertNotEquals(before, after);
        assertNotEquals(JSON.readTree(runDir(first).resolve("tags.json").toFile()).get("edgewise.cache_key").asText(),
                JSON.readTree(runDir(changed).resolve("tags.json").toFile()).get("edgewise.cache_key").asText());

        Result reproduced = CliTest.execute("reproduce", runDir(first).getFileName().toString(), "--no-progress", "--runs", runs.toString(),
                "--mlruns", experiments.resolve("mlruns").toString());
        assertTrue(reproduced.out().contains("weather-2012-2013.csv CHANGED since the run"), reproduced.out());
        assertTrue(reproduced.out().contains("data_fingerprint"), reproduced.out());
    }

    private static Path runDir(Result result) {
        Matcher m = RUN_STORE.matcher(result.out());
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(1, found.size(), result.out());
        return Path.of(found.get(0));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
