package dev.edgewise.engine.search;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.io.AtomicFiles;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.SearchSpec;
import dev.edgewise.dsl.sweep.SearchStrategy;
import dev.edgewise.dsl.sweep.SweepPoint;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.sweep.SweepRunner;
import dev.edgewise.engine.track.RunEvent;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunInfo;
import dev.edgewise.engine.track.RunRecorder;
import dev.edgewise.engine.track.RunSink;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a {@code search:} block under one parent run: the compile stage ({@link DeviceFilter}),
 * then the strategy's trials, each a child run of the parent through {@link SweepRunner} (so
 * {@code --jobs}, child JVMs, MLflow nesting and the run cache work as for sweeps). A trial is
 * the configuration with {@code training.epochs} set; a trial whose spec already ran is served by
 * the run cache, which is what makes a search started again continue where it stopped.
 *
 * <p>The parent records {@code configurations}, {@code rejected} and {@code rejected_<reason>},
 * {@code trials}, {@code epochs_trained}, {@code best_<metric>} and the artifacts
 * {@code search/ranking.md|csv}, {@code search/rejections.md}, {@code search/pareto.md|csv},
 * {@code search/configurations.csv} (and {@code search/predictor.md} when a predictor is used).
 */
public final class SearchRunner {

    /** One trained trial: its configuration (the drawn point), the epochs it trained, how it ended, its metric curve. */
    public record Trial(DeviceFilter.Screened screened, int epochs, SweepRunner.PointOutcome outcome, List<Double> curve) {

        public double metric(String name) {
            Double value = outcome.metrics().get(name);
            return value == null ? Double.NaN : value;
        }
    }

    public record Result(String parentRunId, Path parentDir, List<DeviceFilter.Screened> screened, List<Trial> trials,
            Map<String, Double> metrics, DeviceFilter.Screened best) {}

    private final SweepRunner.Options options;
    private final SweepRunner points;
    private final Supplier<List<RunSink>> trackers;
    private final TopologyRegistry topologies;
    private final DatasetRegistry datasets;
    private final PrintWriter out;

    public SearchRunner(SweepRunner.Options options, SweepRunner points, Supplier<List<RunSink>> trackers, TopologyRegistry topologies,
            DatasetRegistry datasets, PrintWriter out) {
        this.options = options;
        this.points = points;
        this.trackers = trackers;
        this.topologies = topologies;
        this.datasets = datasets;
        this.out = out;
    }

    /** State of one search while it runs. */
    private final class Search {
        final ExperimentSource source;
        final Path sourceFile;
        final SearchSpec spec;
        final String parentId;
        final Path scratch;
        final long started = System.nanoTime();
        final List<Trial> trials = new ArrayList<>();
        long epochs;
        int notRun;
        int next;

        Search(ExperimentSource source, Path sourceFile, String parentId, Path scratch) {
            this.source = source;
            this.sourceFile = sourceFile;
            this.spec = source.base().spec().search();
            this.parentId = parentId;
            this.scratch = scratch;
        }

        /**
         * Trains {@code configurations} for {@code epochs} each (or their own training.epochs when
         * epochs is 0), in chunks of --jobs so the wall-time budget is checked between them; a trial
         * the budget cannot afford is not started. {@code phase} names the trials' part of the
         * strategy in their run names ("rung 2", "fit"; empty for none).
         */
        List<Trial> train(List<DeviceFilter.Screened> configurations, int epochs, String phase) throws IOException {
            List<Trial> done = new ArrayList<>();
            List<DeviceFilter.Screened> chunk = new ArrayList<>();
            for (DeviceFilter.Screened c : configurations) {
                chunk.add(c);
                if (chunk.size() == options.jobs()) {
                    done.addAll(chunk(chunk, epochs, phase));
                    chunk.clear();
                }
            }
            done.addAll(chunk(chunk, epochs, phase));
            return done;
        }

