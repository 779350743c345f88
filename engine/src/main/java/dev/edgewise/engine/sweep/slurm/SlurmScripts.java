package dev.edgewise.engine.sweep.slurm;

import dev.edgewise.engine.sweep.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch scripts a sweep submits. Each task runs a command line written beside it by
 * {@link ChildJvm#command}, NUL-separated (any argument, spaces and quotes included, survives), so a
 * compute node starts exactly the JVM a local sweep would, with the same native thread counts.
 */
public final class SlurmScripts {

    /** Variables that reach a task whatever {@code --export} says: they decide the bits (MXNet) or where data is cached. */
    static final List<String> PASSED_PREFIXES = List.of("MXNET_", "DJL_", "EDGEWISE_");

    private SlurmScripts() {}

    /** The script of the array job: task N runs {@code point-000N.cmd}, its output in {@code point-000N.log}. */
    public static String points(String name, Path dir, int threads, Map<String, String> env) {
        return header("edgewise " + name + ": one array task per sweep point (task N is point N, its output in point-000N.log)",
                "edgewise-" + name, threads, env)
                + "task=$(printf '%04d' \"$SLURM_ARRAY_TASK_ID\")\n"
                + "mapfile -d '' -t command < " + quote(dir.toString()) + "/point-$task.cmd\n"
                + "exec \"${command[@]}\"\n";
    }

    /** The script of the job that finishes the parent once every task has ended, however. */
    public static String finish(String name, Path dir, Map<String, String> env) {
        return header("edgewise " + name + ": finishes the sweep's parent run after its points (output in finish.out)",
                "edgewise-" + name + "-finish", 1, env)
                + "mapfile -d '' -t command < " + quote(dir.resolve("finish.cmd").toString()) + "\n"
                + "exec \"${command[@]}\"\n";
    }

    /** The output file goes on sbatch's command line, not here: a #SBATCH line cannot hold a path with spaces. */
    private static String header(String what, String jobName, int cpus, Map<String, String> env) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# ").append(what).append(". Written by edgewise; see README, \"Running on a cluster\".\n");
        s.append("#SBATCH --job-name=").append(jobName.replaceAll("[^A-Za-z0-9._-]", "_")).append('\n');
        s.append("#SBATCH --open-mode=append\n");
        s.append("#SBATCH --cpus-per-task=").append(cpus).append('\n');
        s.append("set -euo pipefail\n");
        new TreeMap<>(env).forEach((k, v) -> s.append("export ").append(k).append('=').append(quote(v)).append('\n'));
        return s.toString();
    }

    /**
     * What a task's environment must hold: the variables of this process that decide the bits, then
     * the child JVM's own (native threads), as a local child would get them.
     */
    public static Map<String, String> environment(Integer threads, Map<String, String> processEnv) {
        Map<String, String> env = new TreeMap<>();
        processEnv.forEach((k, v) -> {
            if (PASSED_PREFIXES.stream().anyMatch(k::startsWith)) {
                env.put(k, v);
            }
        });
        env.putAll(ChildJvm.environment(threads));
        return env;
    }

    /** {@code --array} for these tasks, at most {@code max} at once: "1-4%2", "2,4%2". */
    public static String array(List<Integer> tasks, int max) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (i < tasks.size()) {
            int j = i;
            while (j + 1 < tasks.size() && tasks.get(j + 1) == tasks.get(j) + 1) {
                j++;
            }
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(tasks.get(i));
            if (j > i) {
                s.append('-').append(tasks.get(j));
            }
            i = j + 1;
        }
        return s + "%" + max;
    }

    /** A command line as the scripts read it back: each argument followed by a NUL. */
    public static byte[] nulSeparated(List<String> command) {
        StringBuilder s = new StringBuilder();
        for (String arg : command) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument holds a NUL character: " + arg);
            }
            s.append(arg).append('\0');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Single-quoted for bash. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
