// expect: 6:9: the script threw ArrayIndexOutOfBoundsException: Index 2 out of bounds for length 2
val sizes = listOf(4, 8)

for (i in 0..2) {
    experiment("size-$i") {
        nodes = sizes[i]
    }
}