        private List<Trial> chunk(List<DeviceFilter.Screened> chunk, int epochs, String phase) throws IOException {
            List<SweepPoint> trialPoints = new ArrayList<>();
            List<DeviceFilter.Screened> started = new ArrayList<>();
            List<Integer> trialEpochs = new ArrayList<>();
            for (DeviceFilter.Screened c : chunk) {
                int e = epochs > 0 ? epochs : c.configuration().loaded().spec().training().epochs();
                SweepPoint point = admit(c, e, phase);
                if (point == null) {
                    continue;
                }
                trialPoints.add(point);
                started.add(c);
                trialEpochs.add(e);
            }
            if (trialPoints.isEmpty()) {
                return List.of();
            }
            List<SweepRunner.PointOutcome> outcomes = points.runPoints(source.base().spec(), trialPoints, sourceFile, parentId, scratch);
            List<Trial> done = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                Trial trial = trial(started.get(i), trialEpochs.get(i), outcomes.get(i));
                trials.add(trial);
                done.add(trial);
            }
            return done;
        }

        /**
         * The trial of {@code c} for {@code e} epochs, its epochs counted; null (counted as not run)
         * when the budget cannot afford it or the search was interrupted. Called by one thread.
         */
        SweepPoint admit(DeviceFilter.Screened c, int e, String phase) {
            boolean overEpochs = spec.budget().epochs() != null && this.epochs + e > spec.budget().epochs();
            boolean overTime = spec.budget().seconds() != null && (System.nanoTime() - this.started) / 1e9 > spec.budget().seconds();
            if (overEpochs || overTime || points.interrupted()) {
                notRun++;
                return null;
            }
            this.epochs += e;
            SweepPoint point = source.trial(c.configuration(), e, next++, 0);
            // Run names read "<name> trial 7 rung 2: model.patches=4, ..., epochs=3".
            return point.relabelled(phase.isEmpty() ? point.label() : phase + ": " + point.label());
        }

        /** Runs one admitted trial and waits for it (several threads may call this at once). */
        SweepRunner.PointOutcome runOne(SweepPoint point) throws IOException {
            return points.runPoints(source.base().spec(), List.of(point), sourceFile, parentId, scratch).get(0);
        }

