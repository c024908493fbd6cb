// Command shopreview prints the store operations review (店铺运营总结)
// of the built-in demo store, or of your own data, in Markdown, HTML, JSON
// or plain text, in English or Chinese. Install it with
//
//	go install github.com/shopmetrics/shopmetrics/examples/review/shopreview@latest
//
// From a clone of the repository, `go run ./examples/review` is the same
// command. Examples:
//
//	shopreview                                  # the demo store, Markdown, English
//	shopreview -lang zh -format html -o review.html
//	shopreview -export demo                     # the demo store as CSV files, a worked example
//	shopreview -data demo -tz Asia/Shanghai -period 2025-Q4
//	shopreview -data shop -period 2025-11-11 -compare 2024-11-11 -currency CNY -strict
//
// # Data
//
// Without -data or -db the command reviews the built-in demo store.
//
//	-data DIR      review the CSV files of DIR: order_lines.csv (required),
//	               refunds.csv, events.csv, spend.csv, inventory.csv,
//	               receipts.csv, promotions.csv, targets.csv, tickets.csv,
//	               products.csv, customers.csv, competitor_prices.csv,
//	               members.csv, points.csv, in the format of package
//	               report/storedata.
//	               Bad rows are printed with their file and line, left out
//	               and counted on the page; so are inventory snapshots with
//	               a data problem and refunds of orders not in the data
//	-tz ZONE       the store's time zone for -data, an IANA name such as
//	               Asia/Shanghai (default UTC)
//	-map FILE      a JSON mapping file from your column and event names to
//	               the files' (with -data)
//	-db DSN        review the store in the PostgreSQL database at DSN
//	               instead of files
//	-strict        refuse bad data: a bad row or record stops the review
//	               (exit status 3) instead of being left out and counted
//	-seed N        seed of the demo store (default 1)
//	-export DIR    write the demo store as the CSV files -data reads, and
//	               exit
//
// # The review
//
//	-period P      the period reviewed: a day 2025-11-11, a week 2025-W45,
//	               a month 2025-11, a quarter 2025-Q4, a year 2025 or days
//	               2025-11-01..2025-11-11, in the store's time zone.
//	               Defaults to the last whole month of the data (all of it
//	               if shorter); a period outside the data is an error
//	-compare P     the period compared with -period in the place of the
//	               same period last year (同比), such as last year's 11.11:
//	               -period 2025-11-11 -compare 2024-11-11. Defaults to the
//	               same period last year
//	-currency CODE the currency to review (ISO 4217, such as CNY); orders
//	               in other currencies are left out and counted on the
//	               page. Defaults to the first order's currency; a store
//	               with several currencies then needs it
//	-steps NAMES   the funnel's steps, 2 to 32 event names separated by
//	               commas, such as view,cart,purchase (default
//	               page_view,add_to_cart,checkout,purchase)
//	-store NAME    the store's name in the title (default: the demo's, or
//	               the name of the -data directory)
//
// # Output
//
//	-format F      md, html, json, text or xlsx (default md)
//	-lang L        en or zh (default en)
//	-o FILE        write the review to FILE instead of standard output; the
//	               file is replaced only when the review is complete
//	-quiet         draw no progress line on standard error; it is drawn
//	               only when standard error is a terminal and the work
//	               lasts more than about a second, and erased when done
//	-h             print the usage and exit
//
// # Exit status
//
//	0  the review was written (rows the readers rejected are counted on
//	   the page and printed on standard error)
//	1  no review: the data could not be reviewed, such as a period
//	   outside the data or several currencies without -currency; each
//	   problem is printed, naming the flag that changes the outcome
//	2  usage: a flag or argument is wrong; nothing was read
//	3  no review: -strict refused a bad row or record, printed with its
//	   file and line or its ID
//	130  interrupted by Ctrl-C (SIGINT) or SIGTERM: the review is not
//	   printed and -o's file is not written (an earlier one stays as it
//	   was); a second Ctrl-C kills the command at once
package main

import (
	"os"

	"github.com/shopmetrics/shopmetrics/examples/review/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
