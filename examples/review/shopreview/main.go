// Command shopreview prints the store operations review (店铺运营总结)
// of the built-in demo store, or of your own data, in Markdown, HTML, JSON
// or plain text, in English or Chinese. Install it with
//
//	go install github.com/shopmetrics/shopmetrics/examples/review/shopreview@latest
//
// and run shopreview -h for its flags and exit statuses, which the
// package [cli] documents. From a clone of the repository,
// `go run ./examples/review` is the same command.
//
// [cli]: https://github.com/shopmetrics/shopmetrics/tree/main/examples/review/internal/cli
package main

import (
	"os"

	"github.com/shopmetrics/shopmetrics/examples/review/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
