// Package prefetch asks the processor to load cache lines ahead of their
// use: the tables of millions of users that the readers and the
// accumulators look up at random (metrics.Dict, funnel's and
// funnel/detail's users by number) load the memory of the keys to come
// first, so that their cache misses overlap instead of coming one after
// another.
//
// On amd64, without the purego tag, [Lines] is a loop of PREFETCHT0
// instructions, which retire at once: the loads of a whole batch of
// addresses are in flight together. Elsewhere it loads a byte at each
// address, which fetches the lines too, though each load waits for its
// own.
package prefetch
