// expect: 6:9: 1.5 is out of range: expected between 0.01 and 0.99 (at $.data.holdout)
experiment("range") {
    nodes = 5
    data {
        trainSamples = 100
        holdout = 1.5
    }
    model(crnn {}); exchange(peer {})
}
