package dev.edgewise.engine.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What produced a run, as data: enough to run it again and to know when a re-run may differ. A run
 * carries it twice, as {@value RunStoreLayout#PROVENANCE_ARTIFACT} ({@link #toJson}, versioned) and as
 * one {@code edgewise.<fact>} tag per fact ({@link #tags}), which is what MLflow queries filter on.
 *
 * <p>A fact nobody could find out (no git, no {@code /proc/cpuinfo}, a run recorded before the fact
 * existed) is null here and {@value #UNKNOWN} in the tags.
 *
 * <p>Schema versions: 1 is the flat map of fact names to strings that runs wrote before the
 * version field existed; {@value #SCHEMA_VERSION} groups the same fact names by what they describe
 * and writes numbers and flags as JSON numbers and booleans. {@link #fromJson} reads both.
 *
 * @param data null for a run that loads no data itself (a sweep's parent)
 */
public record RunProvenance(int schemaVersion, SpecFacts spec, CodeFacts code, EnvironmentFacts environment, DataFacts data,
        String commandLine) {

    public static final int SCHEMA_VERSION = 2;
    public static final String TAG_PREFIX = "edgewise.";
    public static final String UNKNOWN = "unknown";

    // The fact names: tag suffixes since the first release, so users' MLflow queries rely on them.
    public static final String SPEC_HASH = "spec_hash";
    public static final String SEED = "seed";
    public static final String GIT_COMMIT = "git_commit";
    public static final String GIT_DIRTY = "git_dirty";
    public static final String EDGEWISE_VERSION = "edgewise_version";
    public static final String DJL_VERSION = "djl_version";
    public static final String ENGINE = "engine";
    public static final String ENGINE_VERSION = "engine_version";
    public static final String NATIVE_LIBRARY = "native_library";
    public static final String CODE_FINGERPRINT = "code_fingerprint";
    public static final String JAVA_VERSION = "java_version";
    public static final String JAVA_VENDOR = "java_vendor";
    public static final String JVM = "jvm";
    public static final String OS = "os";
    public static final String CPU = "cpu";
    public static final String CPU_CORES = "cpu_cores";
    public static final String OMP_NUM_THREADS = "omp_num_threads";
    public static final String MKL_NUM_THREADS = "mkl_num_threads";
    public static final String MXNET_ENGINE_TYPE = "mxnet_engine_type";
    /** The engine's own thread pools where it sizes them itself (PyTorch: intra-op and inter-op threads). */
    public static final String ENGINE_THREADS = "engine_threads";
    public static final String DATA_SOURCE = "data_source";
    public static final String DATA_FINGERPRINT = "data_fingerprint";
    public static final String COMMAND_LINE = "command_line";

    private static final String VERSION_FIELD = "schema_version";
    private static final String SPEC_GROUP = "spec";
    private static final String CODE_GROUP = "code";
    private static final String ENVIRONMENT_GROUP = "environment";
    private static final String DATA_GROUP = "data";

    /** The experiment as resolved: its canonical hash covers every setting, the seed included. */
    public record SpecFacts(String specHash, Long seed) {

        void write(FactWriter out) {
            out.text(SPEC_HASH, specHash);
            out.number(SEED, seed);
        }

        static SpecFacts read(FactReader in) {
            return new SpecFacts(in.text(SPEC_HASH), in.number(SEED));
        }
    }

    /** The code that ran: edgewise's sources and classes, DJL, and the native engine library it loaded. */
    public record CodeFacts(String gitCommit, Boolean gitDirty, String edgewiseVersion, String djlVersion, String engine,
            String engineVersion, String nativeLibrary, String codeFingerprint) {

        void write(FactWriter out) {
            out.text(GIT_COMMIT, gitCommit);
            out.flag(GIT_DIRTY, gitDirty);
            out.text(EDGEWISE_VERSION, edgewiseVersion);
            out.text(DJL_VERSION, djlVersion);
            out.text(ENGINE, engine);
            out.text(ENGINE_VERSION, engineVersion);
            out.text(NATIVE_LIBRARY, nativeLibrary);
            out.text(CODE_FINGERPRINT, codeFingerprint);
        }

        static CodeFacts read(FactReader in) {
            return new CodeFacts(in.text(GIT_COMMIT), in.flag(GIT_DIRTY), in.text(EDGEWISE_VERSION), in.text(DJL_VERSION),
                    in.text(ENGINE), in.text(ENGINE_VERSION), in.text(NATIVE_LIBRARY), in.text(CODE_FINGERPRINT));
        }
    }

    /**
     * The JVM and machine, and the native engine's thread settings: a different thread count or
     * engine type changes the order of float sums, so these decide a result as much as the code does.
     */
    public record EnvironmentFacts(String javaVersion, String javaVendor, String jvm, String os, String cpu, Integer cpuCores,
            String ompNumThreads, String mklNumThreads, String mxnetEngineType, String engineThreads) {

        /** Without the engine's own thread settings: MXNet sizes its pools from the OpenMP and MKL variables. */
        public EnvironmentFacts(String javaVersion, String javaVendor, String jvm, String os, String cpu, Integer cpuCores,
                String ompNumThreads, String mklNumThreads, String mxnetEngineType) {
            this(javaVersion, javaVendor, jvm, os, cpu, cpuCores, ompNumThreads, mklNumThreads, mxnetEngineType, null);
        }

        void write(FactWriter out) {
            out.text(JAVA_VERSION, javaVersion);
            out.text(JAVA_VENDOR, javaVendor);
            out.text(JVM, jvm);
            out.text(OS, os);
            out.text(CPU, cpu);
            out.number(CPU_CORES, cpuCores == null ? null : cpuCores.longValue());
            out.text(OMP_NUM_THREADS, ompNumThreads);
            out.text(MKL_NUM_THREADS, mklNumThreads);
            out.text(MXNET_ENGINE_TYPE, mxnetEngineType);
            out.text(ENGINE_THREADS, engineThreads);
        }

        static EnvironmentFacts read(FactReader in) {
            Long cores = in.number(CPU_CORES);
            return new EnvironmentFacts(in.text(JAVA_VERSION), in.text(JAVA_VENDOR), in.text(JVM), in.text(OS), in.text(CPU),
                    cores == null ? null : Math.toIntExact(cores), in.text(OMP_NUM_THREADS), in.text(MKL_NUM_THREADS),
                    in.text(MXNET_ENGINE_TYPE), in.text(ENGINE_THREADS));
        }
    }

    /** The data set a run loaded: where from, and a hash of the bytes it read. */
    public record DataFacts(String source, String fingerprint) {

        void write(FactWriter out) {
            out.text(DATA_SOURCE, source);
            out.text(DATA_FINGERPRINT, fingerprint);
        }

        static DataFacts read(FactReader in) {
            return new DataFacts(in.text(DATA_SOURCE), in.text(DATA_FINGERPRINT));
        }
    }

    /** A run's provenance in the current schema. */
    public static RunProvenance of(SpecFacts spec, CodeFacts code, EnvironmentFacts environment, DataFacts data, String commandLine) {
        return new RunProvenance(SCHEMA_VERSION, spec, code, environment, data, commandLine);
    }

    /**
     * Fact name to text, in the order runs have always logged their tags; {@value #UNKNOWN} for a
     * fact not known, and no data facts for a run without data.
     */
    public Map<String, String> facts() {
        Map<String, String> out = new LinkedHashMap<>();
        FactWriter flat = new FactWriter() {
            @Override
            public void text(String key, String value) {
                out.put(key, value == null ? UNKNOWN : value);
            }

            @Override
            public void number(String key, Long value) {
                text(key, value == null ? null : value.toString());
            }

            @Override
            public void flag(String key, Boolean value) {
                text(key, value == null ? null : value.toString());
            }
        };
        spec.write(flat);
        code.write(flat);
        environment.write(flat);
        if (data != null) {
            data.write(flat);
        }
        flat.text(COMMAND_LINE, commandLine);
        return Collections.unmodifiableMap(out);
    }

    /** The facts as the run's tags: {@code edgewise.<fact>}, in {@link #facts} order. */
    public Map<String, String> tags() {
        Map<String, String> out = new LinkedHashMap<>();
        facts().forEach((key, value) -> out.put(TAG_PREFIX + key, value));
        return out;
    }

    /** The {@value RunStoreLayout#PROVENANCE_ARTIFACT} text, always in the current schema version. */
    public String toJson() {
        ObjectNode root = EventJson.MAPPER.createObjectNode();
        root.put(VERSION_FIELD, SCHEMA_VERSION);
        spec.write(new JsonFacts(root.putObject(SPEC_GROUP)));
        code.write(new JsonFacts(root.putObject(CODE_GROUP)));
        environment.write(new JsonFacts(root.putObject(ENVIRONMENT_GROUP)));
        if (data != null) {
            data.write(new JsonFacts(root.putObject(DATA_GROUP)));
        }
        new JsonFacts(root).text(COMMAND_LINE, commandLine);
        try {
            return EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a tree of strings and numbers always serializes", e);
        }
    }

    /** Reads a {@value RunStoreLayout#PROVENANCE_ARTIFACT} of any schema version up to the current one. */
    public static RunProvenance fromJson(String json) throws IOException {
        JsonNode root = EventJson.MAPPER.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("provenance is not a JSON object");
        }
        if (!root.has(VERSION_FIELD)) {
            return fromFacts(1, new JsonFacts(root));
        }
        int version = root.get(VERSION_FIELD).asInt();
        if (version > SCHEMA_VERSION) {
            throw new IOException("provenance schema version " + version + " is newer than this edgewise reads (" + SCHEMA_VERSION
                    + "); use a newer edgewise");
        }
        FactReader top = new JsonFacts(root);
        return new RunProvenance(version, SpecFacts.read(new JsonFacts(root.path(SPEC_GROUP))),
                CodeFacts.read(new JsonFacts(root.path(CODE_GROUP))), EnvironmentFacts.read(new JsonFacts(root.path(ENVIRONMENT_GROUP))),
                root.has(DATA_GROUP) ? DataFacts.read(new JsonFacts(root.path(DATA_GROUP))) : null, top.text(COMMAND_LINE));
    }

    /** From a run's tags: the {@code edgewise.<fact>} ones; the others are ignored. */
    public static RunProvenance fromTags(Map<String, String> tags) {
        Map<String, String> facts = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            if (key.startsWith(TAG_PREFIX)) {
                facts.put(key.substring(TAG_PREFIX.length()), value);
            }
        });
        return fromFacts(facts);
    }

    /** From fact names to text, as {@link #facts} gives them. */
    public static RunProvenance fromFacts(Map<String, String> facts) {
        return fromFacts(SCHEMA_VERSION, facts::get);
    }

    private static RunProvenance fromFacts(int version, FactReader in) {
        boolean hasData = in.text(DATA_SOURCE) != null || in.text(DATA_FINGERPRINT) != null;
        return new RunProvenance(version, SpecFacts.read(in), CodeFacts.read(in), EnvironmentFacts.read(in),
                hasData ? DataFacts.read(in) : null, in.text(COMMAND_LINE));
    }

    /** Where the groups write their facts: a flat map of text, or typed JSON. */
    private interface FactWriter {
        void text(String key, String value);

        void number(String key, Long value);

        void flag(String key, Boolean value);
    }

    /**
     * Where the groups read their facts from. Text is the common ground: tags and schema 1 hold
     * only text, and a JSON number or boolean reads as its text too.
     */
    @FunctionalInterface
    private interface FactReader {
        /** The raw text of a fact, or null when absent. */
        String raw(String key);

        default String text(String key) {
            String value = raw(key);
            return value == null || value.equals(UNKNOWN) ? null : value;
        }

        default Long number(String key) {
            String value = text(key);
            if (value == null) {
                return null;
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("provenance fact " + key + " is not a whole number: '" + value + "'", e);
            }
        }

        default Boolean flag(String key) {
            String value = text(key);
            return value == null ? null : switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("provenance fact " + key + " is neither true nor false: '" + value + "'");
            };
        }
    }

    private record JsonFacts(JsonNode node) implements FactWriter, FactReader {

        @Override
        public void text(String key, String value) {
            ((ObjectNode) node).put(key, value);
        }

        @Override
        public void number(String key, Long value) {
            ((ObjectNode) node).put(key, value);
        }

        @Override
        public void flag(String key, Boolean value) {
            ((ObjectNode) node).put(key, value);
        }

        @Override
        public String raw(String key) {
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? null : value.asText();
        }
    }
}
