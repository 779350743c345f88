package dev.edgewise.engine.train;

import dev.edgewise.catalog.links.LinkDraw;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one byte accountant: what a family's transmissions put on the air and what arrived, summed
 * exactly (whole messages and bits) over the samples of an evaluation. A transmission lost on
 * its link was still sent, so it counts; a node that failed sent nothing.
 */
public final class Traffic {

    private final BitAccount account;
    private final int slots;
    private long samples;
    private long messages;
    private long bits;
    private long delivered;
    private long offered;
    private boolean delivering;

    /**
     * @param account bits and hops of each sender's message
     * @param slots (sender, round) slots per sample in which a message could go out, for the sent fraction;
     *     0 when a sender's one message may cross several hops (the fraction would mean nothing)
     */
    public Traffic(BitAccount account, int slots) {
        this.account = account;
        this.slots = slots;
    }

    /** One sample's transmissions: {@code sent[n]} whether sender n sent (once per hop of its route). */
    public void sample(boolean[] sent) {
        samples++;
        messages += account.messages(sent);
        bits += account.bits(sent);
    }

    /**
     * The {@code samples} samples of a batch whose senders each sent one message up (one round,
     * one receiver): who sent (the senders alive) and how many of their messages arrived whole.
     */
    public void upward(LinkDraw draw, int samples) {
        int senders = draw.shape().senders();
        float[] alive = draw.alive();
        float[] arrived = draw.messageMask();
        for (int i = 0; i < samples; i++) {
            int row = draw.samples() == 1 ? 0 : i;
            boolean[] sent = new boolean[senders];
            long whole = 0;
            for (int n = 0; n < senders; n++) {
                sent[n] = alive[row * senders + n] == 1f;
                whole += arrived[row * senders + n] == 1f ? 1 : 0;
            }
            sample(sent);
            deliveries(whole, senders);
        }
    }

    /** {@code count} broadcasts of sender {@code n} (one per round it spoke), for families whose nodes talk in rounds. */
    public void broadcasts(int n, long count) {
        messages += count;
        bits += count * account.bitsOf(n);
    }

    /** Starts a sample whose broadcasts follow. */
    public void startSample() {
        samples++;
    }

    /** {@code arrived} of {@code sent} messages reached their receiver (a broadcast counts once per neighbour). */
    public void deliveries(long arrived, long sent) {
        delivered += arrived;
        offered += sent;
        delivering = true;
    }

    /** Metrics as logged (unprefixed). */
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        double n = samples;
        if (slots > 0) {
            metrics.put("sent_fraction", messages / (n * slots));
        }
        metrics.put("messages_per_sample", messages / n);
        metrics.put("bits_per_sample", bits / n);
        metrics.put("bytes_per_sample", bits / n / 8.0);
        if (delivering) {
            // NaN when nothing was sent: no message could arrive or be lost.
            metrics.put("delivered_fraction", offered == 0 ? Double.NaN : delivered / (double) offered);
        }
        return metrics;
    }

    /** Metrics against the raw input: what sending every node's raw input over the same routes would take. */
    public Map<String, Double> rawMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("raw_bits_per_sample", (double) account.rawBitsPerSample());
        metrics.put("bits_saving", account.saving(bits / (double) samples));
        return metrics;
    }
}
