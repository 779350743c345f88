// expect: 1:1: the script declares no experiment | add one: experiment("my-experiment")
// a script that computes things but declares nothing
val sizes = listOf(4, 8)
