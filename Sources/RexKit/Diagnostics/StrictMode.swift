extension Array where Element == Diagnostic {
    /// `--strict`: every warning becomes an error, so a handbook's CI fails on it and it prints as `error:`.
    /// Re-sorted, since errors come before warnings at the same position.
    public func treatingWarningsAsErrors() -> [Diagnostic] {
        map { diagnostic in
            var strict = diagnostic
            strict.severity = .error
            return strict
        }.sortedForOutput()
    }
}
