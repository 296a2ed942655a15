// libyaml itself, as built by Yams (the same parser and version the reference reader composes with).
internal import CYaml

/// One pass over libyaml's events, straight to `YAMLNode`s: the fast path of every well-formed handbook file.
///
/// It builds nodes with an explicit stack (no recursion, so no depth can exhaust the stack) and gives up at
/// anything unusual — a syntax error, an anchor or alias, nesting deeper than `LoadLimits.maxNesting`, a key
/// that is not a scalar, two keys with the same text, a second document, an empty stream. Those inputs go to
/// `YAMLReferenceReader`, which reports them exactly as Rex always has (position and wording pinned by the
/// golden corpus); so this reader never has to word a problem, and what it returns equals what composing
/// would give. The fuzzer and `YAMLReaderTests` hold it to that.
enum YAMLEventReader {
    enum Outcome: Equatable {
        case document(YAMLNode)
        /// The reference reader must judge this input.
        case unusual
    }

    /// Reads UTF-8 bytes without a byte-order mark; libyaml refuses any that are not UTF-8 (`.unusual`).
    ///
    /// `readFirst`: the bytes are checked as libyaml's reader would (`YAMLReadableText`) and handed to the parser as
    /// its working buffer, already read, instead of through its reader, which decodes and copies them character by
    /// character. False (for the tests that hold the two to the same outcome): through libyaml's reader.
    static func read(_ bytes: UnsafeRawBufferPointer, readFirst: Bool = true) -> Outcome {
        // Nothing to read is no document (the reference reader says the file is empty); and libyaml asserts that
        // its input is not a null pointer, which an empty buffer may have.
        guard !bytes.isEmpty else { return .unusual }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return .unusual }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        // Set even when the bytes are handed over read: libyaml asserts that an input is set.
        yaml_parser_set_input_string(&parser, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        guard readFirst else { return events(&parser) }
        // Bytes libyaml's reader would refuse are the reference reader's to report.
        guard let characters = YAMLReadableText.characterCount(bytes) else { return .unusual }
        // The text, then the NUL libyaml's reader adds at the end of the input, then zeros: the scanner looks a
        // few bytes ahead of where it stands, which in its own buffer is also past the end.
        let read = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count + 8, alignment: 1)
        let ownBuffer = parser.buffer
        // Declared after the deletion, so run before it: libyaml frees its own buffer, not this one.
        defer {
            parser.buffer = ownBuffer
            read.deallocate()
        }
        read.copyMemory(from: bytes)
        read[bytes.count...].initializeMemory(as: UInt8.self, repeating: 0)
        let start = read.baseAddress!.assumingMemoryBound(to: yaml_char_t.self)
        parser.buffer.start = start
        parser.buffer.pointer = start
        parser.buffer.last = start + bytes.count + 1
        parser.buffer.end = start + read.count
        // What libyaml's reader leaves once it has read the whole input: every character unread (the NUL counts
        // as one), the end of the input reached. With `eof` set and its raw buffer empty (as it is, nothing having
        // been read into it), `yaml_parser_update_buffer` returns at once (reader.c), so it never reads again.
        assert(parser.raw_buffer.pointer == parser.raw_buffer.last)
        parser.unread = characters + 1
        parser.offset = bytes.count
        parser.eof = 1
        return events(&parser)
    }

    private static func events(_ parser: inout yaml_parser_t) -> Outcome {
        var builder = Builder()
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { return .unusual }
            defer { yaml_event_delete(&event) }
            switch builder.take(event) {
            case .more: continue
            case .done(let node): return .document(node)
            case .unusual: return .unusual
            }
        }
    }
}

/// The nodes still open while events arrive.
private struct Builder {
    enum Step { case more, done(YAMLNode), unusual }

    private struct Open {
        var isMapping: Bool
        var line: Int, column: Int
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        /// The keys' texts once the mapping is large enough for a linear search to cost.
        var keys: Set<String>?
    }

    private var stack: [Open] = []
    private var root: YAMLNode?
    private var documents = 0

    mutating func take(_ event: yaml_event_t) -> Step {
        let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .more
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            return documents == 1 ? .more : .unusual
        case YAML_DOCUMENT_END_EVENT:
            return .more
        case YAML_STREAM_END_EVENT:
            return root.map { .done($0) } ?? .unusual
        case YAML_ALIAS_EVENT:
            return .unusual
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            guard scalar.anchor == nil else { return .unusual }
            let text = scalarText(scalar.value, count: scalar.length)
            return add(YAMLNode(content: .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE),
                                line: line, column: column))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            guard anchor == nil, stack.count < LoadLimits.maxNesting else { return .unusual }
            stack.append(Open(isMapping: isMapping, line: line, column: column))
            return .more
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let open = stack.popLast() else { return .unusual }
            let content: YAMLNode.Content = open.isMapping ? .mapping(open.pairs) : .sequence(open.items)
            return add(YAMLNode(content: content, line: open.line, column: open.column))
        default:
            return .unusual
        }
    }

    /// A finished node: the root, an item of the open list, or a key or value of the open mapping.
    private mutating func add(_ node: YAMLNode) -> Step {
        guard !stack.isEmpty else {
            root = node
            return .more
        }
        let top = stack.count - 1
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return .more
        }
        guard let key = stack[top].pendingKey else {
            guard let text = node.scalar, Self.isNewKey(text, in: &stack[top]) else { return .unusual }
            stack[top].pendingKey = node
            return .more
        }
        stack[top].pairs.append(YAMLPair(key: key, value: node))
        stack[top].pendingKey = nil
        return .more
    }

    /// Whether no earlier key of the mapping has this text (a repeat is for the reference reader to report).
    /// Static: a method of `self` given `&stack[top]` made Swift copy the whole stack on every key.
    private static func isNewKey(_ text: String, in open: inout Open) -> Bool {
        if open.keys == nil, open.pairs.count >= 16 {
            open.keys = Set(open.pairs.compactMap(\.key.scalar))
        }
        if open.keys != nil {
            return open.keys!.insert(text).inserted
        }
        return !open.pairs.contains { $0.key.scalar == text }
    }

    /// The scalar's bytes as text, converted as Yams converts them (Foundation drops a leading byte-order mark).
    private func scalarText(_ value: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
        let bytes = UnsafeBufferPointer(start: value, count: count)
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return String(decoding: bytes.dropFirst(3), as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
