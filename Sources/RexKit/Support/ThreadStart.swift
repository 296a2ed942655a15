import CThreadStart

/// Starts `work` on a new thread, which starts on a processor other than the caller's where the system can place it
/// (`rex_thread_start_elsewhere`), then may run on the caller's processors. Left to the kernel, a new thread on this
/// 2-processor machine started on its creator's processor and waited there 0.2–4 ms for the creator to yield (the
/// templates' thread of a one-procedure rebuild started 2.5 ms after it was made, on a 40 ms critical path); placed,
/// it starts within 0.2 ms. False when no thread could be started (then `work` is not run).
func startThreadElsewhere(_ work: @escaping @Sendable () -> Void) -> Bool {
    let box = Unmanaged.passRetained(ThreadWork(work)).toOpaque()
    var avoided: Int32 = -1
    let error = rex_thread_start_elsewhere({ raw in
        Unmanaged<ThreadWork>.fromOpaque(raw!).takeRetainedValue().run()
    }, box, &avoided)
    guard error == 0 else {
        Unmanaged<ThreadWork>.fromOpaque(box).release()
        return false
    }
    return true
}

private final class ThreadWork: Sendable {
    let run: @Sendable () -> Void

    init(_ run: @escaping @Sendable () -> Void) {
        self.run = run
    }
}
