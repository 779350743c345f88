package dev.edgewise.engine.run;

import dev.edgewise.engine.train.TrainingListener;

/** Chooses how training progress is shown: a bar on a terminal, plain lines elsewhere. */
public final class ConsoleProgressFactory {

    private ConsoleProgressFactory() {}

    public static TrainingListener create(boolean barsWanted) {
        boolean terminal = barsWanted && System.console() != null && !"true".equals(System.getenv("CI"));
        return new ConsoleProgress(System.out, terminal);
    }
}
