#ifndef REX_THREAD_START_H
#define REX_THREAD_START_H

/// Starts `body(context)` on a new detached thread. Where Rex can place a thread (Linux with glibc), and its maker
/// may run on its current processor and on another, the thread starts on one of the others, then takes its maker's
/// processors back before `body` runs, so that nothing stays bound; `*avoided` receives the processor it was kept off
/// (-1 when none was). Returns 0, or an error number (then `body` is never called).
int rex_thread_start_elsewhere(void (*body)(void *), void *context, int *avoided);

/// On a thread started by `rex_thread_start_elsewhere`, the processor it started on; -1 on any other thread, or where
/// the system does not say.
int rex_thread_first_processor(void);

/// The processor the calling thread runs on, or -1 where the system does not say.
int rex_thread_current_processor(void);

/// Whether the calling thread may run on `processor`: 1 or 0, or -1 where the system does not say.
int rex_thread_may_run_on(int processor);

#endif
