package dev.edgewise.engine.sweep.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgewise.catalog.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a sweep handed to Slurm is, kept in {@code slurm/sweep.json} inside its parent run folder:
 * the experiment text as submitted (the finishing job reads the points from it, not from a file the
 * user may have edited since), where runs go, each point's run and files, and every submission.
 *
 * @param sourceFile the copy of the experiment file in {@code slurm/source/} that the points keep as an artifact (null without one)
 * @param points in point order; {@code task} is the array index (point number, from 1)
 * @param attempts the first submission, then one per {@code --resume}
 */
public record SlurmPlan(String parentRunId, String experiment, Path runs, Path mlruns, String sourceText, String fileName, Path sourceFile,
        List<String> overrides, int threads, String commandLine, List<Point> points, List<Attempt> attempts) {

    public static final String DIR = "slurm";
    public static final String FILE = "sweep.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One point: its run id (a new one when resumed), resolved spec, result file and the files of its array task. */
    public record Point(int task, String runId, Path spec, Path result) {}

    /** One submission: the array job, its tasks, and the job that finishes the parent after them. */
    public record Attempt(String arrayJob, String finishJob, List<Integer> tasks, long submittedMs) {

        public Attempt {
            tasks = List.copyOf(tasks);
        }
    }

    public SlurmPlan {
        overrides = List.copyOf(overrides);
        points = List.copyOf(points);
        attempts = List.copyOf(attempts);
    }

    /** The plan of the sweep whose parent run is in {@code parentDir}, if it was handed to Slurm. */
    public static Optional<SlurmPlan> of(Path parentDir) throws IOException {
        Path file = parentDir.resolve(DIR).resolve(FILE);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    public SlurmPlan withPoints(List<Point> newPoints) {
        return new SlurmPlan(parentRunId, experiment, runs, mlruns, sourceText, fileName, sourceFile, overrides, threads, commandLine,
                newPoints, attempts);
    }

    public SlurmPlan withAttempt(Attempt attempt) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        return new SlurmPlan(parentRunId, experiment, runs, mlruns, sourceText, fileName, sourceFile, overrides, threads, commandLine,
                points, all);
    }

    /** The latest submission. */
    public Attempt last() {
        return attempts.get(attempts.size() - 1);
    }

    /** The array task that last ran point {@code task}, as Slurm names it ("1234_2"); null if it was never submitted. */
    public String taskId(int task) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).tasks().contains(task)) {
                return attempts.get(i).arrayJob() + "_" + task;
            }
        }
        return null;
    }

    /** Every job of every submission: what {@code edgewise cancel} and {@code --resume} look for in the queue. */
    public List<String> jobs() {
        List<String> jobs = new ArrayList<>();
        for (Attempt a : attempts) {
            jobs.add(a.arrayJob());
            jobs.add(a.finishJob());
        }
        return jobs;
    }

    public void write(Path file) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("parentRunId", parentRunId).put("experiment", experiment).put("runs", runs.toString()).put("mlruns", mlruns.toString())
                .put("fileName", fileName).put("sourceFile", sourceFile == null ? null : sourceFile.toString()).put("threads", threads)
                .put("commandLine", commandLine);
        ArrayNode o = n.putArray("overrides");
        overrides.forEach(o::add);
        ArrayNode ps = n.putArray("points");
        for (Point p : points) {
            ps.addObject().put("task", p.task()).put("runId", p.runId()).put("spec", p.spec().toString()).put("result", p.result().toString());
        }
        ArrayNode as = n.putArray("attempts");
        for (Attempt a : attempts) {
            ObjectNode an = as.addObject().put("arrayJob", a.arrayJob()).put("finishJob", a.finishJob()).put("submittedMs", a.submittedMs());
            ArrayNode ts = an.putArray("tasks");
            a.tasks().forEach(ts::add);
        }
        n.put("sourceText", sourceText);
        AtomicFiles.writeString(file, JSON.writeValueAsString(n));
    }

    public static SlurmPlan read(Path file) throws IOException {
        JsonNode n = JSON.readTree(file.toFile());
        List<String> overrides = new ArrayList<>();
        n.path("overrides").forEach(v -> overrides.add(v.asText()));
        List<Point> points = new ArrayList<>();
        n.path("points").forEach(p -> points.add(new Point(p.path("task").asInt(), p.path("runId").asText(), Path.of(p.path("spec").asText()),
                Path.of(p.path("result").asText()))));
        List<Attempt> attempts = new ArrayList<>();
        n.path("attempts").forEach(a -> {
            List<Integer> tasks = new ArrayList<>();
            a.path("tasks").forEach(t -> tasks.add(t.asInt()));
            attempts.add(new Attempt(a.path("arrayJob").asText(), a.path("finishJob").asText(), tasks, a.path("submittedMs").asLong()));
        });
        String source = n.path("sourceFile").isNull() ? null : n.path("sourceFile").asText(null);
        return new SlurmPlan(n.path("parentRunId").asText(), n.path("experiment").asText(), Path.of(n.path("runs").asText()),
                Path.of(n.path("mlruns").asText()), n.path("sourceText").asText(), n.path("fileName").asText(), source == null ? null : Path.of(source),
                overrides, n.path("threads").asInt(1), n.path("commandLine").asText(), points, attempts);
    }
}
