package dev.edgewise.engine.run;

import dev.edgewise.engine.train.TrainingListener;
import java.io.PrintStream;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training as it goes: a progress bar per phase on a terminal, one plain line per epoch
 * otherwise (CI logs, pipes), so logs stay readable.
 */
final class ConsoleProgress implements TrainingListener {

    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;
    private int epochs;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void phaseStarted(String phase, int epochs, int batchesPerEpoch) {
        close();
        this.epochs = epochs;
        if (terminal && epochs > 0) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format("%-8s", phase))
                    .setInitialMax((long) epochs * batchesPerEpoch)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(250)
                    .continuousUpdate()
                    .build();
        }
    }

    @Override
    public void batchFinished(String phase) {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void epochFinished(String phase, int epoch, Map<String, Double> metrics) {
        if (bar != null) {
            bar.setExtraMessage(" epoch " + epoch + "/" + epochs + " " + summary(metrics, true));
            if (epoch == epochs) {
                close();
            }
        } else {
            out.printf("%-8s epoch %d/%d  %s%n", phase, epoch, epochs, summary(metrics, false));
        }
    }

    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** The metrics worth watching, with short labels on a bar (it shares one line with them). */
    private static String summary(Map<String, Double> metrics, boolean shortLabels) {
        String[][] shown = {
            {"pretrain_loss", "loss"}, {"pretrain_test_accuracy", "acc"}, {"train_loss", "loss"},
            {"test_rmse", "rmse"}, {"test_accuracy", "acc"}, {"test_sent_fraction", "sent"}
        };
        StringBuilder text = new StringBuilder();
        for (String[] metric : shown) {
            Double value = metrics.get(metric[0]);
            if (value != null) {
                text.append(shortLabels ? metric[1] : metric[0]).append(' ').append(String.format("%.4f", value)).append("  ");
            }
        }
        return text.toString().trim();
    }
}
