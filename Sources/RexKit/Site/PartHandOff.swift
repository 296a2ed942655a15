import Foundation

/// Hands each page's parts to the files made of them (`StreamedFile`: the index, the binder, the search data)
/// without making the page wait for those files: a page done before their frames are rendered leaves its path here,
/// and its parts are added as soon as the files are there. Pages waited for the frames before, both cores idle
/// while one thread rendered them (7 ms of a 90 ms one-procedure rebuild at 300 documents, by timestamps).
final class PartHandOff: @unchecked Sendable {
    private let lock = NSLock()
    /// Nil until the files are there; guarded by `lock`, with `waiting`.
    private var files: [StreamedFile]?
    private var waiting: [String] = []

    /// Adds the parts the page at `page` gives, now if the files are there, or once they are (`open`).
    func addParts(ofPage page: String) throws {
        let files: [StreamedFile]? = lock.withLock {
            if self.files == nil { waiting.append(page) }
            return self.files
        }
        for file in files ?? [] { try file.addPart(ofPage: page) }
    }

    /// The files are there: the parts of the pages that were done before are added, a file per core.
    func open(_ files: [StreamedFile]) throws {
        let waiting: [String] = lock.withLock {
            self.files = files
            defer { self.waiting = [] }
            return self.waiting
        }
        // A file per core (the pages are often all done by now, their threads idle), each taking the pages in their
        // order: parts that come in order are written at once, and kept ones that follow each other copied together.
        for result in parallelMap(files, { file in Result { for page in waiting { try file.addPart(ofPage: page) } } }) {
            try result.get()
        }
    }
}
