package detail

// Sizes returns the numbers of users and of pairs of user and SKU that c
// holds, for the benchmarks' figures per user and per pair.
func Sizes(c *Counter) (users, pairs int) { return len(c.users), len(c.pairs) }
