// Package taobao reads the Taobao "UserBehavior" data set (Alibaba
// Tianchi, tianchi.aliyun.com/dataset/649) into funnel events.
//
// # The data
//
// About 100 million events of about one million random Taobao users from
// 2017-11-25 to 2017-12-03, China time (UTC+8), in a CSV file without a
// header, grouped by user:
//
//	user_id,item_id,category_id,behavior,timestamp
//
// behavior is pv (a view of an item's page), cart, fav (add to
// favourites) or buy; timestamp is Unix seconds. The data belongs to
// Alibaba and is published for research use; cite Zhu et al., "Learning
// Tree-based Deep Model for Recommender Systems" (KDD 2018), as Tianchi
// asks. The tests use the complete histories of the first 60 users of
// the file (testdata/CREDIT.md).
//
// # Mapping
//
// [ReadEvents] maps each row to a funnel.Event: the user, the time in the
// store's zone ([China] for the data's days), the behaviour renamed to the
// review's vocabulary (pv → [PageView], cart → [AddToCart], fav →
// [Favorite], buy → [Purchase]) and the item and category as properties.
// [Funnel] is the funnel page_view → add_to_cart → purchase.
//
// # What can and cannot be computed
//
// The data has no prices, quantities, order IDs or sessions. A "buy" is
// an event and a count, not revenue: there are no orders, so no sales,
// AOV, margin, refunds or customer value, and report.Build leaves out
// the sections that need orders (at the time of writing these include
// the traffic section, so a review of this data shows little; the
// funnel package computes the rest from the same events). What the data
// gives: visitors, sessions (split at gaps, 30 minutes by default), page
// views and bounces (funnel.Traffic), the funnel and its times to
// convert (funnel.Counter), buyers and purchases per day, repeat buying
// of items, and the share of users who buy among those who view.
//
// # Errors
//
// The reader streams (iter.Seq2) and uses the vocabulary of storedata: a
// bad row is a *storedata.ParseError with its file, line and column
// (wrapping [ErrBehavior], [ErrTimestamp], storedata.ErrText or a csv
// error), reported and skipped in lenient mode, the end of reading with
// storedata.Options.Strict. Nothing is dropped silently.
//
// [Source] assembles a report.Input from a file (plain or gzipped),
// checking that each user's rows are together and sorting each user's
// events by time, as the review requires.
package taobao
