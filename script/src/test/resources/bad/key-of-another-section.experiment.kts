// expect: 4:9: 'var nodes: Int' cannot be called in this context with an implicit receiver. Use an explicit receiver if necessary
experiment("misplaced") {
    data {
        nodes = 5
    }
}
