package dev.edgewise.engine.train;

import dev.edgewise.catalog.links.LinkDraw;
import dev.edgewise.catalog.links.Radio;
import dev.edgewise.dsl.spec.LinksSpec;
import dev.edgewise.dsl.spec.RadioLinksSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one byte accountant: what a family's transmissions put on the air and what arrived, summed
 * exactly (whole messages and bits) over the samples of an evaluation. A transmission lost on
 * its link was still sent, so it counts; a node that failed sent nothing. Over a link model with a
 * {@link Radio} it also sums time on air and transmit energy (every hop's transmission, each
 * message in its packets), and the time the duty cycle makes the busiest sender of a sample wait.
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
    private Radio radio;
    private double airtime;
    private double dutyWait;
    private double[] senderAirtime;

    /**
     * @param account bits and hops of each sender's message
     * @param slots (sender, round) slots per sample in which a message could go out, for the sent fraction;
     *     0 when a sender's one message may cross several hops (the fraction would mean nothing)
     */
    public Traffic(BitAccount account, int slots) {
        this.account = account;
        this.slots = slots;
    }

    /** The names {@link #metrics()} adds over links of {@code links}' kind, besides the bytes. */
    public static List<String> radioMetrics(LinksSpec links) {
        return links instanceof RadioLinksSpec ? RADIO_METRICS : List.of();
    }

    private static final List<String> RADIO_METRICS = List.of("airtime_per_sample_s", "energy_per_sample_j", "duty_cycle_wait_per_sample_s");

    /** Also counts time on air and energy on {@code radio}, when there is one; call before the first sample. */
    public Traffic onAir(Optional<Radio> radio) {
        if (samples > 0) {
            throw new IllegalStateException("the radio must be set before the first sample");
        }
        this.radio = radio.orElse(null);
        this.senderAirtime = new double[account.nodes()];
        return this;
    }

    /** One sample's transmissions: {@code sent[n]} whether sender n sent (once per hop of its route). */
    public void sample(boolean[] sent) {
        startSample();
        messages += account.messages(sent);
        bits += account.bits(sent);
        if (radio != null) {
            for (int n = 0; n < sent.length; n++) {
                if (sent[n]) {
                    onAir(n, account.hops()[n]);
                }
            }
        }
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
        if (radio != null) {
            onAir(n, count * account.hops()[n]);
        }
    }

    /** Starts a sample whose broadcasts follow. */
    public void startSample() {
        endSample();
        samples++;
    }

    /** {@code transmissions} messages of sender {@code n} on the air in the current sample. */
    private void onAir(int n, long transmissions) {
        double seconds = transmissions * radio.messageSeconds(account.values()[n] * account.bitsPerValue());
        airtime += seconds;
        senderAirtime[n] += seconds;
    }

    /** Closes the current sample's duty-cycle account: the busiest sender's wait, t (1 / d - 1) after t on air. */
    private void endSample() {
        if (radio == null || samples == 0) {
            return;
        }
        double busiest = 0;
        for (int n = 0; n < senderAirtime.length; n++) {
            busiest = Math.max(busiest, senderAirtime[n]);
            senderAirtime[n] = 0;
        }
        dutyWait += busiest * (1 / radio.dutyCycle() - 1);
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
        if (radio != null) {
            endSample();
            metrics.put("airtime_per_sample_s", airtime / n);
            metrics.put("energy_per_sample_j", airtime * radio.watts() / n);
            metrics.put("duty_cycle_wait_per_sample_s", dutyWait / n);
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
