package dev.edgewise.engine.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that records a run, written into {@code run.json} at start: a run that still says
 * RUNNING after that process is gone (SIGKILL, the OOM killer, a power cut) can then be told from
 * one that is still going. The start time tells a reused pid from the original process.
 */
public record RunOwner(long pid, String host, long processStartMs) {

    /** The JVM this code runs in. */
    public static RunOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new RunOwner(self.pid(), hostName(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /**
     * A run handed to something this process cannot check, e.g. "slurm job 1234" for a sweep's
     * finishing job: it is never taken for gone (a scheduler says what became of it).
     */
    public static RunOwner elsewhere(String where) {
        return new RunOwner(0, where, 0);
    }

    /**
     * Whether the owner is known to be gone. Only a process on this host can be checked; elsewhere
     * (a shared run store) the answer is "not known to be gone".
     */
    public boolean isGone() {
        if (pid == 0 || !host.equals(hostName())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        // Start times are rounded differently across reads of /proc; a pid reused by another process starts much later.
        return processStartMs != 0 && started.isPresent() && Math.abs(started.get().toEpochMilli() - processStartMs) > 2_000;
    }

    @Override
    public String toString() {
        return pid == 0 ? host : "process " + pid + " on " + host;
    }

    ObjectNode toJson() {
        return EventJson.MAPPER.createObjectNode().put("pid", pid).put("host", host).put("processStartMs", processStartMs);
    }

    static Optional<RunOwner> fromJson(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("pid").isNumber() || !n.path("host").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new RunOwner(n.get("pid").asLong(), n.get("host").asText(), n.path("processStartMs").asLong(0)));
    }

    private static volatile String localHost;

    private static String hostName() {
        if (localHost == null) {
            localHost = lookUpHostName();
        }
        return localHost;
    }

    private static String lookUpHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "localhost";
        }
    }
}
