// Command review is the store operations review (店铺运营总结) run from
// the repository: `go run ./examples/review` prints the review of the
// built-in demo store. It is the command [shopreview] under the name of
// its directory; see there for its flags and exit statuses.
//
// [shopreview]: https://pkg.go.dev/github.com/shopmetrics/shopmetrics/examples/review/shopreview
package main

import (
	"os"

	"github.com/shopmetrics/shopmetrics/examples/review/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
