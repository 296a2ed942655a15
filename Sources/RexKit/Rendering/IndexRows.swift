import Foundation

/// The index's rows as parts of the index (`PartedFile`), as the binder's chapters are of the binder: a build renders
/// the rows of the documents that changed and takes the others from the last build, instead of rendering the whole
/// index again (that was a tenth of a one-procedure rebuild's time at 300 documents, a fifth at 3 000).
///
/// A list's rows are parts when the index template shows each row only as one partial — `{{#procedures}}{{>
/// index-procedure-row}}{{/procedures}}`, the three tags side by side — and that partial can be rendered on its own
/// with the same result: it is included nowhere else, it uses only its row's keys, the words and the page chrome's
/// (a key of the index, of a group or of another list's row would make a row change with other documents, and
/// `{{.x}}` looks only at the top of the stack), and no template of the index inherits or overrides blocks. The
/// index's frame is rendered with the partial replaced by a marker — a NUL, a nonce, the list, the row's id, a NUL:
/// no handbook text can hold it — and each row is rendered with its row's view in front of the page's. A frame
/// that does not show each row once, in the view's order (a list inside another, a transform that reorders), is
/// rendered whole, as is a custom index written otherwise.
struct IndexRows: Sendable {
    /// A list whose rows are parts: the partial each row is, and the template the frame shows in its place.
    struct List: Sendable {
        let partial: String
        /// The marker's text before the row's id; the id and a NUL follow.
        let marker: String
        /// The marker as a template: `marker`, the row's id, a NUL.
        let template: String
    }

    let procedures: List?
    let incidents: List?

    /// `tags`: every template's tags, by name (`MustacheTags.scan`).
    init(tags: [String: [MustacheTags.Tag]]) {
        let nonce = UUID().uuidString
        let fromIndex = Self.allTags(of: Self.reachable(from: "index", in: tags), in: tags)
        let inherits = fromIndex.contains { $0.kind == .block || $0.sigil == "<" }
        // What any frame of the index may name: a row may show a word or a chrome key only where none of these has it.
        let indexKeys = Set([IndexView.keys.schema, ProcedureGroupView.keys.schema, IndexProcedureView.keys.schema,
                             IndexIncidentView.keys.schema].flatMap(\.keys.keys))
        let pageKeys = Labels.wordKeys.union(PageChrome.keys.schema.keys.keys).subtracting(indexKeys)
        func list(_ name: String, rows: TemplateSchema, id: String) -> List? {
            guard !inherits, let partial = Self.rowPartial(of: name, in: tags) else { return nil }
            let includes = fromIndex.filter { $0.kind == .partial && $0.name == partial }.count
            let names = Self.allTags(of: Self.reachable(from: partial, in: tags), in: tags)
                .filter { $0.kind == .variable || $0.kind == .section }.map(\.name)
            let own = names.allSatisfy { name in
                guard !name.hasPrefix("."), let first = name.split(separator: ".").first.map(String.init) else { return false }
                return rows.keys[first] != nil || pageKeys.contains(first)
            }
            guard includes == 1, own else { return nil }
            let marker = "\u{0}\(nonce) \(name) "
            return List(partial: partial, marker: marker, template: marker + "{{{\(id)}}}\u{0}")
        }
        procedures = list("procedures", rows: IndexProcedureView.keys.schema, id: "procedureID")
        incidents = list("incidentRows", rows: IndexIncidentView.keys.schema, id: "incidentID")
    }

    /// The lists whose rows are parts.
    var lists: [List] { [procedures, incidents].compactMap { $0 } }

    /// The index as a `PartedLayout`: the frame's text between markers, each marker its row. `ids`: the parted
    /// lists' rows, procedures first (`procedureRows` of them), in the view's order, each with its key. Nil unless
    /// the frame shows each row once, in that order: the index is then rendered whole.
    func layout(_ frame: String, procedureRows: Int, ids: [String], keys: [String]) -> PartedLayout? {
        var lists: [(marker: String, next: Int, end: Int)] = []
        if let procedures { lists.append((procedures.marker, 0, procedureRows)) }
        if let incidents { lists.append((incidents.marker, procedureRows, keys.count)) }
        var inOrder = true
        let layout = PartedLayout(frame: frame, markers: lists.map(\.marker), keys: keys) { which, id in
            guard lists[which].next < lists[which].end, id.elementsEqual(ids[lists[which].next].utf8) else {
                inOrder = false
                return nil
            }
            defer { lists[which].next += 1 }
            return lists[which].next
        }
        return inOrder && lists.allSatisfy({ $0.next == $0.end }) ? layout : nil
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
}
