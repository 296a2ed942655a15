/// The languages a document may be written in: every fixed word of its pages, paper and runner follows it.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case fr, nl, en
}
