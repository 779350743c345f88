package dev.edgewise.engine.search;

import dev.edgewise.dsl.sweep.SearchSpec;
import java.util.ArrayList;
import java.util.List;

/** The Pareto front of finished trials over three objectives: the metric (its direction), weight bytes and operations (fewer is better). */
final class Pareto {

    private Pareto() {}

    static List<SearchRunner.Trial> front(List<SearchRunner.Trial> trials, SearchSpec spec) {
        List<SearchRunner.Trial> front = new ArrayList<>();
        for (SearchRunner.Trial t : trials) {
            boolean dominated = false;
            for (SearchRunner.Trial o : trials) {
                if (o != t && dominates(o, t, spec)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(t);
            }
        }
        return front;
    }

    /** a is no worse than b on every objective and better on one. */
    static boolean dominates(SearchRunner.Trial a, SearchRunner.Trial b, SearchSpec spec) {
        double ma = a.metric(spec.metric());
        double mb = b.metric(spec.metric());
        boolean metricNoWorse = !spec.better(mb, ma);
        boolean bytesNoWorse = a.screened().bytes() <= b.screened().bytes();
        boolean opsNoWorse = a.screened().macs() <= b.screened().macs();
        boolean strictly = spec.better(ma, mb) || a.screened().bytes() < b.screened().bytes() || a.screened().macs() < b.screened().macs();
        return metricNoWorse && bytesNoWorse && opsNoWorse && strictly;
    }
}
