// Package twcs reads "Customer Support on Twitter" (twcs.csv, Thought
// Vector, published on Kaggle as thoughtvector/customer-support-on-twitter)
// and turns its conversations into service tickets with opening and
// first-response times.
//
// # The data
//
// About three million tweets between customers and the support accounts
// of large brands, mostly from October to December 2017, one row per
// tweet:
//
//	tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
//
// author_id is the brand's handle for a company tweet and an anonymised
// number for a customer; inbound is True for a customer's tweet to a
// company; created_at is "Tue Oct 31 22:10:47 +0000 2017"; the reply links
// are tweet IDs (in_response_to_tweet_id written as a float, "3.0", by
// pandas; response_tweet_id a list such as "9,6,10"). Copies re-saved by
// pandas have an unnamed index column first, which is ignored. The Kaggle
// data set is published under CC BY-NC-SA 4.0 as far as the maintainers
// know (not confirmed from a stored copy). The tests use the first 2,600
// rows (testdata/CREDIT.md).
//
// # Mapping
//
// [ReadTweets] streams the rows as [Tweet] values. [Tickets] follows the
// reply links: a customer's inbound tweet that replies to nothing opens a
// ticket (channel [Channel]); the earliest company tweet of its
// conversation is the first response; see [Tickets] for every rule.
// Resolution, satisfaction scores, reasons and orders are not in the data,
// so a review shows first-response times (median, 90th percentile, share
// within the SLA) and volumes; its resolution figures are not meaningful.
// [Input] assembles a report.Input of the tickets.
//
// # Errors
//
// A bad row is a *storedata.ParseError with its file, line and column
// (wrapping [ErrInbound], storedata.ErrDuplicateID, storedata.ErrText or
// a csv error), reported and skipped in lenient mode, the end of reading
// with storedata.Options.Strict; a file without a needed column is one
// *storedata.FileError. Tweets whose conversation starts outside the file
// are counted by [Tickets] and in Input.Rejected. Nothing is dropped
// silently.
package twcs
