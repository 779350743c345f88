// expect: 5:5: 0 is out of range: expected between 1 and 10,000 (at $.topology.nodes)
// expect: 6:16: -0.1 is out of range: expected at least 0 (at $.training.learning_rate)
// expect: 11:5: unknown loss term 'energy'; known terms: [communication, task] (at $.loss)
experiment("first") {
    nodes = 0
    training { learningRate = -0.1 }
}

experiment("second") {
    nodes = 4
    loss { terms = mapOf("task" to 1.0, "energy" to 0.5) }
}
