// Package funnel computes conversion funnels, sessions, visitors and bounce
// rates from streams of user events: the traffic section of an operations
// review — where visitors come from, how many bounce, and where the funnel
// view → add to cart → checkout → pay loses them.
//
// The funnel semantics are those of ClickHouse's windowFunnel aggregate
// function, in its default mode and in its 'strict_increase',
// 'strict_order', 'strict_deduplication' and 'allow_reentry' modes, so that
// a number from shopmetrics and one from ClickHouse on the same data agree.
//
// # Counting a funnel
//
// A funnel is a [Config]: 2 to 32 [Step]s, matched by event name or by a
// predicate, and a conversion window. [Count] counts a slice of [Event]s in
// any order; a [Counter] counts a stream in time order, keeping a few
// timestamps per user, so memory grows with users and not with events;
// [CountSeq] counts an iter.Seq; [Counter.Grow] sizes a counter in advance
// when the number of users is known. Counters over disjoint sets of users merge
// exactly ([Counter.Merge]): shard a large log by user, count the shards in
// parallel and merge.
//
// The [Result] gives, for each step, the units (users, or sessions with
// [PerSession]) that reached it, the conversion from the previous step and
// from step 1 as [metrics.Ratio]s, the drop-off, and the median and 90th
// percentile time to convert. [Result.WriteTable] prints it.
//
// # The default mode
//
// A chain starts at any step-1 event. It advances to step k+1 on an event of
// step k+1 that is not earlier than the event that took it to step k and not
// later than the chain's start plus the window: the bound is inclusive, and
// events with equal timestamps count as in order. A unit counts at the
// deepest step any of its chains reaches, and at every step before it.
//
// The counter runs ClickHouse's algorithm. Events are taken in time order;
// events with equal timestamps are taken in step order (ClickHouse sorts
// (time, step) pairs), so the order in which ties arrive never matters. For
// each level k the counter keeps the chain that last reached it: a step-1
// event starts a new chain at level 1 (replacing the older one there), and an
// event of step k+1 extends the chain held at level k if it is within that
// chain's window, copying it to level k+1. A later start always has a later
// deadline, so keeping the latest chain at each level loses nothing: the
// level found is the deepest of all chains. A unit whose chain reaches the
// last step is done; later events do not change it.
//
// Worked timeline, steps a → b → c, window 10 minutes (times in minutes):
//
//	a@0  b@5  a@8  c@9     level 3: a@8 replaces level 1, but level 2 keeps
//	                       the chain a@0→b@5, and c@9 ≤ 0+10 completes it
//	a@0  a@8  b@9  c@15    level 3: a@0's window closes at 10, the chain
//	                       a@8→b@9→c@15 completes (15 ≤ 8+10)
//	a@0  b@5  c@10         level 3: c at exactly start+window counts
//	a@0  b@11              level 1: b is past the window
//	c@0  b@0  a@0          level 3: ties count as in order, whatever their
//	                       arrival order
//	a@0  b@5  c@20  a@30  b@31  c@32
//	                       level 3: the first chain dies at the window,
//	                       a@30 re-enters and completes
//	a@0  a@1  b@2  b@3  c@4
//	                       level 3: repeated steps are harmless
//
// Events whose names are outside the funnel change nothing in the default
// mode. An event that matches several steps (two steps with one name, or
// overlapping predicates) counts for each of them, as in ClickHouse: with
// steps view → view, one view reaches level 2. ClickHouse's 'strict_once'
// mode, which prevents this, is not offered.
//
// # Modes
//
// [Config.Mode] combines the ClickHouse flags:
//
// [StrictIncrease] ('strict_increase'): a step must be strictly later than
// the previous step of its chain.
//
//	a@0  b@0  c@1          level 1: b ties with a and does not advance
//	a@0  b@1  c@1          level 2: c ties with b
//
// [StrictOrder] ('strict_order'): once the first step-1 event has been seen,
// an event that matches no step, or an event of step k+1 when no chain has
// reached step k, stops the evaluation; the unit keeps the level it has.
// Events of the stream that match no step count here, so filter the stream
// to the events ClickHouse would see (its WHERE clause) before counting.
// At equal timestamps such an event is taken before the steps.
//
//	a@0  b@1  x@2  c@3     level 2: x stops the evaluation
//	x@0  a@1  b@2  c@3     level 3: x comes before the first a
//	a@0  b@1  x@1  c@2     level 1: x at b's instant is taken before b
//	a@0  c@1  b@2  c@3     level 1: c@1 has no step 2 before it
//
// [AllowReentry] ('allow_reentry', with StrictOrder): an event of a step
// whose previous step is unreached is ignored instead of stopping; the last
// timeline above then reaches level 3.
//
// [StrictDeduplication] ('strict_deduplication'): an event of step k ≥ 2
// that a chain already holds stops the evaluation at the deepest level
// reached (as ClickHouse since the fix of its issue 37177; older versions
// returned the step of the preceding event instead). Repeating step 1
// restarts a chain and does not stop. Two events of one step at one
// instant are a repeat.
//
//	a@0  b@1  b@2  c@3     level 2
//	a@0  a@1  b@2  c@3     level 3
//	a@0  b@1  b@1  c@2     level 2
//
// # Options beyond ClickHouse
//
// [Config.FirstEntryOnly] lets only the unit's first step-1 event start a
// chain, as Amplitude-style funnels do:
//
//	a@0  a@20  b@21        window 10: level 1 (level 2 by default)
//
// [Config.Exclusions] disqualify a chain that sees an exclusion event after
// reaching step From and before reaching step To: the chains held at levels
// From … To−1 are dropped; chains already past To are not concerned, and new
// chains may start afterwards. An exclusion at the same instant as a step is
// taken before it.
//
//	x between 1 and 2:  a@0  x@1  b@2          level 0
//	x between 1 and 2:  a@0  b@1  x@2  c@3     level 3
//	x between 2 and 3:  a@0  b@1  x@2  c@3     level 1
//	x between 1 and 2:  a@0  x@1  a@2  b@3     level 2: a@2 re-enters
//	x between 1 and 2:  a@0  x@0  b@1          level 2: x is taken before a
//
// The level is then the deepest level a surviving chain holds.
//
// [Config.Unit] = [PerSession] counts sessions instead of users: each
// session is a separate sequence, so every chain lies within one session.
// Sessions come from a session-ID property or from gaps in a user's events
// ([SessionRule]).
//
// # Time to convert
//
// For each unit that reached step k, the time to convert to step k is the
// time from the step-1 event of the unit's deepest chain (the chain that
// gave its level) to that chain's step-k event. [Durations] reports the
// median and the 90th percentile, exactly (the durations are kept, one per
// unit and step, so that they merge exactly). The counter keeps, for each
// level k, the k timestamps of the chain holding it: n(n+1)/2 timestamps per
// unit for n steps, of which a unit that never passes step 1 keeps only
// the first.
//
// # Breakdowns
//
// [Config.Breakdown] names a property (source, device, …) by which the
// funnel is broken down in [Result.Breakdown]. A unit is attributed to the
// value on the step-1 event of its deepest chain ([FirstTouch], the
// default) or on the event that took that chain to its deepest step
// ([LastTouch]). When several events of one step share an instant, the
// smallest value in byte order is used, so that ties never depend on
// arrival order. Units that reached no step are in no breakdown.
//
// # Columnar batches
//
// [Events] holds a batch of events as columns: user and event-name
// numbers of [metrics.Dict]s, Unix nanosecond times, and properties as
// key and value numbers. Readers fill batches directly; [Events.Append]
// adds an [Event]. [Counter.AddEvents] counts a batch exactly as
// [Counter.Add] would count its rows one by one, for every Config, and is
// the counter's fast path: it looks each user and each event name up once
// per dictionary entry rather than once per event, so batches of one
// reader, which share their dictionaries, cost no hashing after a user's
// first event. A rejected row is skipped and reported (the first 100
// errors and a [MoreEventsError] counting the rest by reason), the others
// counted. [Traffic.AddEvents] is the same for a [Traffic], and
// [Counter.AddEventRows] and [Traffic.AddEventRows] count the rows of a
// batch that a caller selects (a selection vector: those of one period,
// say) without copying them into a batch of their own. [CountEvents]
// counts a batch in any order, as [Count] counts a slice, grouping the
// rows by user; [Events.SortByTime] sorts a batch by time in place, stably,
// for a Counter. [Events.Validate] checks that a batch's columns fit
// together (lengths, dictionaries, numbers within them, no property key
// twice in an event), with located *[metrics.BatchError]s (wrapping [metrics.ErrMalformed], as the batches of package metrics report);
// AddEvents and CountEvents return its error on a malformed batch,
// counting nothing; SortByTime, which returns nothing, panics with it.
//
// # Users by number
//
// A caller that numbers its users anyway (one number per user ID, as the
// review numbers every user of its data) counts by number with
// [Counter.AddNumbered] and [Traffic.AddNumbered]: the user is found by a
// hash of the number, no ID is hashed or compared, and the event's UserID
// is read only for the errors (and by step predicates), so that it may be
// left empty. The result is the one Add gives. An accumulator keys its
// users one way, fixed by its first user; by number it holds no IDs, so
// that Merge and MarshalBinary refuse it, as does the other kind of Add,
// with an error wrapping [ErrNumbered].
//
// # Sending accumulators as bytes
//
// A [Counter] and a [Traffic] encode their whole state with MarshalBinary
// and decode it with UnmarshalBinary (encoding.BinaryMarshaler and
// BinaryUnmarshaler), so that shards counted on other machines (a
// distributed engine's workers) travel as bytes and merge exactly where
// the result is wanted: decode, then Merge. The encodings start with a
// version byte, are documented in the source (counter_binary.go,
// traffic_binary.go) and are deterministic: decoding an encoding and
// encoding the result gives the same bytes. A Counter's encoding carries
// its funnel's fingerprint (what Merge compares), so counters of different
// funnels still refuse to merge after a round trip; it takes about 30
// bytes per user on the harness's 10M events (BenchmarkCounterBinary).
// Decoding data the encoder does not write returns an error wrapping
// [ErrCorrupt] and metrics.ErrCorrupt: it never panics, and allocates in
// proportion to what it reads. The encodings carry no checksum: a
// transport that can alter bytes should add its own.
//
// # Comparing funnels
//
// [Compare] compares two funnels (two periods, or A/B variants) step by
// step: the difference in conversion, a two-proportion z-test p-value and
// a 95 % confidence interval ([Difference]).
//
// # Sessions and traffic
//
// [Traffic] counts visitors (UV), sessions, page views and the bounce rate
// (bounces over sessions, a share), in total and by the source and device
// of each session's landing event. Sessions come from a session-ID
// property or, by default, from splitting each user's events where the gap
// exceeds 30 minutes. A session belongs to one user: a tracker's session
// ID is scoped per user, so the same ID under two users is two sessions.
// Traffics over disjoint users merge.
//
// A bounce is, by default ([BounceOnePage], Taobao's 跳失率), a session with
// exactly one page view and no purchase: a visitor who buys did not leave.
// The option [BounceNotEngaged] follows GA4: a session with a purchase, a
// second page view or at least 10 seconds from its first to its last
// event is engaged, and the bounce rate is 1 − the engaged share. Choose
// it with [SessionRule.Bounce]. With no sessions the rate is undefined.
//
// # Errors
//
// Streaming accumulators require events in non-decreasing time order per
// user: an older event is rejected with an *[EventError] naming the user
// ([ErrOutOfOrder]), never silently reordered, and the message says how to
// fix it: sort the input with [SortEvents] (a batch with
// [Events.SortByTime]) before streaming it; [Count] and [CountTraffic]
// sort a slice themselves, and [CountEvents] a batch. A [Counter] keeps a few
// timestamps per user, not the user's events, which is why it cannot
// reorder them. Accumulators are not safe for concurrent use.
//
// An invalid [Config] is reported by [Config.Validate] and [NewCounter] as
// joined *metrics.ConfigError values naming each field, wrapping
// metrics.ErrConfig; invalid [Traffic] settings likewise by
// [Traffic.Validate], [Traffic.Add] and [CountTraffic]. [Counter.Merge] and
// [Traffic.Merge] check everything before changing the receiver: a Merge
// with itself, of another funnel or of other settings returns a
// *metrics.MergeError, one of shards that share users the joined
// *[OverlapError]s of the first 100 shared users and a count of the rest;
// both wrap metrics.ErrIncompatible, and the receiver is left unchanged. [Compare] of results of two different funnels returns a
// *[MismatchError] ([ErrMismatch]): that is not a Merge.
package funnel
