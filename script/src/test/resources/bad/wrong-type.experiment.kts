// expect: 3:11: Assignment type mismatch: actual type is 'String', but 'Int' was expected
experiment("quoted") {
    nodes = "8"
}
