/// The id rules of the file format, for commands that take an id before any file exists.
public enum Identifier {
    /// A procedure or incident id: lower-case `[a-z0-9-]`, starting with a letter or digit, at most 80
    /// characters; it becomes a file name, so it can never leave its folder.
    public static func isValidDocumentID(_ text: String) -> Bool {
        isValidIdentifier(text)
    }
}
