// A few seconds of real training per experiment: a sweep over shapes, one of them registered here.
topology("triangle-fan") { params ->
    val n = params.requireNodes()
    Topologies.edges(n, (1 until n).map { intArrayOf(0, it) } + listOf(intArrayOf(1, 2)))
}

fun ExperimentScope.tiny() {
    seed = 11
    nodes = 3
    data { trainSamples = 128; testSamples = 64; holdout = 0.9 }
    model(crnn { features = 10; extractor { pretrain { epochs = 1 } } })
    exchange(peer { rounds = 2 })
    training { epochs = 2; batchSize = 32 }
    tracking { mlflow = false }
}

for (shape in listOf(line(), graph("triangle-fan"))) {
    experiment("tiny-${shape.graph()}") {
        tiny()
        topology = shape
    }
}
