package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.PeerExchangeSpec.Aggregation;
import dev.edgewise.dsl.spec.PeerExchangeSpec.Gate;
import dev.edgewise.dsl.spec.TrainingSpec.Optimizer;

/** experiments/quickstart.yaml, said in Java. */
final class QuickstartBuilder {

    private QuickstartBuilder() {}

    static Experiment quickstart() {
        return Experiment.named("quickstart")
                .description("Communicating C-RNN, max task, N = 5 ring, f_in = 25, v = 2, R = 5")
                .seed(7)
                .data(data -> data.source("mnist").trainSamples(2000).testSamples(500).holdout(0.2))
                .nodes(5)
                .topology(Topology.ring())
                .model(Model.crnn(model -> model
                        .features(25)
                        .extractor(extractor -> extractor
                                .dropout(0.5)
                                .pretrain(pretrain -> pretrain.epochs(8).learningRate(0.01).momentum(0.5).batchSize(64)))
                        .cell(cell -> cell.hidden(50, 8))))
                .exchange(Exchange.peer(exchange -> exchange.rounds(5).messageSize(2).gate(Gate.RELU).aggregation(Aggregation.MAX)))
                .task(Task.max())
                .loss(loss -> loss.task(1.0).communication(communication -> communication.weight(0.0)))
                .training(training -> training.optimizer(Optimizer.ADAM).learningRate(0.005).epochs(20).batchSize(64))
                .tracking(tracking -> tracking.experiment("quickstart"));
    }
}
