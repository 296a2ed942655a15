import Foundation

/// The index's rows as parts of the index (`PartedFile`), as the binder's chapters are of the binder: a build renders
/// the rows of the documents that changed and takes the others from the last build, instead of rendering the whole
/// index again (that was a tenth of a one-procedure rebuild's time at 300 documents, a fifth at 3 000).
///
/// A list's rows are parts when the index template shows each row only as one partial — `{{#procedures}}{{>
/// index-procedure-row}}{{/procedures}}`, the three tags side by side — and that partial can be rendered on its own
/// with the same result: it is included nowhere else, and it uses only its row's names, the words and the page's
/// own names (a name of the index or of a group would make a row change with other documents). The index's frame
/// is rendered with the partial replaced by a marker — a NUL, a nonce, the list, a NUL: no handbook text can hold
/// it — and each row is rendered with its row's view in front of the page's. A custom index written otherwise is
/// rendered whole, as before.
struct IndexRows: Sendable {
    /// A list whose rows are parts: the partial each row is, and the text the frame shows in its place.
    struct List: Sendable {
        let partial: String
        let marker: String
    }

    let procedures: List?
    let incidents: List?

    /// `tags`: every template's tags, by name (`MustacheTags.scan`).
    init(tags: [String: [MustacheTags.Tag]]) {
        let nonce = UUID().uuidString
        let outer = Set(IndexView.keys.schema.keys.keys).union(ProcedureGroupView.keys.schema.keys.keys)
        let fromIndex = Self.allTags(of: Self.reachable(from: "index", in: tags), in: tags)
        func list(_ name: String, rows: TemplateSchema) -> List? {
            guard let partial = Self.rowPartial(of: name, in: tags) else { return nil }
            let includes = fromIndex.filter { $0.kind == .partial && $0.name == partial }.count
            let names = Self.allTags(of: Self.reachable(from: partial, in: tags), in: tags)
                .filter { $0.kind == .variable || $0.kind == .section }.map(\.name)
            guard includes == 1, names.allSatisfy({ Self.isRowOwn($0, rows: rows, outer: outer) }) else { return nil }
            return List(partial: partial, marker: "\u{0}\(nonce) \(name)\u{0}")
        }
        procedures = list("procedures", rows: IndexProcedureView.keys.schema)
        incidents = list("incidentRows", rows: IndexIncidentView.keys.schema)
    }

    /// The lists whose rows are parts.
    var lists: [List] { [procedures, incidents].compactMap { $0 } }

    /// The index as a `PartedLayout`: the frame's text between markers, each marker the next row of its list.
    /// `keys`: the parted lists' rows, procedures first (`procedureRows` of them, in the order they are listed).
    /// Nil when the frame does not show each row once (a template that repeats a list): the index is then
    /// rendered whole.
    func layout(_ frame: String, procedureRows: Int, keys: [String]) -> PartedLayout? {
        var lists: [(marker: [UInt8], next: Int, end: Int)] = []
        if let procedures { lists.append((Array(procedures.marker.utf8), 0, procedureRows)) }
        if let incidents { lists.append((Array(incidents.marker.utf8), procedureRows, keys.count)) }
        let bytes = Array(frame.utf8)
        var pieces: [PartedLayout.Piece] = []
        var copied = 0, position = 0
        while let start = bytes[position...].firstIndex(of: 0) {
            position = start + 1
            guard let which = lists.indices.first(where: { bytes[start...].starts(with: lists[$0].marker) }) else { continue }
            guard lists[which].next < lists[which].end else { return nil }
            pieces.append(.bytes(Data(bytes[copied..<start])))
            pieces.append(.part(lists[which].next))
            lists[which].next += 1
            copied = start + lists[which].marker.count
            position = copied
        }
        pieces.append(.bytes(Data(bytes[copied...])))
        return lists.allSatisfy({ $0.next == $0.end }) ? PartedLayout(pieces: pieces, keys: keys) : nil
    }

    /// The partial of `{{#list}}{{> partial}}{{/list}}` in the index template, its three tags side by side.
    private static func rowPartial(of list: String, in tags: [String: [MustacheTags.Tag]]) -> String? {
        let index = tags["index"] ?? []
        for place in index.indices.dropLast(2) {
            let (open, partial, close) = (index[place], index[place + 1], index[place + 2])
            if open.kind == .section, open.sigil == "#", open.name == list, partial.kind == .partial, partial.sigil == ">",
               close.kind == .close, close.name == list, open.range.upperBound == partial.range.lowerBound,
               partial.range.upperBound == close.range.lowerBound, tags[partial.name] != nil, partial.name != "index" {
                return partial.name
            }
        }
        return nil
    }

    /// `template` and every template it includes, however deep, each once.
    private static func reachable(from template: String, in tags: [String: [MustacheTags.Tag]]) -> [String] {
        var found = [template], seen: Set = [template], next = 0
        while next < found.count {
            for tag in tags[found[next]] ?? [] where tag.kind == .partial && tags[tag.name] != nil && seen.insert(tag.name).inserted {
                found.append(tag.name)
            }
            next += 1
        }
        return found
    }

    /// The tags of all of `templates`.
    private static func allTags(of templates: [String], in tags: [String: [MustacheTags.Tag]]) -> [MustacheTags.Tag] {
        templates.flatMap { tags[$0] ?? [] }
    }

    /// A name the row shows from itself, the words or the page: the same in the row rendered on its own.
    private static func isRowOwn(_ name: String, rows: TemplateSchema, outer: Set<String>) -> Bool {
        guard let first = name.split(separator: ".").first.map(String.init), !first.isEmpty else { return false }
        return rows.keys[first] != nil || !outer.contains(first)
    }
}
