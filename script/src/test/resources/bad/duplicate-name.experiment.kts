// expect: 3:5: experiment 'sweep' is declared twice (at $.name) | first declared at line 3
for (n in listOf(4, 8)) {
    experiment("sweep") {
        nodes = n
        model(crnn {}); exchange(peer {})
    }
}
