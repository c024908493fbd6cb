package taobao

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Columns names the five columns of a UserBehavior file, which has no
// header.
var Columns = []string{"user_id", "item_id", "category_id", "behavior", "timestamp"}

// Event names, in the vocabulary of the review's funnel, for the
// behaviours pv, cart, fav and buy.
const (
	PageView  = "page_view"        // pv: a view of an item's detail page
	AddToCart = "add_to_cart"      // cart
	Favorite  = "add_to_favorites" // fav
	Purchase  = "purchase"         // buy: one purchase of one item, without a price
)

var names = map[string]string{"pv": PageView, "cart": AddToCart, "fav": Favorite, "buy": Purchase}

// Property keys of the events.
const (
	PropItem     = "item_id"
	PropCategory = "category_id"
)

// China is the data's time zone, UTC+8 (China has kept no daylight
// saving time since 1991): the days of the data set are China days.
var China = time.FixedZone("UTC+8", 8*60*60)

// Sentinel errors of bad rows, wrapped by a *storedata.ParseError.
var (
	// ErrBehavior: the behaviour is not pv, cart, fav or buy.
	ErrBehavior = errors.New("taobao: unknown behavior")
	// ErrTimestamp: the timestamp is not a whole number of seconds since
	// 1970 (negative numbers included).
	ErrTimestamp = errors.New("taobao: bad timestamp")
)

// ReadEvents reads a UserBehavior file (no header; user_id, item_id,
// category_id, behavior, timestamp), one funnel.Event per row, in file
// order: the user, the time (Unix seconds, converted to opts.Location;
// use [China] for the data's own days), the behaviour renamed to the
// review's vocabulary ([PageView], [AddToCart], [Favorite], [Purchase])
// and the item and category as the properties [PropItem] and
// [PropCategory]; the item is also the event's funnel.PropSKU, for the
// detail-page conversion of each product (package funnel/detail). The
// data has no sessions: split them at gaps (the
// review's default of 30 minutes).
//
// A bad row is a *storedata.ParseError with its line and column: a number
// of fields other than five, an empty user or item, an unknown behaviour
// ([ErrBehavior]), a timestamp that is not an integer ([ErrTimestamp]),
// text that is not UTF-8. Lenient reading (the default) reports it and
// goes on; opts.Strict stops at the first. Timestamps outside the
// documented nine days (the data has a few, some months early) are read
// as they are: the review's period leaves them out.
func ReadEvents(r io.Reader, opts storedata.Options) iter.Seq2[funnel.Event, error] {
	return func(yield func(funnel.Event, error) bool) {
		read(r, opts, func(e funnel.Event, _ int) bool { return yield(e, nil) }, func(err error) bool { return yield(funnel.Event{}, err) })
	}
}

// read calls each with every good event and the line of its row, and bad
// with every error; it stops when either returns false, at the first
// error in strict mode, and after a failure of the reader.
func read(r io.Reader, opts storedata.Options, each func(funnel.Event, int) bool, bad func(error) bool) {
	t, err := csvtable.Open(r, opts, Columns, Columns)
	if err != nil {
		bad(err)
		return
	}
	loc := csvtable.Location(opts)
	for {
		err := t.Next()
		if err == io.EOF {
			return
		}
		var e funnel.Event
		if err == nil {
			e, err = parse(t, loc)
		}
		if err != nil {
			if !bad(err) || opts.Strict || t.Fatal() {
				return
			}
			continue
		}
		if !each(e, t.Line()) {
			return
		}
	}
}

func parse(t *csvtable.Table, loc *time.Location) (funnel.Event, error) {
	c, err := parseCells(t)
	if err != nil {
		return funnel.Event{}, err
	}
	e := funnel.Event{UserID: c.user, Time: time.Unix(c.sec, 0).In(loc), Name: c.name,
		Props: []funnel.Prop{{Key: PropItem, Value: c.item}, {Key: funnel.PropSKU, Value: c.item}}}
	if c.category != "" {
		e.Props = append(e.Props, funnel.Prop{Key: PropCategory, Value: c.category})
	}
	return e, nil
}

// cells are the parsed cells of a row.
type cells struct {
	user, item, category, name string
	sec                        int64 // the timestamp
}

// parseCells parses the current record of t: what ReadEvents and
// ReadEventBatches make an event of.
func parseCells(t *csvtable.Table) (cells, error) {
	var c cells
	var err error
	if c.user, err = t.Required("user_id"); err != nil {
		return c, err
	}
	if c.item, err = t.Required("item_id"); err != nil {
		return c, err
	}
	b := t.Get("behavior")
	if c.name = names[b]; c.name == "" {
		return c, t.Fail("behavior", fmt.Errorf("%w %q: want pv, cart, fav or buy", ErrBehavior, b))
	}
	sec, perr := strconv.ParseInt(t.Get("timestamp"), 10, 64)
	if perr != nil || sec < -30610224000 || sec > 253402300799 { // years 1000 to 9999
		return c, t.Fail("timestamp", fmt.Errorf("%w %q: want Unix seconds", ErrTimestamp, t.Get("timestamp")))
	}
	c.sec = sec
	c.category = t.Get("category_id")
	return c, nil
}

// Funnel returns the funnel of a Taobao review: page_view → add_to_cart →
// purchase per user, with the defaults of funnel.Config. Favourites are a
// side action, not a step; many users buy without carting.
func Funnel() funnel.Config {
	return funnel.Config{Steps: []funnel.Step{{Name: PageView}, {Name: AddToCart}, {Name: Purchase}}}
}
