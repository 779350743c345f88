// expect: 3:5: Unresolved reference 'nodez'
experiment("typo") {
    nodez = 5
}
