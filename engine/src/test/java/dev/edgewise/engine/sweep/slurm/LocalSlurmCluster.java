package dev.edgewise.engine.sweep.slurm;

import dev.edgewise.engine.sweep.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A one-node Slurm cluster on this machine for a test: munged, slurmctld and slurmd started by hand
 * (no systemd) with their own key, socket, ports and state folder, so nothing else on the machine is
 * touched, and stopped by the pids it started. The steps are those of NOTES.md, "Slurm on one
 * machine (verified)".
 */
final class LocalSlurmCluster implements AutoCloseable {

    static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/munged"), Path.of("/usr/sbin/slurmctld"), Path.of("/usr/sbin/slurmd"),
            Path.of("/usr/bin/sbatch"), Path.of("/usr/bin/squeue"), Path.of("/usr/bin/scontrol"), Path.of("/usr/bin/scancel"),
            Path.of("/usr/bin/sinfo"), Path.of("/usr/sbin/runuser"));

    /** Why no cluster can be started here, or empty when it can. */
    static Optional<String> unavailable() {
        List<String> missing = BINARIES.stream().filter(p -> !Files.isExecutable(p)).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            return Optional.of("Slurm is not installed here (missing " + String.join(", ", missing) + "); .ci/run installs it with"
                    + " apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("starting slurmctld and slurmd by hand needs root; this is " + System.getProperty("user.name"));
        }
        return Optional.empty();
    }

    private final Path dir;
    private final Path conf;
    private final List<ProcessHandle> started = new ArrayList<>();
    private final String node;

    private LocalSlurmCluster(Path dir, String node) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
        this.node = node;
    }

    static LocalSlurmCluster start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("edgewise-slurm-");
        // munged runs as the munge user and must reach its folder inside this one.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String node = runWith(List.of("hostname", "-s"), Map.of()).strip();
        LocalSlurmCluster cluster = new LocalSlurmCluster(dir, node);
        try {
            cluster.boot();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    Map<String, String> env() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    Path dir() {
        return dir;
    }

    private void boot() throws IOException, InterruptedException {
        Path munge = Files.createDirectories(dir.resolve("munge"));
        Path key = munge.resolve("munge.key");
        byte[] secret = new byte[1024];
        new SecureRandom().nextBytes(secret);
        Files.write(key, secret);
        UserPrincipalLookupService users = munge.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(munge, users.lookupPrincipalByName("munge"));
        Files.setOwner(key, users.lookupPrincipalByName("munge"));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path socket = munge.resolve("munge.socket");
        Process munged = new ProcessBuilder("/usr/sbin/runuser", "-u", "munge", "--", "/usr/sbin/munged", "-F", "--force",
                "--socket=" + socket, "--key-file=" + key, "--pid-file=" + munge.resolve("munged.pid"), "--seed-file=" + munge.resolve("seed"),
                "--log-file=" + munge.resolve("munged.log")).redirectErrorStream(true).redirectOutput(dir.resolve("munged.out").toFile()).start();
        started.add(munged.toHandle());
        await(() -> Files.exists(socket), Duration.ofSeconds(20), "munged did not open its socket", dir.resolve("munged.out"));
        int ctldPort = freePort();
        int dPort = freePort();
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        Files.writeString(conf, String.join("\n",
                "ClusterName=edgewise-test",
                "SlurmctldHost=" + node + "(127.0.0.1)",
                "SlurmctldPort=" + ctldPort,
                "SlurmdPort=" + dPort,
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + socket,
                "SlurmUser=root",
                "SlurmdUser=root",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "ReturnToService=2",
                "MpiDefault=none",
                "JobCompType=jobcomp/none",
                "AccountingStorageType=accounting_storage/none",
                // Long enough for the finishing job to ask how a cancelled task ended.
                "MinJobAge=600",
                "NodeName=" + node + " NodeAddr=127.0.0.1 CPUs=2 RealMemory=2000 State=UNKNOWN",
                "PartitionName=test Nodes=" + node + " Default=YES MaxTime=INFINITE State=UP") + "\n", StandardCharsets.UTF_8);
        daemon("slurmctld");
        daemon("slurmd");
        await(() -> run(List.of("/usr/bin/sinfo", "-h", "-o", "%t")).strip().equals("idle"), Duration.ofSeconds(60),
                "the node did not come up idle", dir.resolve("slurmd.out"));
    }

    /**
     * {@code edgewise ARGS} in a child JVM with this cluster's SLURM_CONF, its output in a new file
     * under {@code outputs}; fails the calling test on an exit code other than {@code expectedExit}.
     */
    String edgewise(Path outputs, int expectedExit, String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile(outputs, "edgewise-", ".out");
        Process p = ChildJvm.start(List.of(args), null, new java.util.HashMap<>(env()), output);
        int exit = p.waitFor();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertEquals(expectedExit, exit,
                () -> "edgewise " + String.join(" ", args) + " exited " + exit + ":\n" + text);
        return text;
    }

    private void daemon(String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/usr/sbin/" + name, "-D", "-f", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        builder.environment().putAll(env());
        started.add(builder.start().toHandle());
    }

    /** Stops what {@link #start} started, by pid: munged (its own pid, behind runuser), slurmd and the jobs it runs, slurmctld. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle p : started) {
            all.addAll(p.descendants().toList());
            all.add(p);
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    /** Runs a Slurm client command against this cluster and returns its output. */
    String run(String... command) throws IOException, InterruptedException {
        return runWith(List.of(command), env());
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        return runWith(command, env());
    }

    private static String runWith(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    interface Check {
        boolean ok() throws IOException, InterruptedException;
    }

    static void await(Check check, Duration timeout, String what, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                String tail = Files.isRegularFile(log) ? Files.readString(log) : "(no " + log + ")";
                throw new IllegalStateException(what + " within " + timeout.toSeconds() + " s; " + log + ":\n" + tail);
            }
            Thread.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
