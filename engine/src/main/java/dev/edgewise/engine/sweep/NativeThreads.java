package dev.edgewise.engine.sweep;

import java.util.Map;

/**
 * How many native threads each run gets. The MXNet native library sizes its OpenMP and MKL pools
 * from OMP_NUM_THREADS and MKL_NUM_THREADS once, when it loads, and a different count changes the
 * order of floating-point sums and so the last bits of every metric. A JVM cannot change its own
 * environment, so runs that need a given count run in a child JVM started with it.
 *
 * <p>The default is 1: on this project's models per-operation overhead dominates, two threads were
 * slower than one (60 s against 108 s for the quickstart on 2 cores), and one thread per job lets
 * {@code --jobs} use every core without oversubscribing them.
 */
public final class NativeThreads {

    public static final String OMP = "OMP_NUM_THREADS";
    public static final String MKL = "MKL_NUM_THREADS";

    private NativeThreads() {}

    /** OMP_NUM_THREADS when it is set to a positive integer, else 1. */
    public static int perJob(Map<String, String> env) {
        String value = env.get(OMP);
        if (value != null) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // Not a count: fall through to the default.
            }
        }
        return 1;
    }

    public static int perJob() {
        return perJob(System.getenv());
    }

    /** At most as many jobs as fit on the cores at {@code threads} threads each, and at least one. */
    public static int maxJobs(int cores, int threads) {
        return Math.max(1, cores / Math.max(1, threads));
    }
}
