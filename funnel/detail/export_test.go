package detail

// Sizes returns the numbers of users and of pairs of user and SKU that c
// holds, for the benchmarks' figures per user and per pair.
func Sizes(c *Counter) (users, pairs int) { return int(c.users.len()), int(c.pairs.len()) }
