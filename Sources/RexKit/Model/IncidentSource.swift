/// Whose event a REX record tells.
public enum IncidentOrigin: String, Sendable, CaseIterable, Hashable {
    /// The department's own event.
    case `internal`
    /// Another hospital's event, learnt from a publication (the AFCN's REX, a journal, a vendor's notice).
    case external
}

/// What the source of an external record published, kept word for word: its account, the actions it
/// reports (that hospital's, not the department's) and its recommendations.
public struct QuotedSource: Sendable, Hashable {
    public var narrative: String?
    public var actions: [String]
    public var recommendations: String?
    public var location: SourceLocation

    public var isEmpty: Bool { narrative == nil && actions.isEmpty && recommendations == nil }

    /// Every quoted text, in the order the source gives them.
    public var texts: [String] { [narrative].compactMap { $0 } + actions + [recommendations].compactMap { $0 } }
}
