package dev.edgewise.engine.sweep.slurm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Slurm client commands edgewise uses ({@code sbatch}, {@code squeue}, {@code scontrol},
 * {@code scancel}, {@code sinfo}), looked up on a search path so tests can put fakes first, and
 * their output parsed. Nothing here needs {@code sacct}: clusters without an accounting database
 * still answer every question edgewise asks.
 */
public final class Slurm {

    /** One job (or array task) as {@code scontrol show job} describes it. */
    public record JobInfo(String jobId, String state, String reason, String exitCode, String nodes) {

        /** "CANCELLED (reason: None, exit code 0:15, node n1)": what a user needs to know of how it ended. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (reason != null && !reason.isEmpty() && !reason.equals("None")) {
                parts.add("reason: " + reason);
            }
            if (exitCode != null && !exitCode.isEmpty()) {
                parts.add("exit code " + exitCode);
            }
            if (nodes != null && !nodes.isEmpty() && !nodes.equals("(null)")) {
                parts.add("node " + nodes);
            }
            return state + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
        }
    }

    private final List<Path> searchPath;

    /** Commands looked up in {@code searchPath}, in order. */
    public Slurm(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /** Commands looked up on this process's PATH. */
    public static Slurm fromEnvironment() {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        return new Slurm(dirs);
    }

    /** Whether {@code sbatch} is installed here at all. */
    public boolean available() {
        return find("sbatch").isPresent();
    }

    /** {@code sbatch --parsable ARGS SCRIPT}: the new job's id. */
    public String submit(List<String> args, Path script) throws IOException {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(args);
        command.add(script.toString());
        Output o = run(command);
        if (o.exit != 0) {
            throw new SlurmException("sbatch refused the job: " + firstLine(o.err.isBlank() ? o.out : o.err),
                    "check --slurm-args (partition, account, time limit) against `sinfo`; the script is " + script, true);
        }
        return parseJobId(o.out);
    }

    /** The job id in {@code sbatch --parsable}'s output: "1234" or "1234;cluster". */
    static String parseJobId(String parsable) {
        String line = parsable.strip().lines().reduce((a, b) -> b).orElse("");
        int semicolon = line.indexOf(';');
        String id = semicolon < 0 ? line : line.substring(0, semicolon);
        if (!id.matches("[0-9]+")) {
            throw new SlurmException("sbatch answered without a job id: '" + parsable.strip() + "'", "is sbatch a Slurm sbatch?", false);
        }
        return id;
    }

    /**
     * The queue's state of every task of {@code jobIds} still known to it, by task id ("1234_2",
     * or "1234" for a plain job): PENDING, RUNNING, COMPLETING... A job the queue no longer knows is
     * absent (it ended, or Slurm has forgotten it).
     */
    public Map<String, String> queue(List<String> jobIds) throws IOException {
        Map<String, String> states = new LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return states;
        }
        // -r: one line per array task, so pending tasks are not folded into "1234_[3-4]".
        Output o = run(List.of("squeue", "-h", "-r", "-j", String.join(",", jobIds), "-o", "%i %T"));
        if (o.exit != 0) {
            // squeue fails for ids that all left the queue ("Invalid job id specified"): none of them is queued.
            if (o.err.contains("Invalid job id")) {
                return states;
            }
            throw new SlurmException("squeue failed: " + firstLine(o.err), "is slurmctld reachable? `sinfo` says", false);
        }
        return parseQueue(o.out);
    }

    static Map<String, String> parseQueue(String text) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String[] parts = line.split("\\s+");
            if (parts.length >= 2) {
                states.put(parts[0], parts[1]);
            }
        }
        return states;
    }

    /** {@code scontrol show job -o ID}; empty once Slurm has forgotten the job (MinJobAge after it ended). */
    public Optional<JobInfo> show(String jobId) throws IOException {
        Output o = run(List.of("scontrol", "show", "job", "-o", jobId));
        if (o.exit != 0) {
            return Optional.empty();
        }
        return parseShow(o.out, jobId);
    }

    /** The record of {@code jobId} in {@code scontrol show job -o} output (one line per job, KEY=VALUE fields). */
    static Optional<JobInfo> parseShow(String text, String jobId) {
        for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
            Map<String, String> fields = fields(line);
            String id = fields.containsKey("ArrayJobId") && fields.containsKey("ArrayTaskId")
                    ? fields.get("ArrayJobId") + "_" + fields.get("ArrayTaskId") : fields.get("JobId");
            if (jobId.equals(id) || jobId.equals(fields.get("JobId")) || !jobId.contains("_") && jobId.equals(fields.get("ArrayJobId"))) {
                return Optional.of(new JobInfo(id, fields.getOrDefault("JobState", "UNKNOWN"), fields.get("Reason"), fields.get("ExitCode"),
                        fields.get("NodeList")));
            }
        }
        return Optional.empty();
    }

    /** KEY=VALUE fields separated by spaces; a value runs to the next " KEY=" (Reason and Command may hold spaces). */
    static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        var matcher = java.util.regex.Pattern.compile("(?:^|\\s)([A-Za-z][A-Za-z0-9_:/]*)=").matcher(line);
        String key = null;
        int valueStart = 0;
        while (matcher.find()) {
            if (key != null) {
                fields.put(key, line.substring(valueStart, matcher.start()).strip());
            }
            key = matcher.group(1);
            valueStart = matcher.end();
        }
        if (key != null) {
            fields.put(key, line.substring(valueStart).strip());
        }
        return fields;
    }

    /** {@code scancel IDS}. */
    public void cancel(List<String> jobIds) throws IOException {
        if (jobIds.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("scancel"));
        command.addAll(jobIds);
        Output o = run(command);
        if (o.exit != 0) {
            throw new SlurmException("scancel failed: " + firstLine(o.err), "`squeue` shows what is still queued", false);
        }
    }

    /** The host names of the cluster's nodes ({@code sinfo -h -o %n}), one each. */
    public List<String> nodes() throws IOException {
        Output o = run(List.of("sinfo", "-h", "-o", "%n"));
        if (o.exit != 0) {
            throw new SlurmException("sinfo failed: " + firstLine(o.err), "is slurmctld running and SLURM_CONF right?", false);
        }
        return o.out.lines().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
    }

    private record Output(int exit, String out, String err) {}

    private Output run(List<String> command) throws IOException {
        Path executable = find(command.get(0)).orElseThrow(() -> new SlurmException(command.get(0) + " is not installed here (not on the PATH)",
                "run on a Slurm login node, or install the client (Debian: apt-get install slurm-client)", true));
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, executable.toString());
        Path out = Files.createTempFile("edgewise-slurm-", ".out");
        Path err = Files.createTempFile("edgewise-slurm-", ".err");
        try {
            Process p = new ProcessBuilder(resolved).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SlurmException(command.get(0) + " did not answer within 2 minutes", "is slurmctld reachable? `sinfo` says", false);
            }
            return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private Optional<Path> find(String name) {
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("(no message)");
    }
}
