// Package cli is the store operations review command, shopreview: its
// flags, its exit statuses and the messages a person meets. Two tiny mains
// run it: examples/review (go run ./examples/review from a clone) and
// examples/review/shopreview (the binary go install gives); the doc of
// the latter lists the flags.
//
// [Main] parses the command line ([UsageError] for a bad one, before any
// data is read), reads the demo store or the -data directory, builds the
// review with report.Build and writes it with report/render. Errors of the
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
//
// The package is internal: the command is a program, not part of the
// SDK's API.
package cli
