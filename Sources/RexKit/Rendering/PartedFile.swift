import Foundation

/// A file made of fixed bytes and keyed parts, in order: the index (its page around each row), the binder (its page
/// around each chapter) and the search data (each document's entries). Knowing the frame before the parts lets a
/// site build write such a file as its parts come (`StreamedFile`), instead of holding every chapter and entry
/// until the last page is rendered.
struct PartedLayout: Sendable {
    enum Piece: Sendable {
        case bytes(Data)
        /// Part number `n` (a template may show one twice, or not at all).
        case part(Int)
    }

    let pieces: [Piece]
    /// Each part's key (`RenderCache`), by number.
    let keys: [String]
    /// Put between two non-empty parts that follow each other (the search data's commas).
    var joiner: Data?

    /// The bytes, given every part.
    func assembled(_ parts: [Data]) -> Pieces {
        var assembly = PartAssembly<Data>(self), bytes = Pieces()
        for (index, part) in parts.enumerated() {
            assembly.offer(index, part) { bytes.append($0, keptAs: $1) }
        }
        assembly.advance { bytes.append($0, keptAs: $1) }
        precondition(assembly.isComplete, "a parted file assembled with parts missing")
        return bytes
    }
}

/// What a `PartAssembly` hands on: a part, or the layout's own bytes (`init(frame:)`).
protocol AssemblyContent {
    init(frame: Data)
    var isEmpty: Bool { get }
}

extension Data: AssemblyContent {
    init(frame: Data) { self = frame }
}

/// A part as a build has it: made now, held in memory since an earlier build of a `--watch` session (with its hash,
/// so that it is not hashed again at each rebuild), or kept in the previous site's file, whose bytes a site build has
/// the system copy into the new file (`StreamedFile`) instead of reading them.
enum PartBytes: Sendable {
    case made(Data)
    case held(HeldPart)
    case kept(KeptPart)

    var isEmpty: Bool {
        switch self {
        case .made(let data): data.isEmpty
        case .held(let part): part.data.isEmpty
        case .kept(let part): part.length == 0
        }
    }
}

/// A binder chapter or search entries a `--watch` session keeps from one rebuild to the next, and their hash, taken
/// once.
struct HeldPart: Sendable {
    let data: Data
    let hash: String

    init(_ data: Data) {
        (self.data, hash) = (data, Pieces.Part.hash(of: data))
    }
}

/// Puts a `PartedLayout`'s bytes together from parts offered in any order, handing each piece on as soon as all
/// the pieces before it are there. Only parts offered ahead of their turn are held. A part's first place is handed
/// on with its key (the next build may take it back from there); an empty part is left out.
struct PartAssembly<Content: AssemblyContent> {
    let layout: PartedLayout
    private var position = 0
    private var waiting: [Int: Content] = [:]
    /// Each part's last place among the pieces: once past it, the part is let go.
    private let lastPlace: [Int: Int]
    private var placed = Set<Int>()
    private var anyPartHandedOn = false

    init(_ layout: PartedLayout) {
        self.layout = layout
        var lastPlace: [Int: Int] = [:]
        for (place, piece) in layout.pieces.enumerated() {
            if case .part(let index) = piece { lastPlace[index] = place }
        }
        self.lastPlace = lastPlace
    }

    /// True once every piece was handed on.
    var isComplete: Bool { position == layout.pieces.count }

    /// The parts still needed and not offered yet, in the order they are needed.
    var missing: [Int] {
        var seen = Set<Int>()
        return layout.pieces[position...].compactMap { piece in
            guard case .part(let index) = piece, waiting[index] == nil, seen.insert(index).inserted else { return nil }
            return index
        }
    }

    /// Gives part `index`; what can now follow is handed to `sink`. A part not needed (any more) is ignored.
    mutating func offer(_ index: Int, _ data: Content, to sink: (Content, String?) throws -> Void) rethrows {
        guard let last = lastPlace[index], last >= position, waiting[index] == nil else { return }
        waiting[index] = data
        try advance(to: sink)
    }

    /// Hands on the pieces that are there, up to the first part not offered yet.
    mutating func advance(to sink: (Content, String?) throws -> Void) rethrows {
        while position < layout.pieces.count {
            switch layout.pieces[position] {
            case .bytes(let bytes):
                if !bytes.isEmpty { try sink(Content(frame: bytes), nil) }
            case .part(let index):
                guard let data = waiting[index] else { return }
                if !data.isEmpty {
                    if let joiner = layout.joiner, anyPartHandedOn { try sink(Content(frame: joiner), nil) }
                    anyPartHandedOn = true
                    try sink(data, placed.insert(index).inserted ? layout.keys[index] : nil)
                }
                if lastPlace[index] == position { waiting[index] = nil }
            }
            position += 1
        }
    }
}

/// A parted file of a site: its layout, which part each page's document gives, and how to get a part (kept from
/// the last build, left by the document's page, or made now).
struct PartedFile: Sendable {
    let layout: PartedLayout
    /// The part a document gives, by the path of its page in the site (`procedures/ID.html`, `incidents/ID.html`).
    let partOfPage: [String: Int]
    /// A part as the build has it: from `cache`, under its key in the layout, or made.
    let part: @Sendable (Int) throws -> PartBytes
    /// A part made now (also for a kept one whose bytes cannot be read).
    let make: @Sendable (Int) throws -> Data

    init(layout: PartedLayout, partOfPage: [String: Int], cache: RenderCache? = nil,
         make: @escaping @Sendable (Int) throws -> Data) {
        (self.layout, self.partOfPage, self.make) = (layout, partOfPage, make)
        part = { index in
            guard let cache else { return .made(try make(index)) }
            return try cache.part(layout.keys[index]) { try make(index) }
        }
    }

    /// The bytes of part `index` as the build has it (`bytes`): read from the previous site's file when it was kept
    /// there, or made anew when they cannot be read.
    func data(_ bytes: PartBytes, of index: Int) throws -> Data {
        switch bytes {
        case .made(let data): data
        case .held(let held): held.data
        case .kept(let kept): try kept.read() ?? make(index)
        }
    }

    /// The whole file, each part made on all cores (`rex binder`, tests); a site build streams it instead.
    func assembled() throws -> Pieces {
        let needed = PartAssembly<Data>(layout).missing
        let made = try parallelMap(needed) { index in Result { (index, try data(try part(index), of: index)) } }.map { try $0.get() }
        var parts = [Data](repeating: Data(), count: layout.keys.count)
        for (index, data) in made { parts[index] = data }
        return layout.assembled(parts)
    }
}
