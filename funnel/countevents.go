package funnel

import (
	"cmp"
	"slices"
)

// CountEvents counts the funnel cfg over the batch b, whose rows may be in
// any order: it gives what [Count] gives for the events b.Event(0),
// b.Event(1), …, without making them. b is not modified.
//
// It counts each user's rows in time order, stably (rows of a user with
// equal times keep their order, as Count's sort keeps them). A batch in
// time order is counted as it is, as [Counter.AddEvents] counts it;
// otherwise the rows are grouped by user number with a counting sort (two
// passes over the user column), only the users whose rows are out of time
// order are sorted, and the users are counted one after the other, which
// allocates 4 bytes per row and per user number for the order. (Grouping
// a batch already in time order by user, as ClickHouse sorts by user at
// load, would cost more than it saves: BenchmarkPeersFunnel's
// batch_by_user.)
//
// CountEvents returns the joined errors of [Config.Validate], or, as Count
// does, the errors of the rows that cannot be counted (a time out of
// range, a missing session ID) all at once, counting nothing: the first
// 100 as *[EventError], in row order, and one more error counting the
// rest. It returns the error of [Events.Validate], counting nothing, if b
// is malformed, as [Counter.AddEvents] does.
func CountEvents(cfg Config, b *Events) (Result, error) {
	c, err := NewCounter(cfg)
	if err != nil {
		return Result{}, err
	}
	if err := b.Validate(); err != nil {
		return Result{}, err
	}
	if b.Len() == 0 {
		return c.Result(), nil
	}
	if err := c.checkRows(b); err != nil {
		return Result{}, err
	}
	var order []int32 // rows in time order: as they are
	if !slices.IsSorted(b.Time) {
		order = byUserTime(b)
	}
	if err := c.addRows(b, order); err != nil {
		panic("funnel: internal error: rows in order rejected: " + err.Error())
	}
	return c.Result(), nil
}

// checkRows returns the errors of the rows of b that [Counter.Add] would
// reject whatever their order.
func (c *Counter) checkRows(b *Events) error {
	skey := int32(-1)
	if c.kind == unitKeyed {
		skey = propKey(b, c.sessionKey)
	}
	var errs eventErrors
	for i, t := range b.Time { // as Count checks them: a row may have both problems
		if t < minUnixNano || t >= maxUnixNano {
			errs.add(&EventError{UserID: b.UserIDs.String(b.User[i]), Time: b.time(t), Err: ErrTimeRange})
		}
		if c.kind == unitKeyed && propValue(b, i, skey) == "" {
			errs.add(&EventError{UserID: b.UserIDs.String(b.User[i]), Time: b.time(t), Err: ErrNoSession})
		}
	}
	return errs.err()
}

// byUserTime returns the row numbers of b grouped by user number, in
// ascending order, and each user's in time order, stably.
func byUserTime(b *Events) []int32 {
	start := make([]int32, b.UserIDs.Len()+1) // start[u+1]: rows of user u, then where they go
	for _, u := range b.User {
		start[u+1]++
	}
	for u := 1; u < len(start); u++ {
		start[u] += start[u-1]
	}
	order := make([]int32, len(b.User))
	next := start[:len(start)-1]
	for i, u := range b.User {
		order[next[u]] = int32(i)
		next[u]++
	}
	// next[u] is now the end of user u's rows, and the start of user u+1's.
	lo := int32(0)
	for _, hi := range next {
		rows := order[lo:hi]
		for k := 1; k < len(rows); k++ {
			if b.Time[rows[k]] < b.Time[rows[k-1]] {
				slices.SortStableFunc(rows, func(x, y int32) int { return cmp.Compare(b.Time[x], b.Time[y]) })
				break
			}
		}
		lo = hi
	}
	return order
}
