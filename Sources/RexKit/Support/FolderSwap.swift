import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts a new folder in the place of an old one in a single step where the system can (Linux's
/// `renameat2(RENAME_EXCHANGE)`, macOS's `renamex_np(RENAME_SWAP)`): at every instant the path names either
/// the whole old folder or the whole new one. Elsewhere, two renames with the old folder kept aside between them.
enum FolderSwap {
    /// Exchanges `new` and `old` (both exist): afterwards `old`'s path holds the new folder and `new`'s the old.
    /// False when the system cannot exchange them in one step (nothing was changed then).
    static func exchange(_ new: String, _ old: String) -> Bool {
        #if canImport(Glibc)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let exchange: UInt32 = 1 << 1  // RENAME_EXCHANGE
        return renameat2(AT_FDCWD, new, AT_FDCWD, old, exchange) == 0
        #elseif canImport(Darwin)
        typealias RenameXNP = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: -2), "renamex_np") else { return false }
        let renamex = unsafeBitCast(symbol, to: RenameXNP.self)
        return renamex(new, old, 0x00000002) == 0  // RENAME_SWAP
        #else
        return false
        #endif
    }
}
