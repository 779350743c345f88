package dev.edgewise.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.builder.Exchange;
import dev.edgewise.dsl.builder.Experiment;
import dev.edgewise.dsl.builder.Links;
import dev.edgewise.dsl.builder.Model;
import dev.edgewise.dsl.builder.Variant;
import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import dev.edgewise.dsl.spec.CommunicationTermSpec;
import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.GilbertElliottLinksSpec;
import dev.edgewise.dsl.spec.ModelSpec;
import dev.edgewise.dsl.spec.PacketLinksSpec;
import dev.edgewise.dsl.spec.SpecVariants;
import dev.edgewise.dsl.spec.SplitModelSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sections chosen by kind: the kind picks the record, defaults, keyed maps, plug-ins, and the canonical form. */
class VariantBindingTest {

    static final String CRNN = "name: v\ntopology: {nodes: 4}\nmodel: {kind: crnn}\nexchange: {kind: peer}\n";

    /** A plug-in family, as a Java or Kotlin user would register it. */
    @dev.edgewise.dsl.spec.Variant("tiny")
    public record TinyModelSpec(@Default("3") int depth) implements ModelSpec {}

    private static ExperimentSpec read(String text) {
        return YamlSpecReader.read(text, "v.yaml").spec();
    }

    @Test
    void theKindChoosesTheRecord() {
        ExperimentSpec spec = read("""
                name: v
                topology: {nodes: 4}
                model: {kind: split, sensor: {layers: [{type: dense}]}, base: {layers: [{type: dense, units: 10}]}}
                exchange: {kind: upward, message_size: 4, lost: drop}
                links: {kind: packets, payload: 20, failure: 0.1}
                """);

        assertInstanceOf(SplitModelSpec.class, spec.model());
        assertEquals(UpwardExchangeSpec.Lost.DROP, ((UpwardExchangeSpec) spec.exchange()).lost());
        assertEquals(new PacketLinksSpec(20, 0.1, 0.0, true), spec.links());
    }

    @Test
    void aLeftOutKindIsTheDefaultKind() {
        ExperimentSpec spec = read(CRNN + "links: {failure: 0.2}\n");

        assertEquals(new BernoulliLinksSpec(0.2, 0.0, true), spec.links());
        assertEquals("max", spec.task().kind());
    }

    @Test
    void eachKeyOfAMapOfVariantsIsItsKind() {
        ExperimentSpec spec = read(CRNN + "loss: {terms: {task: {weight: 1.0}, communication: {weight: 0.5, budget: 0.3}}}\n");

        CommunicationTermSpec communication = spec.loss().term("communication", CommunicationTermSpec.class);
        assertEquals(0.3, communication.budget());
        assertEquals(0.5, spec.loss().weight("communication"));
        assertEquals(1.0, spec.loss().weight("task"));
    }

    @Test
    void theKindIsWrittenFirstAndFlattensIntoParams() {
        ExperimentSpec spec = read(CRNN + "loss: {terms: {communication: {weight: 0.5}, task: {weight: 1.0}}}\n");
        String yaml = CanonicalSpec.toYaml(spec);

        assertTrue(yaml.contains("model:\n  kind: crnn\n"), yaml);
        assertTrue(yaml.contains("exchange:\n  kind: peer\n"), yaml);
        assertEquals("crnn", SpecParams.of(spec).get("model.kind"));
        assertEquals("0.5", SpecParams.of(spec).get("loss.terms.communication.weight"));
        assertEquals(spec, read(yaml), "the canonical form reads back");
        String reordered = CRNN + "loss: {terms: {task: {weight: 1.0}, communication: {weight: 0.5}}}\n";
        assertEquals(CanonicalSpec.hash(spec), CanonicalSpec.hash(read(reordered)), "term order does not change the hash");
    }

    @Test
    void twoKindsWithTheSameKeysHashApart() {
        String a = "name: v\ntopology: {nodes: 4}\nmodel: {kind: crnn}\nexchange: {kind: peer}\nlinks: {kind: bernoulli, failure: 0.1}\n";
        String b = a.replace("kind: bernoulli, failure: 0.1", "kind: packets, payload: 8, failure: 0.1");

        assertTrue(!CanonicalSpec.hash(read(a)).equals(CanonicalSpec.hash(read(b))));
    }

    @Test
    void theBuilderBindsTheSameShapes() {
        ExperimentSpec fromJava = Experiment.named("v").nodes(4)
                .model(Model.crnn(m -> {}))
                .exchange(Exchange.peer(x -> {}))
                .links(Links.gilbertElliott(l -> l.p(0.1).r(0.4)))
                .loss(l -> l.task(1.0).communication(c -> c.weight(0.5).budget(0.3)))
                .build();
        ExperimentSpec fromYaml = read(CRNN + "links: {kind: gilbert-elliott, p: 0.1, r: 0.4}\n"
                + "loss: {terms: {task: {weight: 1.0}, communication: {weight: 0.5, budget: 0.3}}}\n");

        assertEquals(fromYaml, fromJava);
        assertEquals(0.2, ((GilbertElliottLinksSpec) fromJava.links()).lossRate(), 1e-12);
    }

    @Test
    void aKeyOfAnotherKindFromTheBuilderPointsAtItsLine() {
        int line = StackWalker.getInstance().walk(f -> f.findFirst().orElseThrow().getLineNumber()) + 2;
        Experiment experiment = Experiment.named("v").nodes(4).model(Model.crnn(m -> {}))
                .exchange(Exchange.upward(x -> x.set("rounds", 5)));

        SpecProblem problem = assertThrows(SpecException.class, experiment::build).problems().get(0);

        assertEquals("VariantBindingTest.java:" + line + ":1: 'rounds' is a key of exchange kind peer; this exchange is kind upward"
                + " (at $.exchange.rounds)", problem.format().lines().findFirst().orElseThrow());
    }

    @Test
    void aRegisteredKindBindsFromYamlAndFromTheBuilder() {
        SpecVariants.register(ModelSpec.class, TinyModelSpec.class);

        assertEquals(new TinyModelSpec(5), read(CRNN.replace("{kind: crnn}", "{kind: tiny, depth: 5}")).model());
        ExperimentSpec built = Experiment.named("v").nodes(4).exchange(Exchange.peer(x -> {}))
                .model(Variant.of(ModelSpec.class, "tiny", s -> s.set("depth", 5))).build();
        assertEquals(new TinyModelSpec(5), built.model());
        assertEquals(Map.of("crnn", 1, "split", 1, "codec", 1, "jpeg", 1, "lstm", 1, "lora-network", 1, "tiny", 1).keySet(), SpecVariants.of(ModelSpec.class).keySet());
        assertThrows(IllegalArgumentException.class, () -> SpecVariants.register(ModelSpec.class, SplitTwin.class),
                "a plug-in cannot take a built-in's kind");
    }

    @dev.edgewise.dsl.spec.Variant("split")
    public record SplitTwin(int x) implements ModelSpec {}
}
