#ifndef REX_THREAD_START_H
#define REX_THREAD_START_H

/// Starts `body(context)` on a new detached thread. Where Rex can place a thread (Linux with glibc), the thread starts
/// on a processor other than the caller's when the caller may run on more than one, and `*avoided` receives the
/// processor it was kept off (-1 when none was); `body` should then call `rex_thread_allow_all_processors()` first,
/// so that the thread is not bound for its whole life. Returns 0, or the error number of `pthread_create`
/// (then `body` is never called).
int rex_thread_start_elsewhere(void (*body)(void *), void *context, int *avoided);

/// Lets the calling thread run on every processor its process may run on again. Returns 0 or an error number.
int rex_thread_allow_all_processors(void);

/// The processor the calling thread runs on, or -1 where the system does not say.
int rex_thread_current_processor(void);

/// Whether the calling thread may run on `processor`; 1 also where the system does not say.
int rex_thread_may_run_on(int processor);

#endif
