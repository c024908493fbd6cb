// Package hugepage asks the operating system to back large tables with
// huge pages (2 MiB on amd64 and arm64 Linux), so that random reads of a
// table of hundreds of megabytes, such as the slots of a dictionary of
// millions of user IDs, do not each miss the processor's translation
// cache as well as its data cache.
//
// Linux backs the Go heap with 4 KiB pages unless its transparent huge
// pages are "always" on; with the common "madvise" setting only memory
// marked with madvise(MADV_HUGEPAGE) gets huge pages, and the Go runtime
// marks none. On 40M events of 5.5M users, the reading of the events into
// batches spent 5.3 of 28 CPU-seconds moving the user dictionary's
// strings to larger tables and 11.6 in its lookups; with huge pages, 0.8
// and 5.8.
//
// The advice is a hint: elsewhere, on a kernel without transparent huge
// pages, or when the kernel refuses, the memory is ordinary memory and
// nothing else changes.
package hugepage
