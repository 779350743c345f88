// expect: 3:5: a 2x3 grid has 6 nodes, but nodes is 5 (at $.topology.nodes)
experiment("grid") {
    nodes = 5
    topology = grid(2, 3)
    model(crnn {}); exchange(peer {})
}
