// expect: 2:1: topology name must match [a-z0-9][a-z0-9._-]*, got 'Double Ring'
topology("Double Ring") { params -> Topologies.ring(params.requireNodes()) }

experiment("custom") {
    nodes = 4
    topology = graph("Double Ring")
    model(crnn {}); exchange(peer {})
}
