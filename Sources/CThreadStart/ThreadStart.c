// Thread placement needs glibc's GNU affinity calls, which Swift's Glibc module does not import; elsewhere (macOS,
// musl) a thread starts where the system puts it.
#define _GNU_SOURCE
#include "CThreadStart.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
// The headers above define __GLIBC__ where glibc is the C library.
#if defined(__linux__) && defined(__GLIBC__)
#define REX_PLACES_THREADS 1
#include <sched.h>
#endif

struct start {
    void (*body)(void *);
    void *context;
#ifdef REX_PLACES_THREADS
    /// The maker's processors, which the thread takes back as it starts; only when it was placed.
    cpu_set_t makers;
    int placed;
#endif
};

static _Thread_local int first_processor = -1;

static void *run(void *raw) {
    struct start start = *(struct start *)raw;
    free(raw);
#ifdef REX_PLACES_THREADS
    first_processor = sched_getcpu();
    // Should this fail, the thread keeps to the processors it started on: slower, never wrong.
    if (start.placed) pthread_setaffinity_np(pthread_self(), sizeof start.makers, &start.makers);
#endif
    start.body(start.context);
    return NULL;
}

int rex_thread_start_elsewhere(void (*body)(void *), void *context, int *avoided) {
    *avoided = -1;
    struct start *start = malloc(sizeof *start);
    if (start == NULL) return ENOMEM;
    start->body = body;
    start->context = context;
    pthread_attr_t attributes;
    int error = pthread_attr_init(&attributes);
    if (error != 0) {
        free(start);
        return error;
    }
#ifdef REX_PLACES_THREADS
    start->placed = 0;
    int here = sched_getcpu();
    if (here >= 0 && pthread_getaffinity_np(pthread_self(), sizeof start->makers, &start->makers) == 0
        && CPU_ISSET(here, &start->makers) && CPU_COUNT(&start->makers) > 1) {
        cpu_set_t elsewhere = start->makers;
        CPU_CLR(here, &elsewhere);
        start->placed = pthread_attr_setaffinity_np(&attributes, sizeof elsewhere, &elsewhere) == 0;
        if (start->placed) *avoided = here;
    }
#endif
    pthread_t thread;
    error = pthread_create(&thread, &attributes, run, start);
#ifdef REX_PLACES_THREADS
    if (error == EINVAL && start->placed) {
        // The other processors were taken away meanwhile: start it where the system puts it.
        start->placed = 0;
        *avoided = -1;
        pthread_attr_destroy(&attributes);
        pthread_attr_init(&attributes);
        error = pthread_create(&thread, &attributes, run, start);
    }
#endif
    pthread_attr_destroy(&attributes);
    if (error != 0) {
        free(start);
        *avoided = -1;
        return error;
    }
    pthread_detach(thread);
    return 0;
}

int rex_thread_first_processor(void) {
    return first_processor;
}

int rex_thread_current_processor(void) {
#ifdef REX_PLACES_THREADS
    return sched_getcpu();
#else
    return -1;
#endif
}

int rex_thread_may_run_on(int processor) {
#ifdef REX_PLACES_THREADS
    cpu_set_t allowed;
    if (processor < 0 || processor >= CPU_SETSIZE
        || pthread_getaffinity_np(pthread_self(), sizeof allowed, &allowed) != 0) return -1;
    return CPU_ISSET(processor, &allowed) ? 1 : 0;
#else
    (void)processor;
    return -1;
#endif
}
