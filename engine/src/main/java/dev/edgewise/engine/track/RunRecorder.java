package dev.edgewise.engine.track;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine talks to during a run: every event goes to the run store first, synchronously
 * (if the store fails, the exception reaches the engine: a run must not go on without its record),
 * then to each tracker.
 *
 * <p>Trackers run on their own threads, one per tracker, fed through a bounded queue, so a slow
 * or hanging server never holds up training. A tracker that throws, falls too far behind, or has
 * not caught up when the run finishes is logged once as a warning and gets nothing more for the
 * rest of the run; the run store still has every event.
 *
 * <p>One recorder records one run: {@link #start}, events, {@link #finish}, {@link #close}. It
 * owns the store and trackers it is given and closes them.
 */
public final class RunRecorder implements AutoCloseable {

    /**
     * Trackers are streamed to during the run, so at its end a live one is seconds from done; a
     * frozen one must not hold the end of the run (it used to add 25 s): what it missed is left to
     * {@code edgewise sync}, and the warning says so.
     */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;

    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

    private final RunStore store;
    private final List<Lane> lanes = new ArrayList<>();
    private final Duration drainTimeout;
    private Path runDir;
    private boolean started;
    private boolean finished;
    private boolean closed;

    public RunRecorder(RunStore store, List<? extends RunSink> trackers) {
        this(store, trackers, DEFAULT_DRAIN_TIMEOUT, DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * @param drainTimeout how long {@link #finish} and {@link #close} wait for trackers to catch up
     * @param queueCapacity events a tracker may lag behind before it is dropped for the run
     */
    public RunRecorder(RunStore store, List<? extends RunSink> trackers, Duration drainTimeout, int queueCapacity) {
        this.store = store;
        this.drainTimeout = drainTimeout;
        for (RunSink tracker : trackers) {
            lanes.add(new Lane(tracker, queueCapacity, this::runDirForMessages));
        }
    }

    /** A fresh run id: a random UUID as 32 lowercase hex characters, MLflow's run id form. */
    public static String newRunId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The run store folder of this run (known once started). */
    public synchronized Path runDir() {
        if (runDir == null) {
            throw new IllegalStateException("run not started");
        }
        return runDir;
    }

    /** Trackers dropped during this run, by name, with the reason. Empty when all kept up. */
    public Map<String, String> trackerFailures() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            lane.failure().ifPresent(reason -> out.put(lane.sink.name(), reason));
        }
        return out;
    }

    public synchronized void emit(RunEvent event) throws IOException {
        if (closed) {
            throw new IllegalStateException("recorder is closed");
        }
        if (finished) {
            throw new IllegalStateException("run already finished; got " + event);
        }
        if (started && event instanceof RunEvent.Started) {
            throw new IllegalStateException("a recorder records one run; got a second Started");
        }
        Optional<RunEvent> forTrackers;
        try {
            forTrackers = store.append(event);
        } catch (IOException | RuntimeException e) {
            if (event instanceof RunEvent.Finished) {
                // The store has written what end it could; closing must not try a second, different one.
                finished = true;
            }
            throw e;
        }
        if (event instanceof RunEvent.Started) {
            started = true;
            runDir = store.runDir();
        }
        if (forTrackers.isPresent()) {
            for (Lane lane : lanes) {
                lane.submit(forTrackers.get());
            }
        }
        if (event instanceof RunEvent.Finished) {
            finished = true;
            awaitTrackers("finishing the run");
        }
    }

    /**
     * Takes up the run in {@code dir} that another process began and handed off (see
     * {@link RunStore#reopen}); returns the end it had, if any, which it no longer has. Trackers get
     * only the events from now on: the caller uploads the whole run afterwards (edgewise sync).
     */
    public synchronized Optional<RunEvent.Finished> resume(Path dir) throws IOException {
        if (started) {
            throw new IllegalStateException("a recorder records one run");
        }
        Optional<RunEvent.Finished> end = store.reopen(dir);
        started = true;
        runDir = dir;
        return end;
    }

    /**
     * Leaves the run RUNNING for {@code next} to end (a scheduler's job, which {@link #resume}s it):
     * nothing more is recorded here, and closing does not mark it KILLED.
     */
    public synchronized void handOff(RunOwner next) throws IOException {
        if (!started || finished) {
            throw new IllegalStateException("no run in progress to hand off");
        }
        awaitTrackers("handing the run off");
        store.handOff(next);
        finished = true;
    }

    public void start(RunInfo info) throws IOException {
        emit(new RunEvent.Started(info));
    }

    public void param(String key, String value) throws IOException {
        emit(new RunEvent.Param(key, value));
    }

    /** Logs each entry as a param, in key order, with {@code String.valueOf} of the value. */
    public void params(Map<String, ?> params) throws IOException {
        for (Map.Entry<String, ?> e : new TreeMap<>(params).entrySet()) {
            param(e.getKey(), String.valueOf(e.getValue()));
        }
    }

    public void tag(String key, String value) throws IOException {
        emit(new RunEvent.Tag(key, value));
    }

    /** A metric value at {@code step}, stamped with the current wall-clock time. */
    public void metric(String key, double value, long step) throws IOException {
        emit(new RunEvent.Metric(key, value, step, System.currentTimeMillis()));
    }

    /** Copies {@code file} into the run as {@code path}; the file may be deleted once this returns. */
    public void artifact(String path, Path file) throws IOException {
        emit(new RunEvent.Artifact(path, file));
    }

    /** Ends the run; waits (at most the drain timeout) for trackers to deliver everything. */
    public void finish(RunStatus status, String error) throws IOException {
        emit(new RunEvent.Finished(status, System.currentTimeMillis(), error));
    }

    /** Syncs the store to disk and asks trackers to push what they buffer, without waiting for them. */
    public synchronized void flush() throws IOException {
        store.flush();
        for (Lane lane : lanes) {
            lane.submitFlush();
        }
    }

    /**
     * Waits (at most the drain timeout) until every tracker has handled every event so far; a
     * tracker that has not by then is dropped for the run, as at {@link #finish}. A sweep calls this
     * after starting its parent run, so the parent exists on the server before the points (other
     * processes) look it up to nest under it.
     */
    public synchronized void drain() {
        awaitTrackers("waiting for trackers to catch up");
    }

    /**
     * Ends the run as KILLED if it never finished, stops the tracker threads (waiting at most the
     * drain timeout) and closes the trackers and the store.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (started && !finished) {
                finish(RunStatus.KILLED, "the run was closed before it finished");
            }
        } finally {
            closed = true;
            try {
                for (Lane lane : lanes) {
                    lane.stop();
                }
                long deadline = System.nanoTime() + drainTimeout.toNanos();
                for (Lane lane : lanes) {
                    lane.join(deadline);
                }
            } finally {
                store.close();
            }
        }
    }

    private void awaitTrackers(String what) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        List<CompletableFuture<Void>> barriers = new ArrayList<>();
        for (Lane lane : lanes) {
            barriers.add(lane.barrier());
        }
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            try {
                barriers.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                lane.disable("did not catch up within " + describe(drainTimeout) + " when " + what);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.disable("interrupted while " + what);
                return;
            } catch (ExecutionException e) {
                lane.disable(String.valueOf(e.getCause()));
            }
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private Path runDirForMessages() {
        return runDir;
    }

    /** One tracker, its queue and its thread. The sink is only ever touched by that thread. */
    private static final class Lane {

        private interface Call {
            void run(RunSink sink) throws Exception;
        }

        /** {@code call} is skipped once the lane is disabled; {@code done} completes regardless. */
        private record Task(Call call, CompletableFuture<Void> done, boolean last, boolean artifact) {

            Task(Call call, CompletableFuture<Void> done, boolean last) {
                this(call, done, last, false);
            }
        }

        private final RunSink sink;
        private final BlockingQueue<Task> queue;
        private final Supplier<Path> runDir;
        private final Thread thread;
        private final AtomicBoolean warned = new AtomicBoolean();
        private final AtomicBoolean warnedArtifacts = new AtomicBoolean();
        private volatile boolean disabled;
        private volatile String failure;

        Lane(RunSink sink, int capacity, Supplier<Path> runDir) {
            this.sink = sink;
            this.queue = new LinkedBlockingQueue<>(capacity);
            this.runDir = runDir;
            this.thread = new Thread(this::loop, "edgewise-tracker-" + sink.name());
            // A hung server must not keep the JVM alive after the run.
            thread.setDaemon(true);
            thread.start();
        }

        Optional<String> failure() {
            return Optional.ofNullable(failure);
        }

        void submit(RunEvent event) {
            offer(new Task(sink -> sink.accept(event), null, false, event instanceof RunEvent.Artifact));
        }

        void submitFlush() {
            offer(new Task(RunSink::flush, null, false));
        }

        CompletableFuture<Void> barrier() {
            CompletableFuture<Void> done = new CompletableFuture<>();
            if (!queue.offer(new Task(null, done, false))) {
                disable("fell behind by " + queue.size() + " events");
                done.complete(null);
            }
            return done;
        }

        void stop() {
            // Closing the sink is the last task, so it runs on the lane thread after everything else.
            Task last = new Task(null, null, true);
            if (!queue.offer(last)) {
                disable("fell behind by " + queue.size() + " events");
                queue.clear();
                queue.offer(last);
            }
        }

        void join(long deadlineNanos) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                disable("still busy when the recorder closed");
                thread.interrupt();
            }
        }

        private void offer(Task task) {
            if (disabled) {
                return;
            }
            if (!queue.offer(task)) {
                disable("fell behind by " + queue.size() + " events");
            }
        }

        void disable(String reason) {
            disabled = true;
            if (warned.compareAndSet(false, true)) {
                failure = reason;
                Path dir = runDir.get();
                log.warn("{} failed: {}. It gets no more events for the rest of this run;"
                        + " the run store at {} still has everything, and `edgewise sync {}` uploads what it missed.",
                        sink.name(), reason, dir, dir == null ? "" : dir.getFileName());
            }
        }

        private void loop() {
            while (true) {
                Task task;
                try {
                    task = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (task.last()) {
                    try {
                        sink.close();
                    } catch (Exception e) {
                        log.debug("closing {} failed", sink.name(), e);
                    }
                    return;
                }
                if (task.call() != null && !disabled) {
                    try {
                        task.call().run(sink);
                    } catch (Exception | LinkageError e) {
                        String message = e.getMessage() != null ? e.getMessage() : e.toString();
                        log.debug("{} failed", sink.name(), e);
                        if (task.artifact()) {
                            // A server without artifact serving still takes params and metrics: keep the lane.
                            if (warnedArtifacts.compareAndSet(false, true)) {
                                log.warn("{} could not store an artifact: {}. Params and metrics still go to it;"
                                        + " the run store at {} has every artifact.", sink.name(), message, runDir.get());
                            }
                        } else {
                            disable(message);
                        }
                    }
                }
                if (task.done() != null) {
                    task.done().complete(null);
                }
            }
        }
    }
}
