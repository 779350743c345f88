package dev.edgewise.engine.track;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a run folder is a true record: its events file starts with Started and, once the run
 * has ended, ends with the Finished event; {@code run.json} states the same status; and
 * {@code metrics.csv} has one row per metric event. A folder truncated or edited after the fact
 * fails one of these, and every command that reads runs says so instead of showing what is left.
 *
 * @param problem for DAMAGED, the file and line at fault and what is wrong; for CRASHED, whose
 *     process is gone; null otherwise
 */
public record RunHealth(State state, String problem, Optional<RunOwner> owner) {

    public enum State {
        /** Finished (in whatever status) and consistent. */
        OK,
        /** RUNNING, and its process is alive or cannot be checked from here. */
        IN_PROGRESS,
        /** RUNNING, but the process that recorded it is gone: it will never finish. */
        CRASHED,
        /** The files disagree or are cut short: what they hold is not the whole run. */
        DAMAGED
    }

    public boolean damaged() {
        return state == State.DAMAGED;
    }

    public boolean crashed() {
        return state == State.CRASHED;
    }

    /** A one-line description for a listing: "damaged: events.jsonl:12: ...". */
    public String describe() {
        return switch (state) {
            case OK -> "ok";
            case IN_PROGRESS -> "in progress";
            case CRASHED -> "crashed: " + problem;
            case DAMAGED -> "damaged: " + problem;
        };
    }

    static RunHealth check(Path dir) {
        Path runFile = dir.resolve(RunStoreLayout.RUN_FILE);
        Path eventsFile = dir.resolve(RunStoreLayout.EVENTS_FILE);
        Path metricsFile = dir.resolve(RunStoreLayout.METRICS_FILE);
        RunStatus declared;
        Optional<RunOwner> owner;
        try {
            JsonNode run = EventJson.MAPPER.readTree(runFile.toFile());
            declared = RunStatus.valueOf(run.path("status").asText());
            owner = RunOwner.fromJson(run.get("owner"));
        } catch (IOException | RuntimeException e) {
            return damaged(RunStoreLayout.RUN_FILE + ": unreadable (" + firstLine(e) + ")");
        }
        String content;
        try {
            content = Files.readString(eventsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return damaged(RunStoreLayout.EVENTS_FILE + ": unreadable (" + firstLine(e) + ")");
        }
        String[] lines = content.split("\n", -1);
        int metricEvents = 0;
        int lastLine = 0;
        int cutLine = 0;
        RunEvent.Finished finished = null;
        int finishedLine = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            RunEvent e;
            try {
                e = EventJson.decode(lines[i], dir);
            } catch (IOException | RuntimeException ex) {
                if (i == lines.length - 1) {
                    cutLine = lineNo;
                    break;
                }
                return damaged(RunStoreLayout.EVENTS_FILE + ":" + lineNo + ": unreadable event (" + firstLine(ex) + ")");
            }
            if (i == lines.length - 1) {
                // Parsed, yet the newline that ends every event is missing: the write was cut short.
                cutLine = lineNo;
            }
            if (lastLine == 0 && !(e instanceof RunEvent.Started)) {
                return damaged(RunStoreLayout.EVENTS_FILE + ":" + lineNo + ": the first event is not Started");
            }
            if (finished != null) {
                return damaged(RunStoreLayout.EVENTS_FILE + ":" + lineNo + ": an event after the run's end (line " + finishedLine + ")");
            }
            if (e instanceof RunEvent.Metric) {
                metricEvents++;
            } else if (e instanceof RunEvent.Finished f) {
                finished = f;
                finishedLine = lineNo;
            }
            lastLine = lineNo;
        }
        if (lastLine == 0) {
            return damaged(RunStoreLayout.EVENTS_FILE + ":1: no Started event");
        }
        if (finished == null && declared != RunStatus.RUNNING) {
            int at = cutLine != 0 ? cutLine : lastLine;
            return damaged(RunStoreLayout.EVENTS_FILE + ":" + at + ": ends " + (cutLine != 0 ? "in a cut-short line" : "without the run's end")
                    + " although " + RunStoreLayout.RUN_FILE + " says " + declared + "; the file was truncated after the run");
        }
        if (finished != null && finished.status() != declared) {
            return damaged(RunStoreLayout.RUN_FILE + ": says " + declared + " but " + RunStoreLayout.EVENTS_FILE + ":" + finishedLine
                    + " ends the run " + finished.status());
        }
        int rows = 0;
        int lastRowLine = 1;
        boolean rowCut = false;
        try {
            String csv = Files.readString(metricsFile, StandardCharsets.UTF_8);
            String[] csvLines = csv.split("\n", -1);
            for (int i = 1; i < csvLines.length; i++) {
                if (csvLines[i].isEmpty()) {
                    continue;
                }
                if (i == csvLines.length - 1) {
                    // No newline after it: the row may be cut at any character, a digit included.
                    rowCut = true;
                    break;
                }
                if (!validRow(csvLines[i])) {
                    return damaged(RunStoreLayout.METRICS_FILE + ":" + (i + 1) + ": not a key,step,timestamp,value row");
                }
                rows++;
                lastRowLine = i + 1;
            }
        } catch (IOException e) {
            return damaged(RunStoreLayout.METRICS_FILE + ": unreadable (" + firstLine(e) + ")");
        }
        if (finished != null) {
            if (cutLine != 0) {
                return damaged(RunStoreLayout.EVENTS_FILE + ":" + cutLine + ": a cut-short line after the run's end");
            }
            if (rows != metricEvents || rowCut) {
                return damaged(RunStoreLayout.METRICS_FILE + ":" + lastRowLine + ": has " + rows + " metric rows, but "
                        + RunStoreLayout.EVENTS_FILE + " records " + metricEvents + " metric values");
            }
            return new RunHealth(State.OK, null, owner);
        }
        // A live or crashed run may be one row behind (the event is written first) or mid-line.
        if (rows > metricEvents || rows < metricEvents - 1) {
            return damaged(RunStoreLayout.METRICS_FILE + ":" + lastRowLine + ": has " + rows + " metric rows, but "
                    + RunStoreLayout.EVENTS_FILE + " records " + metricEvents + " metric values");
        }
        if (owner.isPresent() && owner.get().isGone()) {
            return new RunHealth(State.CRASHED, "its " + owner.get() + " ended without finishing the run", owner);
        }
        return new RunHealth(State.IN_PROGRESS, null, owner);
    }

    private static boolean validRow(String row) {
        int comma = row.lastIndexOf(',');
        if (comma < 0) {
            return false;
        }
        String[] tail = row.substring(0, comma).split(",");
        if (tail.length < 3) {
            return false;
        }
        try {
            Long.parseLong(tail[tail.length - 1]);
            Long.parseLong(tail[tail.length - 2]);
            Double.parseDouble(row.substring(comma + 1));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static RunHealth damaged(String problem) {
        return new RunHealth(State.DAMAGED, problem, Optional.empty());
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() != null ? e.getMessage() : e.toString();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
