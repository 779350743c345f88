package dev.edgewise.engine.sweep;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code edgewise} in a child JVM with this JVM's classpath and a chosen environment: the
 * only way to give a run its own native thread counts (see {@link NativeThreads}), and a way to run
 * several trainings at once without sharing the engine's global random generator.
 */
public final class ChildJvm {

    static final String MAIN = "dev.edgewise.engine.cli.Edgewise";

    private ChildJvm() {}

    /**
     * @param threads native threads for the child (OMP_NUM_THREADS and MKL_NUM_THREADS), and the
     *     processor count its JVM sees; null leaves the environment's values as they are
     * @param output where the child's stdout and stderr go: a file, or null to share this terminal
     */
    public static Process start(List<String> arguments, Integer threads, Map<String, String> extraEnv, Path output) throws IOException {
        return start(arguments, threads, extraEnv, output, false);
    }

    /** As above; with {@code piped}, stdout and stderr merged are read from the process ({@code output} is ignored). */
    public static Process start(List<String> arguments, Integer threads, Map<String, String> extraEnv, Path output, boolean piped)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(arguments, threads));
        environment(threads).forEach(builder.environment()::put);
        extraEnv.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        if (piped) {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE);
        } else if (output == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
        }
        return builder.start();
    }

    /**
     * The command line of a child JVM running {@code edgewise ARGUMENTS}: what {@link #start} runs
     * here and what a Slurm task runs on a compute node, so both compute the same bits.
     */
    public static List<String> command(List<String> arguments, Integer threads) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        if (threads != null) {
            // Sizes the JVM's own pools (GC, common fork-join) to the job's share of the cores.
            command.add("-XX:ActiveProcessorCount=" + threads);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(arguments);
        return command;
    }

    /** The variables a child gets on top of this process's environment: its native thread counts. */
    public static Map<String, String> environment(Integer threads) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (threads != null) {
            env.put(NativeThreads.OMP, Integer.toString(threads));
            env.put(NativeThreads.MKL, Integer.toString(threads));
        }
        return env;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }
}
