package dev.edgewise.engine.track;

import dev.edgewise.catalog.io.AtomicFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes runs into an MLflow file store ({@code mlruns/}) in the layout MLflow's own FileStore
 * writes, so {@code mlflow ui --backend-store-uri ./mlruns} shows them without an MLflow server.
 *
 * <p>meta.yaml files are emitted the way MLflow does (PyYAML {@code safe_dump}, block style, sorted
 * keys); SnakeYAML is a port of PyYAML and quotes the same scalars ({@code experiment_id: '0'},
 * {@code entry_point_name: ''}). Metric values are formatted like Python's {@code repr(float)}.
 */
public final class MlflowFileStore implements RunSink, Syncable {

    public static final String DEFAULT_EXPERIMENT_ID = "0";
    public static final String DEFAULT_EXPERIMENT_NAME = "Default";
    static final String META = "meta.yaml";
    static final String TAG_RUN_NAME = "mlflow.runName";
    static final String TAG_PARENT_RUN_ID = "mlflow.parentRunId";
    static final String TAG_USER = "mlflow.user";
    /** MLflow's SourceType.LOCAL. */
    static final int SOURCE_TYPE_LOCAL = 4;

    private static final Logger log = LoggerFactory.getLogger(MlflowFileStore.class);
    // Guards find-or-create of experiments between threads; the file lock guards between processes.
    private static final Object EXPERIMENT_LOCK = new Object();
    private static final String LOCK_FILE = ".edgewise-lock";
    private static final long MIN_EXPERIMENT_ID = 100_000_000_000_000_000L;

    private final Path root;
    private final Random random = new SecureRandom();

    // The current run.
    private Path runDir;
    private TreeMap<String, Object> runMeta;

    public MlflowFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The MLflow run folder of the current run. */
    public Path runDir() {
        if (runDir == null) {
            throw new IllegalStateException("no run in progress");
        }
        return runDir;
    }

    @Override
    public String name() {
        return "MLflow file store " + root;
    }

    @Override
    public void accept(RunEvent event) throws IOException {
        if (event instanceof RunEvent.Started s) {
            start(s.run());
            return;
        }
        if (runDir == null) {
            throw new IllegalStateException("event before Started: " + event);
        }
        if (event instanceof RunEvent.Param p) {
            logParam(p.key(), p.value());
        } else if (event instanceof RunEvent.Tag t) {
            setTag(t.key(), t.value());
        } else if (event instanceof RunEvent.Metric m) {
            MlflowKeys.check("metric", m.key());
            Path file = MlflowKeys.file(runDir.resolve("metrics"), m.key());
            Files.createDirectories(file.getParent());
            String line = m.timestampMs() + " " + pythonFloat(m.value()) + " " + m.step() + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } else if (event instanceof RunEvent.Artifact a) {
            Path target = ArtifactPaths.resolve(runDir.resolve("artifacts"), a.path());
            Files.createDirectories(target.getParent());
            Files.copy(a.file(), target, StandardCopyOption.REPLACE_EXISTING);
        } else if (event instanceof RunEvent.Finished f) {
            runMeta.put("status", f.status().mlflowCode());
            runMeta.put("end_time", f.endTimeMs());
            writeYaml(runDir.resolve(META), runMeta);
            runDir = null;
            runMeta = null;
        }
    }

    /**
     * Makes this file store hold the run exactly as the run store recorded it. A run folder that
     * already matches (status, params, tags, metric counts, artifact sizes) is left alone; anything
     * else is written again from the events, which replaces the folder, so nothing is ever doubled.
     */
    @Override
    public SyncReport sync(List<RunEvent> events) throws IOException {
        if (events.isEmpty() || !(events.get(0) instanceof RunEvent.Started started)) {
            throw new IllegalArgumentException("a run's events start with Started");
        }
        RunInfo info = started.run();
        Map<String, String> params = new TreeMap<>();
        Map<String, String> tags = new TreeMap<>();
        Map<String, Integer> metricCounts = new TreeMap<>();
        Map<String, Path> artifacts = new TreeMap<>();
        RunEvent.Finished finished = null;
        int metricValues = 0;
        for (RunEvent e : events) {
            if (e instanceof RunEvent.Param p) {
                params.put(p.key(), p.value());
            } else if (e instanceof RunEvent.Tag t) {
                tags.put(t.key(), t.value());
            } else if (e instanceof RunEvent.Metric m) {
                metricCounts.merge(m.key(), 1, Integer::sum);
                metricValues++;
            } else if (e instanceof RunEvent.Artifact a) {
                artifacts.put(a.path(), a.file());
            } else if (e instanceof RunEvent.Finished f) {
                finished = f;
            }
        }
        Path existing = root.resolve(experimentId(info.experimentName())).resolve(info.runId());
        if (matches(existing, params, tags, metricCounts, artifacts, finished)) {
            return new SyncReport(info.runId(), name(), info.runId(), false, 0, 0, 0, 0, false, List.of());
        }
        boolean created = !Files.isDirectory(existing);
        if (!created) {
            refuseToShrink(existing, metricCounts, artifacts, finished);
        }
        for (RunEvent e : events) {
            accept(e);
        }
        // A run the run store still calls RUNNING stays RUNNING here, and this sink is free for the next run.
        runDir = null;
        runMeta = null;
        return new SyncReport(info.runId(), name(), info.runId(), created, params.size(), tags.size(), metricValues, artifacts.size(),
                finished != null, List.of());
    }

