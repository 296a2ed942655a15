/// A loaded document as bytes and back, for the loads kept on disk (`StoredLoads`). Each model type writes its
/// fields in order and reads them back through its memberwise initializer, so a field added to the model cannot be
/// left out of reading; `StoredLoadsTests` and the fuzzer hold writing to the same (every document of the shipped handbook and of
/// the golden corpus comes back equal).
protocol ModelCoding {
    func write(to writer: inout ModelWriter)
    init(from reader: inout ModelReader) throws
}

/// Integers as variable-length numbers, text as its length and UTF-8 bytes, locations as line and column (the path
/// only when it is not the file's own).
struct ModelWriter {
    private(set) var bytes: [UInt8] = []
    /// The path of the file being written: its locations do not repeat it.
    let path: String

    init(path: String) { self.path = path }

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Zig-zag, so that small negative numbers stay short.
    mutating func int(_ value: Int) { unsigned(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func double(_ value: Double) { unsigned(value.bitPattern) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func raw<Value: RawRepresentable<String>>(_ value: Value) { string(value.rawValue) }

    mutating func location(_ location: SourceLocation) {
        let isOwn = location.path == path
        bool(isOwn)
        if !isOwn { string(location.path) }
        unsigned(UInt64(location.line))
        unsigned(UInt64(location.column))
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout ModelWriter, Value) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func array<Value>(_ values: [Value], _ write: (inout ModelWriter, Value) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    mutating func located<Value: Sendable & Hashable>(_ value: Located<Value>, _ write: (inout ModelWriter, Value) -> Void) {
        write(&self, value.value)
        location(value.location)
    }

    mutating func value(_ value: some ModelCoding) { value.write(to: &self) }
}

/// Reads what `ModelWriter` wrote; anything out of bounds or out of place is `ModelReader.Malformed`, never a crash.
struct ModelReader {
    struct Malformed: Error {}

    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0
    /// The file being read: every location in it shares this path.
    let file: SourcePath

    init(_ bytes: UnsafeRawBufferPointer, file: SourcePath) {
        self.bytes = bytes
        self.file = file
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// All of `bytes` read by `read`: bytes left over are malformed too.
    static func whole<Value>(_ bytes: UnsafeRawBufferPointer, file: SourcePath,
                             _ read: (inout ModelReader) throws -> Value) throws -> Value {
        var reader = ModelReader(bytes, file: file)
        let value = try read(&reader)
        guard reader.isAtEnd else { throw Malformed() }
        return value
    }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func unsigned() throws -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            let next = try byte()
            value |= UInt64(next & 0x7F) << UInt64(shift)
            if next < 0x80 { return value }
        }
        throw Malformed()
    }

    mutating func int() throws -> Int {
        let zigzag = try unsigned()
        return Int(truncatingIfNeeded: Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    /// A count of items still to come, each at least one byte: no count can make a reader reserve more than is left.
    private mutating func count() throws -> Int {
        let count = try unsigned()
        guard count <= UInt64(bytes.count - offset) else { throw Malformed() }
        return Int(count)
    }

    /// Passes over `count` bytes, giving where they lie.
    mutating func skip(_ count: Int) throws -> Range<Int> {
        guard count >= 0, count <= bytes.count - offset else { throw Malformed() }
        defer { offset += count }
        return offset..<offset + count
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    mutating func double() throws -> Double { Double(bitPattern: try unsigned()) }

    mutating func string() throws -> String {
        let count = try count()
        defer { offset += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
    }

    mutating func raw<Value: RawRepresentable<String>>(_: Value.Type = Value.self) throws -> Value {
        guard let value = Value(rawValue: try string()) else { throw Malformed() }
        return value
    }

    mutating func location() throws -> SourceLocation {
        let path = try bool() ? file : SourcePath(try string())
        return SourceLocation(file: path, line: Int(clamping: try unsigned()), column: Int(clamping: try unsigned()))
    }

    mutating func optional<Value>(_ read: (inout ModelReader) throws -> Value) throws -> Value? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<Value>(_ read: (inout ModelReader) throws -> Value) throws -> [Value] {
        let count = try count()
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    mutating func located<Value: Sendable & Hashable>(_ read: (inout ModelReader) throws -> Value) throws -> Located<Value> {
        let value = try read(&self)
        return Located(value, at: try location())
    }

    mutating func value<Value: ModelCoding>(_: Value.Type = Value.self) throws -> Value { try Value(from: &self) }
}

/// A document or diagnostic as a stored load writes it, read back: what the next build would take. The fuzzer and
/// `StoredLoadsTests` hold it equal to the original.
public enum StoredForm {
    public static func readBack(_ procedure: Procedure) -> Procedure? { throughBytes(procedure, path: procedure.path) }
    public static func readBack(_ incident: Incident) -> Incident? { throughBytes(incident, path: incident.path) }
    /// Written as part of the file it is located in when `path` is that file's, with its path otherwise.
    public static func readBack(_ diagnostic: Diagnostic, path: String) -> Diagnostic? { throughBytes(diagnostic, path: path) }

    private static func throughBytes<Value: ModelCoding>(_ value: Value, path: String) -> Value? {
        var writer = ModelWriter(path: path)
        writer.value(value)
        return writer.bytes.withUnsafeBytes { bytes in
            try? ModelReader.whole(bytes, file: SourcePath(path)) { try Value(from: &$0) }
        }
    }
}
