/// "Did you mean …?" — the closest known name to a misspelt one, if it is close enough to be a typo.
func closestMatch(to word: String, among candidates: some Sequence<String>) -> String? {
    var best: (name: String, distance: Int)?
    let lowered = word.lowercased()
    for candidate in candidates {
        // The length difference alone is a lower bound of the distance: skip what cannot be a typo
        // (a file of thousands of unknown keys must not cost thousands of full comparisons each).
        if abs(candidate.count - word.count) > max(1, word.count / 3) { continue }
        let distance = editDistance(lowered, candidate.lowercased())
        if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    guard let best else { return nil }
    // A third of the shorter word's length, at least one edit: "rol" → "role", "log-fraction" →
    // "log-fractions", but not "id" → "do". Case is compared apart, so "Role" → "role" is offered too.
    let tolerance = max(1, min(word.count, best.name.count) / 3)
    return best.distance <= tolerance && best.name != word ? best.name : nil
}

/// Edit distance over characters where an insertion, a deletion, a substitution or a swap of two
/// neighbours each count as one edit (optimal string alignment): swapped letters ("rloe") are among
/// the commonest typing mistakes and should cost no more than a wrong letter.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    // Three rows: the swap looks two rows back.
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}
