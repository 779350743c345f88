package dev.edgewise.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.builder.Exchange;
import dev.edgewise.dsl.builder.Experiment;
import dev.edgewise.dsl.builder.Model;
import dev.edgewise.dsl.builder.Sends;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.LogitSendSpec;
import dev.edgewise.dsl.spec.PeerExchangeSpec;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import org.junit.jupiter.api.Test;

/** exchange.send: the learned send decision of the peer exchange (issue 18). */
class SendSpecBindingTest {

    static final String CRNN = "name: s\ntopology: {nodes: 4}\nmodel: {kind: crnn}\n";

    private static ExperimentSpec read(String text) {
        return YamlSpecReader.read(text, "s.yaml").spec();
    }

    private static PeerExchangeSpec peer(ExperimentSpec spec) {
        return (PeerExchangeSpec) spec.exchange();
    }

    @Test
    void aLogitSendBindsWithItsDefaults() {
        ExperimentSpec spec = read(CRNN + "exchange: {kind: peer, send: {kind: logit, temperature: 0.3}}\n");

        assertEquals(new LogitSendSpec(0.3, 2.0, true, LogitSendSpec.Count.EXPECTED), peer(spec).send());
    }

    @Test
    void everyKeyBinds() {
        ExperimentSpec spec = read(CRNN + "exchange:\n  kind: peer\n  send: {kind: logit, temperature: 1.5, bias: -0.5, noise: false,"
                + " count: hard, detach: true}\n");

        assertEquals(new LogitSendSpec(1.5, -0.5, false, LogitSendSpec.Count.HARD, true), peer(spec).send());
        assertTrue(((LogitSendSpec) peer(spec).send()).detached());
    }

    @Test
    void detachUnsetIsFalseAndAbsentFromTheCanonicalSpec() {
        ExperimentSpec spec = read(CRNN + "exchange: {kind: peer, send: {kind: logit}}\n");

        assertFalse(((LogitSendSpec) peer(spec).send()).detached());
        // figure6.yaml and table8.yaml were recorded before the key existed: their hashes stay.
        assertFalse(CanonicalSpec.toJson(spec).contains("detach"), CanonicalSpec.toJson(spec));
    }

    @Test
    void unsetItIsNullAndLeavesTheCanonicalSpecAsItWas() {
        ExperimentSpec spec = read(CRNN + "exchange: {kind: peer}\n");

        assertNull(peer(spec).send());
        // Absent from the canonical form, so every spec written before the key existed keeps its hash (and its CI reference).
        assertFalse(CanonicalSpec.toJson(spec).contains("send"), CanonicalSpec.toJson(spec));
        assertTrue(CanonicalSpec.toJson(read(CRNN + "exchange: {kind: peer, send: {kind: logit}}\n")).contains("\"send\":{\"kind\":\"logit\""));
    }

    @Test
    void aMisspelledKeyIsReportedAtItsLineWithItsPath() {
        SpecException error = assertThrows(SpecException.class,
                () -> read(CRNN + "exchange:\n  kind: peer\n  send: {kind: logit, temprature: 0.3}\n"));

        String message = error.problems().get(0).format();
        assertTrue(message.startsWith("s.yaml:6:"), message);
        assertTrue(message.contains("$.exchange.send.temprature"), message);
    }

    @Test
    void anOutOfRangeTemperatureOrAnUnknownKindIsRefused() {
        SpecException cold = assertThrows(SpecException.class,
                () -> read(CRNN + "exchange: {kind: peer, send: {kind: logit, temperature: 0}}\n"));
        assertTrue(cold.problems().get(0).format().contains("$.exchange.send.temperature"), cold.problems().get(0).format());

        SpecException unknown = assertThrows(SpecException.class,
                () -> read(CRNN + "exchange: {kind: peer, send: {kind: sigmoid}}\n"));
        assertTrue(unknown.problems().get(0).format().contains("logit"), "names the kinds there are: " + unknown.problems().get(0).format());
    }

    @Test
    void theBuilderBindsTheSameSpec() {
        ExperimentSpec fromJava = Experiment.named("s").nodes(4)
                .model(Model.crnn(m -> {}))
                .exchange(Exchange.peer(x -> x.send(Sends.logit(s -> s.temperature(0.3).bias(1.0).noise(false)
                        .count(LogitSendSpec.Count.HARD).detach(true)))))
                .build();

        assertEquals(read(CRNN + "exchange: {kind: peer, send: {kind: logit, temperature: 0.3, bias: 1.0, noise: false, count: hard,"
                + " detach: true}}\n"),
                fromJava);
    }
}
