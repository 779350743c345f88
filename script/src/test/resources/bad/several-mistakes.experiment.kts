// expect: 5:5: 0 is out of range: expected between 1 and 10,000 (at $.topology.nodes)
// expect: 6:16: -0.1 is out of range: expected at least 0 (at $.training.learning_rate)
// expect: 12:5: unknown kind 'energy' in loss.terms (at $.loss.terms.energy)
experiment("first") {
    nodes = 0
    training { learningRate = -0.1 }
    model(crnn {}); exchange(peer {})
}

experiment("second") {
    nodes = 4
    loss { task(1.0); term(variant(LossTermSpec::class, "energy") { set("weight", 0.5) }) }
    model(crnn {}); exchange(peer {})
}
