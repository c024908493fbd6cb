// Package cli is the store operations review command, shopreview: its
// flags, its exit statuses and the messages a person meets. Two tiny mains
// run it: examples/review (go run ./examples/review from a clone) and
// examples/review/shopreview (the binary go install gives); the doc of
// the latter lists the flags.
//
// [Main] parses the command line ([UsageError] for a bad one, before any
// data is read), reads the demo store or the -data directory, builds the
// review with report.BuildContext and writes it with report/render. Errors of the
// library that a person can fix with a flag are translated at this
// boundary (errors.As) into messages naming the flag: a
// report.MixedCurrencyError names -currency, a funnel Config.Steps error
// names -steps, a period the data does not cover names -period or
// -compare.
//
// # Exit status
//
//   - [ExitOK] (0): the review was written; rows the readers rejected are
//     printed on standard error and counted on the page.
//   - [ExitFailed] (1): no review: the data could not be reviewed.
//   - [ExitUsage] (2): a flag or argument is wrong; nothing was read.
//   - [ExitBadData] (3): no review: -strict refused a bad row or record.
//   - [ExitInterrupted] (130, the shell's status for SIGINT): interrupted
//     by Ctrl-C (SIGINT) or SIGTERM; nothing was written.
//
// # Interruption and progress
//
// Main runs under a context that SIGINT and SIGTERM cancel: reading the
// data (storedata, postgres) and building the review (report.BuildContext)
// stop, the review is neither printed nor written to -o's file (written
// through a temporary file renamed only when complete, which is removed),
// and Main says "interrupted". A second signal kills the process at once.
//
// When standard error is a terminal and the work lasts more than about a
// second, a progress line on it says what is being read or computed
// (report.Progress: "orders  45%  450,000 of 1,000,000"), redrawn in
// place at most ten times a second, never wider than the terminal, and
// erased when the work ends, before any message and on error or
// interruption. -quiet, or a standard error that is a file or a pipe,
// draws nothing: no progress text or escape sequence reaches a file or
// standard output.
//
// The package is internal: the command is a program, not part of the
// SDK's API.
package cli
