/// A problem with the environment rather than the handbook (exit code 2).
public struct EnvironmentError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
