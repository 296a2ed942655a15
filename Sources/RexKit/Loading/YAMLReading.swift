import Foundation

/// Which reader turns a file's bytes into nodes. Both give the same nodes and the same diagnostics; the
/// reference reader is what Rex used before the one-pass reader, kept to judge unusual inputs and to hold the
/// fast path to its results (the fuzzer and the tests compare the two).
public enum YAMLReader: Sendable, CaseIterable {
    /// One pass over libyaml's events; unusual inputs handed to the reference reader.
    case onePass
    /// A pass that looks for hazards, then Yams composing its node tree.
    case reference
}

/// Reads a file's bytes into a YAML node tree, reporting size, encoding and syntax problems at their position.
enum YAMLReading {
    static func compose(_ data: Data, file: SourceFile, reader: YAMLReader = .onePass) -> YAMLNode? {
        if data.count > LoadLimits.maxFileBytes {
            file.error(LoadLimits.tooLargeMessage(bytes: data.count), at: file.location(nil), rule: "file-too-large")
            return nil
        }
        if reader == .onePass {
            // libyaml refuses every byte sequence that is not UTF-8, so a file it reads whole is valid text: no
            // `String` of the whole file is made. Without the byte-order mark, as Foundation drops it for Yams.
            let hasMark = data.starts(with: [0xEF, 0xBB, 0xBF])
            let outcome = data.withUnsafeBytes { bytes in
                YAMLEventReader.read(UnsafeRawBufferPointer(rebasing: bytes[(hasMark ? 3 : 0)...]))
            }
            if case .document(let node) = outcome {
                guard !isNull(node) else {
                    file.error("file is empty", at: file.location(nil), rule: "empty-file")
                    return nil
                }
                return node
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            file.error("file is not valid UTF-8 text (save it as UTF-8)", at: firstInvalidUTF8(in: data, file: file),
                       rule: "not-utf8")
            return nil
        }
        return YAMLReferenceReader.compose(text, data: data, file: file)
    }

    /// Where the first byte that breaks UTF-8 is, so the author can find it.
    private static func firstInvalidUTF8(in data: Data, file: SourceFile) -> SourceLocation {
        let repaired = String(decoding: data, as: UTF8.self)
        var line = 1, column = 1
        for scalar in repaired.unicodeScalars {
            if scalar == "\u{FFFD}" { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return file.location(line: line, column: column)
    }
}
