/// The check libyaml's reader makes of UTF-8 input, made once over the bytes before parsing, so that
/// `YAMLEventReader` can hand libyaml the input as already read: libyaml decodes and re-encodes every character
/// through a general decoder (UTF-8 or UTF-16), which was a sixth of `rex validate`'s CPU.
enum YAMLReadableText {
    /// Whether libyaml reads the character `value` as written: YAML 1.1's printable set, `#x9 | #xA | #xD |
    /// [#x20-#x7E] | #x85 | [#xA0-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`, as its `reader.c` checks it.
    /// Any other character must be written as an escape (`YAMLQuoting`) or the file is refused.
    static func isPrintable(_ value: UInt32) -> Bool {
        value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0x7E).contains(value) || value == 0x85
            || (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// The number of characters in `bytes` when each is well-formed UTF-8 of a printable character (`isPrintable`),
    /// as libyaml's reader requires. Nil at the first byte that is not: libyaml would refuse the input, and the
    /// reference reader reports where.
    static func characterCount(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 0, count = 0
        let end = bytes.count
        while index < end {
            // Eight bytes at a time while they are printable ASCII (most of a handbook); the word holding a line
            // break or anything else goes character by character.
            while end - index >= 8, isPrintableASCII(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                count += 8
            }
            let stop = min(index + 8, end)
            while index < stop {
                guard let width = characterWidth(bytes, at: index) else { return nil }
                index += width
                count += 1
            }
        }
        return count
    }

    /// Whether eight bytes are all in `[#x20-#x7E]`.
    static func isPrintableASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        // With every high bit clear, `(x - n) & ~x & high` is non-zero exactly when a byte of x is below n (the
        // "has less" bit trick); a byte equal to 0x7F is one that is zero once x is XORed with 0x7F in every byte.
        let deletes = word ^ (ones &* 0x7F)
        return (word & high) | ((word &- ones &* 0x20) & ~word & high) | ((deletes &- ones) & ~deletes & high) == 0
    }

    /// The bytes the character at `index` takes, or nil when it is not one libyaml reads.
    private static func characterWidth(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let lead = bytes[index]
        if lead < 0x80 { return isPrintable(UInt32(lead)) ? 1 : nil }
        let width: Int
        var value: UInt32
        switch lead {
        // 0xC0 and 0xC1 could only start an overlong form of an ASCII character.
        case 0xC2...0xDF: (width, value) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (width, value) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (width, value) = (4, UInt32(lead & 0x07))
        default: return nil
        }
        guard bytes.count - index >= width else { return nil }
        for offset in 1..<width {
            let continuation = bytes[index + offset]
            guard continuation & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        // Overlong forms (a value that fits fewer bytes) are not UTF-8; surrogates (U+D800–DFFF) and values past
        // U+10FFFF are outside the printable set.
        guard width == 2 || (width == 3 ? value >= 0x800 : value >= 0x10000), isPrintable(value) else { return nil }
        return width
    }
}
