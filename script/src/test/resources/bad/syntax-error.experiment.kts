// expect: 6:2: Syntax error: Expecting '}'
experiment("unclosed") {
    nodes = 5
    data {
        trainSamples = 100
}