        Trial trial(DeviceFilter.Screened c, int epochs, SweepRunner.PointOutcome outcome) {
            return new Trial(c, epochs, outcome, curve(outcome, spec.metric()));
        }
    }

    public Result run(ExperimentSource source, Path sourceFile) throws IOException {
        ExperimentSpec base = source.base().spec();
        SearchSpec search = base.search();
        List<DeviceFilter.Screened> screened = DeviceFilter.screen(source, topologies, datasets);
        String parentId = RunRecorder.newRunId();
        RunInfo info = new RunInfo(parentId, base.trackingExperiment(), base.name() + " search (" + screened.size() + " configurations)",
                System.currentTimeMillis(), null, System.getProperty("user.name", "unknown"));
        List<RunSink> sinks = base.tracking().mlflow() ? trackers.get() : List.of();
        Path scratch = Files.createTempDirectory("edgewise-search-");
        try (RunRecorder recorder = new RunRecorder(new RunStore(options.runs()), sinks)) {
            recorder.start(info);
            AtomicBoolean done = new AtomicBoolean();
            // Ctrl-C (or SIGTERM): as for a sweep, stop the trials (they record themselves KILLED), then
            // end the parent KILLED. Started again, the search draws the same trials and the finished
            // ones come from the run cache.
            Thread onInterrupt = new Thread(() -> {
                if (!done.get()) {
                    points.interrupt();
                    try {
                        recorder.tag("edgewise.error", "interrupted: the search was stopped before it finished");
                        recorder.close();
                    } catch (IOException | RuntimeException e) {
                        System.err.println("edgewise: could not mark the interrupted search as KILLED: " + e.getMessage());
                    }
                }
            }, "edgewise-search-killed");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                points.recordParent(recorder, source, sourceFile, scratch);
                recorder.tag("edgewise.search.strategy", search.strategy().kind());
                recorder.drain();
                List<DeviceFilter.Screened> survivors = screened.stream().filter(DeviceFilter.Screened::passed).toList();
                out.printf("search %s: %d configurations drawn, %d rejected at compile time, %d to train (%s); parent run %s%n", base.name(),
                        screened.size(), screened.size() - survivors.size(), survivors.size(), search.strategy().kind()
                        + (search.strategy() instanceof SearchStrategy.Halving h && h.async() ? ", asynchronous" : ""), parentId);
                Search state = new Search(source, sourceFile, parentId, scratch);
                Map<String, Double> metrics = new LinkedHashMap<>();
                List<String> predictorNotes = new ArrayList<>();
                strategy(state, survivors, metrics, predictorNotes);
                if (points.interrupted()) {
                    // The hook ends the parent KILLED; a ranking of what happened to finish would read as a result.
                    throw new IOException("the search was interrupted");
                }
                Result result = finish(recorder, state, screened, metrics, predictorNotes, scratch);
                done.set(true);
                return result;
            } catch (RuntimeException | IOException | Error e) {
                if (!points.interrupted()) {
                    recorder.tag("edgewise.error", String.valueOf(e.getMessage()));
                    recorder.finish(RunStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                // Interrupted: the hook (or closing the recorder) ends the parent KILLED.
                throw e;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or about to: it checks 'done'.
                }
            }
        } finally {
            try {
                AtomicFiles.deleteTree(scratch);
            } catch (IOException e) {
                // Scratch in the temp folder; the run store has the copies.
            }
        }
    }

    private void strategy(Search state, List<DeviceFilter.Screened> survivors, Map<String, Double> metrics, List<String> notes)
            throws IOException {
        SearchSpec search = state.spec;
        if (search.strategy() instanceof SearchStrategy.Random random) {
            List<Trial> trials = state.train(survivors, 0, "");
            for (int k : random.predictorEpochs()) {
                PredictorCheck.score(trials, search, k, metrics, notes);
            }
        } else if (search.strategy() instanceof SearchStrategy.Halving halving) {
            if (halving.async()) {
                asha(state, survivors, halving);
            } else {
                halving(state, survivors, halving);
            }
        } else if (search.strategy() instanceof SearchStrategy.Curve curve) {
            curve(state, survivors, curve, metrics, notes);
        } else {
            throw new IllegalStateException("unknown strategy " + search.strategy().kind());
        }
    }

    /**
     * Successive halving: rung i trains the best ceil(n / eta^i) for min_epochs x eta^i epochs, the
     * last rung for the configuration's training.epochs. Trials restart from scratch with the same
     * seed, so a rung at the full epochs is the very run an exhaustive sweep makes (and the cache serves it).
     */
    private void halving(Search state, List<DeviceFilter.Screened> survivors, SearchStrategy.Halving halving) throws IOException {
        List<DeviceFilter.Screened> alive = survivors;
        int full = state.source.base().spec().training().epochs();
        long rungEpochs = halving.minEpochs();
        int index = 0;
        while (!alive.isEmpty()) {
            int epochs = (int) Math.min(rungEpochs, full);
            out.printf("%nrung: %d configuration(s) for %d epoch(s)%n", alive.size(), epochs);
            List<Trial> rung = state.train(alive, epochs, "rung " + (++index));
            if (epochs >= full) {
                return;
            }
            int keep = Math.max(1, (int) Math.ceil(alive.size() / (double) halving.eta()));
            alive = ranked(rung, state.spec).stream().limit(keep).map(Trial::screened).toList();
            rungEpochs *= halving.eta();
        }
    }

    /** The epochs of each rung: min_epochs x eta^i below training.epochs, then training.epochs. */
    static List<Integer> rungEpochs(int minEpochs, int eta, int full) {
        List<Integer> rungs = new ArrayList<>();
        for (long e = minEpochs; e < full; e *= eta) {
            rungs.add((int) e);
        }
        rungs.add(full);
        return rungs;
    }

    /** What a job slot hands back: the ASHA job and its trained trial. */
    private record Ran(Asha.Job job, Trial trial) {}

    /**
     * Asynchronous successive halving: up to --jobs trials run at once, and whenever one ends the
     * free slot takes the next job {@link Asha} gives (a promotion if some trial is in the best
     * 1/eta of its rung so far, else a new configuration). This thread alone admits trials and
     * updates the rule; the pool only runs them.
     */
    private void asha(Search state, List<DeviceFilter.Screened> survivors, SearchStrategy.Halving halving) throws IOException {
        List<Integer> rungs = rungEpochs(halving.minEpochs(), halving.eta(), state.source.base().spec().training().epochs());
        Asha rule = new Asha(survivors.size(), rungs.size(), halving.eta(), order(state.spec));
        out.printf("%nasynchronous successive halving: %d configuration(s), rungs of %s epoch(s), %d at a time%n", survivors.size(),
                rungs, options.jobs());
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
            Thread t = new Thread(r, "edgewise-search-trial");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<Ran> slots = new ExecutorCompletionService<>(pool);
        int running = 0;
        int startedNew = 0;
        int refusedNew = 0;
        try {
            while (true) {
                while (running < options.jobs()) {
                    if (points.interrupted()) {
                        rule.stopNew();
                    }
                    Asha.Job job = rule.next();
                    if (job == null) {
                        break;
                    }
                    DeviceFilter.Screened c = survivors.get(job.configuration());
                    int epochs = rungs.get(job.rung());
                    SweepPoint point = state.admit(c, epochs, "rung " + (job.rung() + 1));
                    if (point == null) {
                        // Over the budget: no new configuration starts any more; a promotion that does not fit is dropped.
                        rule.dropped(job);
                        rule.stopNew();
                        refusedNew += job.rung() == 0 ? 1 : 0;
                        continue;
                    }
                    if (job.rung() == 0) {
                        startedNew++;
                    }
                    slots.submit(() -> new Ran(job, state.trial(c, epochs, state.runOne(point))));
                    running++;
                }
                if (running == 0) {
                    break;
                }
                Ran ran;
                try {
                    ran = slots.take().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    points.interrupt();
                    throw new IOException("interrupted while running the search", e);
                } catch (ExecutionException e) {
                    throw new IOException("a search trial failed unexpectedly: " + e.getCause(), e.getCause());
                }
                running--;
                state.trials.add(ran.trial());
                rule.finished(ran.job(), ran.trial().outcome().ok() ? ran.trial().metric(state.spec.metric()) : Double.NaN);
            }
        } finally {
            pool.shutdownNow();
        }
        // Configurations the budget (or Ctrl-C) kept from starting were never trained (one refused at rung 0 is counted already).
        state.notRun += survivors.size() - startedNew - refusedNew;
    }

    /**
     * The Starfish search: the first {@code fit} survivors trained to the end fit the predictor on
     * their first k epochs; every other survivor trains k epochs, the predictor ranks them by their
     * predicted final metric, and the predicted best {@code keep} fraction trains to the end.
     */
    private void curve(Search state, List<DeviceFilter.Screened> survivors, SearchStrategy.Curve curve, Map<String, Double> metrics,
            List<String> notes) throws IOException {
        int fitCount = Math.min(curve.fit(), survivors.size());
        List<Trial> full = state.train(survivors.subList(0, fitCount), 0, "fit").stream().filter(t -> t.outcome().ok()
                && t.curve().size() >= curve.epochs() + 1).toList();
        List<DeviceFilter.Screened> rest = survivors.subList(fitCount, survivors.size());
        if (full.size() < 2 || rest.isEmpty()) {
            notes.add("The predictor was not used: " + (rest.isEmpty() ? "every survivor was trained to the end."
                    : "fewer than two fitted curves longer than " + curve.epochs() + " epochs."));
            state.train(rest, 0, "");
            return;
        }
        CurvePredictor predictor = PredictorCheck.fit(full, curve.epochs(), state.spec);
        metrics.put("predictor_fit_rmse", predictor.fitRmse());
        List<Trial> partial = state.train(rest, curve.epochs(), "first " + curve.epochs()).stream().filter(t -> t.outcome().ok() && t.curve().size() >= curve.epochs())
                .toList();
        Map<Trial, Double> predicted = new LinkedHashMap<>();
        for (Trial t : partial) {
            predicted.put(t, predictor.predict(PredictorCheck.first(t.curve(), curve.epochs())));
        }
        int keep = Math.max(1, (int) Math.ceil(curve.keep() * partial.size()));
        List<Trial> chosen = predicted.entrySet().stream().sorted((a, b) -> state.spec.better(a.getValue(), b.getValue()) ? -1
                : state.spec.better(b.getValue(), a.getValue()) ? 1 : 0).limit(keep).map(Map.Entry::getKey).toList();
        List<Trial> finished = state.train(chosen.stream().map(Trial::screened).toList(), 0, "continued");
        double error = 0;
        int n = 0;
        for (Trial t : finished) {
            Trial early = chosen.stream().filter(c -> c.screened() == t.screened()).findFirst().orElseThrow();
            double actual = t.metric(state.spec.metric());
            if (Double.isFinite(actual)) {
                error += Math.pow(predicted.get(early) - actual, 2);
                n++;
            }
        }
        if (n > 0) {
            metrics.put("predictor_rmse_continued", Math.sqrt(error / n));
        }
        notes.add(String.format("Predictor fitted on %d curves (first %d epochs -> final %s), RMSE on them %.4g; %d configurations trained"
                + " %d epochs, the predicted best %d trained to the end%s.", full.size(), curve.epochs(), state.spec.metric(),
                predictor.fitRmse(), partial.size(), curve.epochs(), chosen.size(),
                n > 0 ? String.format(" (RMSE of their predictions %.4g)", Math.sqrt(error / n)) : ""));
    }

    /** Every metric the parent run of {@code spec} may record. */
    public static List<String> parentMetrics(SearchSpec spec) {
        List<String> names = new ArrayList<>(List.of("configurations", "rejected"));
        DeviceFilter.REASONS.forEach(r -> names.add("rejected_" + r));
        names.addAll(List.of("trials", "trials_failed", "trials_cached", "trials_not_run_budget", "trained_to_the_end", "epochs_trained",
                "epochs_exhaustive", "best_" + spec.metric(), "best_bytes", "best_macs", "best_parameters", "pareto_size"));
        if (spec.strategy() instanceof SearchStrategy.Curve) {
            names.addAll(List.of("predictor_fit_rmse", "predictor_rmse_continued"));
        }
        if (spec.strategy() instanceof SearchStrategy.Random random) {
            for (int k : random.predictorEpochs()) {
                for (String part : List.of("rmse_mean", "rmse_std", "top5", "top10", "top20")) {
                    names.add("predictor_k" + k + "_" + part);
                }
            }
            if (!random.predictorEpochs().isEmpty()) {
                names.addAll(List.of("random_top5", "random_top10", "random_top20"));
            }
        }
        return names;
    }

    /** Finished trials with a finite metric, best first; ties keep the drawn order. */
    static List<Trial> ranked(List<Trial> trials, SearchSpec spec) {
        List<Trial> ok = new ArrayList<>(trials.stream().filter(t -> t.outcome().ok() && Double.isFinite(t.metric(spec.metric()))).toList());
        ok.sort((a, b) -> spec.better(a.metric(spec.metric()), b.metric(spec.metric())) ? -1
                : spec.better(b.metric(spec.metric()), a.metric(spec.metric())) ? 1 : 0);
        return ok;
    }

    /** The per-epoch values of {@code metric} the trial's run recorded, in epoch order (empty when none). */
    static List<Double> curve(SweepRunner.PointOutcome outcome, String metric) {
        if (outcome.runDir() == null || !Files.isDirectory(outcome.runDir())) {
            return List.of();
        }
        try {
            TreeMap<Long, Double> byStep = new TreeMap<>();
            for (RunEvent event : RunFolder.at(outcome.runDir()).events()) {
                if (event instanceof RunEvent.Metric m && m.key().equals(metric)) {
                    byStep.put(m.step(), m.value());
                }
            }
            return List.copyOf(byStep.values());
        } catch (IOException e) {
            return List.of();
        }
    }

    private Result finish(RunRecorder recorder, Search state, List<DeviceFilter.Screened> screened, Map<String, Double> extra,
            List<String> notes, Path scratch) throws IOException {
        SearchSpec spec = state.spec;
        String metric = spec.metric();
        int full = state.source.base().spec().training().epochs();
        List<Trial> complete = ranked(state.trials.stream().filter(t -> t.epochs() >= t.screened().configuration().loaded().spec().training()
                .epochs()).toList(), spec);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("configurations", (double) screened.size());
        long rejected = screened.stream().filter(s -> !s.passed()).count();
        metrics.put("rejected", (double) rejected);
        for (String reason : DeviceFilter.REASONS) {
            metrics.put("rejected_" + reason, (double) screened.stream().filter(s -> s.reasons().contains(reason)).count());
        }
        metrics.put("trials", (double) state.trials.size());
        metrics.put("trials_failed", (double) state.trials.stream().filter(t -> !t.outcome().ok()).count());
        metrics.put("trials_cached", (double) state.trials.stream().filter(t -> t.outcome().cached()).count());
        metrics.put("trials_not_run_budget", (double) state.notRun);
        metrics.put("trained_to_the_end", (double) complete.size());
        metrics.put("epochs_trained", (double) state.epochs);
        metrics.put("epochs_exhaustive", (double) full * (screened.size() - rejected));
        DeviceFilter.Screened best = complete.isEmpty() ? null : complete.get(0).screened();
        if (best != null) {
            metrics.put("best_" + metric, complete.get(0).metric(metric));
            if (best.bytes() >= 0) {
                metrics.put("best_bytes", (double) best.bytes());
                metrics.put("best_macs", (double) best.macs());
                metrics.put("best_parameters", (double) best.parameters());
            }
        }
        metrics.putAll(extra);
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (Double.isFinite(m.getValue())) {
                recorder.metric(m.getKey(), m.getValue(), 0);
            }
        }
        Path folder = Files.createDirectories(scratch.resolve("search"));
        List<String> paths = state.source.sweptPaths();
        Table ranking = new Table(header(List.of("rank"), paths, List.of(metric, "epochs", "parameters", "bytes", "macs", "run_id")));
        int rank = 1;
        for (Trial t : complete) {
            List<Object> row = new ArrayList<>(List.of((long) rank++));
            paths.forEach(p -> row.add(t.screened().configuration().values().get(p)));
            row.addAll(List.of(t.metric(metric), (long) t.epochs(), t.screened().parameters(), t.screened().bytes(), t.screened().macs(),
                    t.outcome().runId()));
            ranking.add(row);
        }
        artifact(recorder, folder, "ranking", ranking);
        Table all = new Table(header(List.of("configuration"), paths, List.of("status", "reasons", "detail", "parameters", "bytes", "ram_bytes",
                "macs", "trials", "epochs", metric, "curve")));
        for (DeviceFilter.Screened s : screened) {
            List<Trial> of = state.trials.stream().filter(t -> t.screened() == s).toList();
            List<Object> row = new ArrayList<>(List.of(s.configuration().ordinal()));
            paths.forEach(p -> row.add(s.configuration().values().get(p)));
            Trial last = of.isEmpty() ? null : of.get(of.size() - 1);
            row.addAll(List.of(s.passed() ? (of.isEmpty() ? "not trained" : "trained") : "rejected", String.join("+", s.reasons()), s.detail(),
                    s.parameters(), s.bytes(), s.ramBytes(), s.macs(), (long) of.size(), last == null ? 0L : (long) last.epochs(),
                    last == null ? Double.NaN : last.metric(metric), last == null ? "" : curveText(last.curve())));
            all.add(row);
        }
        artifact(recorder, folder, "configurations", all);
        Table reasons = new Table("reason", "configurations", "what it means");
        Map<String, String> meaning = Map.of("compile", "the family refused the spec (e.g. a patch that does not halve once per convolution)",
                "ram", "the role's input buffer and activations exceed the device's RAM", "flash", "the role's weights exceed the device's flash",
                "ops", "one inference needs more multiply-accumulates than the limit");
        for (String reason : DeviceFilter.REASONS) {
            reasons.add(reason, (long) screened.stream().filter(s -> s.reasons().contains(reason)).count(), meaning.get(reason));
        }
        reasons.add("any", rejected, "rejected before training (never trained)");
        artifact(recorder, folder, "rejections", reasons);
        List<Trial> front = Pareto.front(complete, spec);
        Table pareto = new Table(header(List.of(), paths, List.of(metric, "bytes", "macs", "run_id")));
        for (Trial t : front) {
            List<Object> row = new ArrayList<>();
            paths.forEach(p -> row.add(t.screened().configuration().values().get(p)));
            row.addAll(List.of(t.metric(metric), t.screened().bytes(), t.screened().macs(), t.outcome().runId()));
            pareto.add(row);
        }
        artifact(recorder, folder, "pareto", pareto);
        recorder.metric("pareto_size", front.size(), 0);
        if (!notes.isEmpty()) {
            Path file = folder.resolve("predictor.md");
            Files.writeString(file, String.join("\n\n", notes) + "\n");
            recorder.artifact("search/predictor.md", file);
        }
        out.println();
        out.print(ranking.render(Table.Format.TEXT));
        out.printf("%nrejected at compile time: %d of %d (%s)%n", rejected, screened.size(), String.join(", ", DeviceFilter.REASONS.stream()
                .map(r -> r + " " + screened.stream().filter(s -> s.reasons().contains(r)).count()).toList()));
        out.printf("epochs trained: %d (every survivor to the end: %d)%n", state.epochs, (long) full * (screened.size() - rejected));
        notes.forEach(n -> out.println(n));
        long failed = state.trials.stream().filter(t -> !t.outcome().ok()).count();
        if (failed == 0 && !complete.isEmpty()) {
            recorder.finish(RunStatus.FINISHED, null);
            out.printf("search finished: best %s%n", best.configuration().label());
        } else {
            String error = complete.isEmpty() ? "no trial was trained to the end" : failed + " of " + state.trials.size() + " trials did not finish";
            recorder.tag("edgewise.error", error);
            recorder.finish(RunStatus.FAILED, error);
            out.printf("search failed: %s%n", error);
        }
        return new Result(state.parentId, recorder.runDir(), screened, List.copyOf(state.trials), metrics, best);
    }

    private static String curveText(List<Double> curve) {
        return String.join(" ", curve.stream().map(v -> String.format("%.4g", v)).toList());
    }

    private static List<String> header(List<String> first, List<String> paths, List<String> last) {
        List<String> h = new ArrayList<>(first);
        h.addAll(paths);
        h.addAll(last);
        return h;
    }

    private static void artifact(RunRecorder recorder, Path folder, String name, Table table) throws IOException {
        Path csv = folder.resolve(name + ".csv");
        Files.writeString(csv, table.render(Table.Format.CSV));
        recorder.artifact("search/" + name + ".csv", csv);
        Path md = folder.resolve(name + ".md");
        Files.writeString(md, table.render(Table.Format.MD));
        recorder.artifact("search/" + name + ".md", md);
    }

    /** Deterministic shuffles for the predictor's splits. */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    static Comparator<Double> order(SearchSpec spec) {
        return (a, b) -> spec.better(a, b) ? -1 : spec.better(b, a) ? 1 : 0;
    }
}
