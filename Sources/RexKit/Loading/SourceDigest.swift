import Crypto
import Foundation

/// What a handbook file's bytes say about its identity: the revision code printed on every copy, and the
/// whole SHA-256 that a rebuild compares.
struct SourceDigest: Sendable {
    /// Eight hex digits of the SHA-256 of the file's bytes with line endings normalised: the same text gives the
    /// same code, whatever the line endings.
    var revision: String
    /// The SHA-256 of the bytes as they are, in hex.
    var digest: String

    /// For a load that neither prints nor builds (`rex validate`): a SHA-256 of every file is 3 % of its time.
    static let notComputed = SourceDigest(revision: "", digest: "")

    private init(revision: String, digest: String) {
        self.revision = revision
        self.digest = digest
    }

    init(of data: Data) {
        let whole = Array(SHA256.hash(data: data))
        digest = hex(whole)
        // A file without a carriage return (nearly every one) is already normalised; one with them goes through
        // the text, as it always has, so that no code printed on paper changes.
        let hasReturn = data.withUnsafeBytes { bytes in bytes.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false }
        let normalised = hasReturn
            ? Array(SHA256.hash(data: Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)))
            : whole
        revision = hex(normalised.prefix(4))
    }
}

/// Lower-case hex digits of bytes.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
}
