// expect: 4:5: missing required key 'nodes' (at $.topology.nodes) | set nodes
// every experiment needs a number of nodes
experiment("no-nodes") {
    topology = star()
    model(crnn {}); exchange(peer {})
}