    /**
     * Writing the run again replaces its folder, so it must not hold less than the folder does: an
     * ended run must stay ended, and no metric value or artifact may go. Otherwise the run store's
     * copy is the incomplete one, and the folder is left alone.
     */
    private static void refuseToShrink(Path dir, Map<String, Integer> metricCounts, Map<String, Path> artifacts,
            RunEvent.Finished finished) throws IOException {
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return;
        }
        Object status = readYaml(meta).get("status");
        if (finished == null && status instanceof Number n && n.intValue() != RunStatus.RUNNING.mlflowCode()) {
            throw new IOException(dir + " has ended (status " + n + ") but the run store's copy has not: not replacing it");
        }
        Path metricsDir = dir.resolve("metrics");
        if (Files.isDirectory(metricsDir)) {
            try (var files = Files.walk(metricsDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String key = metricsDir.relativize(f).toString().replace('\\', '/');
                    long have = Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
                    if (have > metricCounts.getOrDefault(key, 0)) {
                        throw new IOException(dir + " has " + have + " values of metric '" + key + "', the run store only "
                                + metricCounts.getOrDefault(key, 0) + ": not replacing it");
                    }
                }
            }
        }
        Path artifactsDir = dir.resolve("artifacts");
        if (Files.isDirectory(artifactsDir)) {
            try (var files = Files.walk(artifactsDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String path = artifactsDir.relativize(f).toString().replace('\\', '/');
                    if (!artifacts.containsKey(path)) {
                        throw new IOException(dir + " has artifact '" + path + "' that the run store's copy lacks: not replacing it");
                    }
                }
            }
        }
    }

    private static boolean matches(Path dir, Map<String, String> params, Map<String, String> tags, Map<String, Integer> metricCounts,
            Map<String, Path> artifacts, RunEvent.Finished finished) throws IOException {
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return false;
        }
        Map<String, Object> m = readYaml(meta);
        int status = finished == null ? RunStatus.RUNNING.mlflowCode() : finished.status().mlflowCode();
        Object end = m.get("end_time");
        if (!Integer.valueOf(status).equals(m.get("status"))
                || (finished != null && !(end instanceof Number n && n.longValue() == finished.endTimeMs()))) {
            return false;
        }
        for (Map.Entry<String, String> p : params.entrySet()) {
            Path file = MlflowKeys.file(dir.resolve("params"), p.getKey());
            if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(p.getValue())) {
                return false;
            }
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            Path file = MlflowKeys.file(dir.resolve("tags"), t.getKey());
            if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(t.getValue())) {
                return false;
            }
        }
        for (Map.Entry<String, Integer> c : metricCounts.entrySet()) {
            Path file = MlflowKeys.file(dir.resolve("metrics"), c.getKey());
            if (!Files.isRegularFile(file) || Files.readAllLines(file, StandardCharsets.UTF_8).size() != c.getValue()) {
                return false;
            }
        }
        for (Map.Entry<String, Path> a : artifacts.entrySet()) {
            Path file = ArtifactPaths.resolve(dir.resolve("artifacts"), a.getKey());
            if (!Files.isRegularFile(file) || !Files.isRegularFile(a.getValue()) || Files.size(file) != Files.size(a.getValue())) {
                return false;
            }
        }
        return true;
    }

    private void start(RunInfo run) throws IOException {
        if (runDir != null) {
            throw new IllegalStateException("a run is still in progress in " + runDir);
        }
        String experimentId = experimentId(run.experimentName());
        Path dir = root.resolve(experimentId).resolve(run.runId());
        if (Files.exists(dir)) {
            // The same run id again means a replay of the same run: the file store is derived data.
            log.info("replacing MLflow run folder {} (run {} is being written again)", dir, run.runId());
            deleteTree(dir);
        }
        for (String sub : List.of("metrics", "params", "tags", "artifacts")) {
            Files.createDirectories(dir.resolve(sub));
        }
        String runName = run.runName() == null || run.runName().isEmpty() ? run.runId() : run.runName();
        TreeMap<String, Object> meta = new TreeMap<>();
        meta.put("artifact_uri", fileUri(dir.resolve("artifacts")));
        meta.put("end_time", null);
        meta.put("entry_point_name", "");
        meta.put("experiment_id", experimentId);
        meta.put("lifecycle_stage", "active");
        meta.put("run_id", run.runId());
        meta.put("run_name", runName);
        meta.put("run_uuid", run.runId());
        meta.put("source_name", "");
        meta.put("source_type", SOURCE_TYPE_LOCAL);
        meta.put("source_version", "");
        meta.put("start_time", run.startTimeMs());
        meta.put("status", RunStatus.RUNNING.mlflowCode());
        // MLflow keeps writing an empty 'tags' list for old readers; real tags live in tags/.
        meta.put("tags", List.of());
        meta.put("user_id", run.user() == null ? "unknown" : run.user());
        writeYaml(dir.resolve(META), meta);
        runDir = dir;
        runMeta = meta;
        writeTag(TAG_RUN_NAME, runName);
        if (run.user() != null) {
            writeTag(TAG_USER, run.user());
        }
        if (run.parentRunId() != null) {
            writeTag(TAG_PARENT_RUN_ID, run.parentRunId());
        }
    }

    private void logParam(String key, String value) throws IOException {
        MlflowKeys.check("param", key);
        Path file = MlflowKeys.file(runDir.resolve("params"), key);
        if (Files.exists(file)) {
            String previous = Files.readString(file, StandardCharsets.UTF_8);
            if (previous.equals(value)) {
                return;
            }
            throw new IllegalStateException("param '" + key + "' was already logged as '" + previous
                    + "' and cannot change to '" + value + "' within a run");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, value, StandardCharsets.UTF_8);
    }

    private void setTag(String key, String value) throws IOException {
        writeTag(key, value);
        if (key.equals(TAG_RUN_NAME)) {
            // MLflow keeps meta.yaml's run_name in step with the tag.
            runMeta.put("run_name", value);
            writeYaml(runDir.resolve(META), runMeta);
        }
    }

    private void writeTag(String key, String value) throws IOException {
        MlflowKeys.check("tag", key);
        Path file = MlflowKeys.file(runDir.resolve("tags"), key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, value, StandardCharsets.UTF_8);
    }

    /** Finds the active experiment called {@code name}, creating it (and experiment 0) as needed. */
    String experimentId(String name) throws IOException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("experiment name is empty");
        }
        synchronized (EXPERIMENT_LOCK) {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    ensureDefaultExperiment();
                    Optional<String> found = findExperiment(name);
                    return found.isPresent() ? found.get() : createExperiment(name);
                } finally {
                    lock.release();
                }
            }
        }
    }

    private void ensureDefaultExperiment() throws IOException {
        // MLflow's FileStore creates .trash next to the experiments and expects it to be there.
        Files.createDirectories(root.resolve(".trash"));
        Path meta = root.resolve(DEFAULT_EXPERIMENT_ID).resolve(META);
        if (!Files.exists(meta)) {
            writeExperimentMeta(DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME);
        }
    }

    private Optional<String> findExperiment(String name) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted(Comparator.comparing(Path::toString)).toList()) {
                String folder = dir.getFileName().toString();
                // Skip MLflow's trash and model registry folders and anything hidden.
                if (folder.startsWith(".") || folder.equals("models") || !Files.isDirectory(dir)) {
                    continue;
                }
                Path meta = dir.resolve(META);
                if (!Files.isRegularFile(meta)) {
                    continue;
                }
                Map<String, Object> m = readYaml(meta);
                if (name.equals(m.get("name")) && !"deleted".equals(m.get("lifecycle_stage"))) {
                    Object id = m.get("experiment_id");
                    return Optional.of(id == null ? folder : String.valueOf(id));
                }
            }
        }
        return Optional.empty();
    }

    private String createExperiment(String name) throws IOException {
        while (true) {
            // Like MLflow's file store: a large random integer id, kept as a string.
            String id = Long.toString(MIN_EXPERIMENT_ID + random.nextLong(9 * MIN_EXPERIMENT_ID));
            try {
                Files.createDirectory(root.resolve(id));
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            writeExperimentMeta(id, name);
            log.info("created MLflow experiment '{}' (id {}) in {}", name, id, root);
            return id;
        }
    }

    private void writeExperimentMeta(String id, String name) throws IOException {
        long now = System.currentTimeMillis();
        TreeMap<String, Object> meta = new TreeMap<>();
        meta.put("artifact_location", fileUri(root.resolve(id)));
        meta.put("creation_time", now);
        meta.put("experiment_id", id);
        meta.put("last_update_time", now);
        meta.put("lifecycle_stage", "active");
        meta.put("name", name);
        writeYaml(root.resolve(id).resolve(META), meta);
    }

    static void writeYaml(Path file, Map<String, Object> sortedData) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
        AtomicFiles.writeString(file, yaml.dump(sortedData));
    }

    static Map<String, Object> readYaml(Path file) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Object loaded = yaml.load(Files.readString(file, StandardCharsets.UTF_8));
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IOException(file + ": not a YAML mapping");
        }
        TreeMap<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /**
     * {@code file://} URI of an absolute path, spelled like Python's {@code pathlib.Path.as_uri()}
     * (no trailing slash, percent-encoding everything but unreserved characters and '/'), which
     * is what MLflow writes and compares against.
     */
    static String fileUri(Path path) {
        String p = path.toAbsolutePath().normalize().toString().replace('\\', '/');
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        StringBuilder sb = new StringBuilder("file://");
        for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            if (unreserved) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * A double as Python's {@code repr(float)} writes it ("0.5", "1e-05", "1e+16", "nan", "inf"),
     * the form MLflow's own file store puts in metric files.
     */
    static String pythonFloat(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exponent = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = d.toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
        return sign + mantissa + "e" + exp;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
