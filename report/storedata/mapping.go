package storedata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// The kinds of file, as named in a [Mapping]: the file names without
// ".csv".
const (
	kindOrderLines = "order_lines"
	kindRefunds    = "refunds"
	kindEvents     = "events"
	kindSpend      = "spend"
	kindInventory  = "inventory"
	kindReceipts   = "receipts"
	kindProducts   = "products"
	kindPromotions = "promotions"
	kindTargets    = "targets"
	kindTickets    = "tickets"
	kindCustomers  = "customers"

	kindCompetitorPrices = "competitor_prices"
	kindMembers          = "members"
	kindPoints           = "points"
)

// kindColumns returns the documented columns of a kind of file, and
// whether the kind exists. The events file takes any other column as a
// property, so any name is a column of it.
func kindColumns(kind string) ([]string, bool) {
	switch kind {
	case kindOrderLines:
		return OrderLineColumns, true
	case kindRefunds:
		return RefundColumns, true
	case kindEvents:
		return EventColumns, true
	case kindSpend:
		return SpendColumns, true
	case kindInventory:
		return SnapshotColumns, true
	case kindReceipts:
		return ReceiptColumns, true
	case kindProducts:
		return ProductColumns, true
	case kindPromotions:
		return PromotionColumns, true
	case kindTargets:
		return TargetColumns, true
	case kindTickets:
		return TicketColumns, true
	case kindCustomers:
		return CustomerColumns, true
	case kindCompetitorPrices:
		return CompetitorPriceColumns, true
	case kindMembers:
		return MemberColumns, true
	case kindPoints:
		return PointColumns, true
	case kindCampaigns:
		return CampaignColumns, true
	case kindTargetLists:
		return CampaignTargetColumns, true
	case kindRedemptions:
		return RedemptionColumns, true
	}
	return nil, false
}

// kinds lists the kinds of file in the order of the package documentation.
var kinds = []string{kindOrderLines, kindRefunds, kindEvents, kindSpend, kindInventory, kindReceipts,
	kindProducts, kindPromotions, kindTargets, kindTickets, kindCustomers, kindCompetitorPrices, kindMembers, kindPoints,
	kindCampaigns, kindTargetLists, kindRedemptions}

// Mapping maps the column names of a store's own export to the documented
// ones, per kind of file, and its event names to the funnel's step names,
// so that an export can be read without renaming anything. It is read
// from a small JSON file by [ParseMapping] or [ReadMapping] and given to
// the readers in [Options].Mapping:
//
//	{
//	  "columns": {
//	    "order_lines": {"Order ID": "order_id", "Created at": "placed_at"},
//	    "events": {"event_time": "time", "event_type": "name"}
//	  },
//	  "events": {"view": "page_view", "cart": "add_to_cart", "purchase": "purchase"}
//	}
//
// "columns" holds one object per kind of file, named as the file without
// ".csv" (order_lines, refunds, events, spend, inventory, receipts,
// products, promotions, targets, tickets, competitor_prices), from the export's column name
// (after trimming space, as headers are read) to the documented one. A
// column not listed keeps its name. "events" maps the export's event
// names to the funnel's step names (the review's default steps are
// page_view, add_to_cart, checkout and purchase); names not listed are
// kept.
//
// Both are optional. Unknown keys, unknown kinds, a target that is not a
// documented column of its kind (any name is one for events, whose other
// columns are properties), two columns mapped to one, empty names and
// keys given twice are errors, each a *[ParseError] with the line and
// column (a byte position) in the JSON text.
type Mapping struct {
	Columns map[string]map[string]string // kind → export's column → documented column
	Events  map[string]string            // export's event name → step name
}

// ReadMapping reads a mapping file; its errors name the path.
func ReadMapping(path string) (*Mapping, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseMapping(b, path)
}

// ParseMapping parses the JSON text of a mapping (see [Mapping]). Its
// errors are *[ParseError] values for the file "mapping", with the line
// and the column (the byte on the line, from 1) of the offending key or
// value.
func ParseMapping(data []byte) (*Mapping, error) {
	return parseMapping(data, "mapping")
}

// mappingParser walks the JSON tokens, keeping the position of each.
type mappingParser struct {
	data []byte
	file string
	dec  *json.Decoder
	pos  int64 // the offset of the last token read
}

func parseMapping(data []byte, file string) (*Mapping, error) {
	p := &mappingParser{data: data, file: file, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	m := &Mapping{}
	if err := p.object(func(key string) error {
		switch key {
		case "columns":
			m.Columns = map[string]map[string]string{}
			return p.object(func(kind string) error {
				cols, ok := kindColumns(kind)
				if !ok {
					return p.fail(fmt.Errorf("unknown kind of file %q: want one of %s", kind, strings.Join(kinds, ", ")))
				}
				from := map[string]string{}
				to := map[string]string{}
				m.Columns[kind] = from
				return p.object(func(name string) error {
					if err := p.name(name, "column name"); err != nil {
						return err
					}
					col, err := p.str()
					if err != nil {
						return err
					}
					if err := p.name(col, "column name"); err != nil {
						return err
					}
					if kind != kindEvents && kind != kindCustomers && !slices.Contains(cols, col) {
						return p.fail(fmt.Errorf("%q is not a column of %s.csv: want one of %s", col, kind, strings.Join(cols, ", ")))
					}
					if other, dup := to[col]; dup {
						return p.fail(fmt.Errorf("%q and %q are both mapped to %s", other, name, col))
					}
					from[name], to[col] = col, name
					return nil
				})
			})
		case "events":
			m.Events = map[string]string{}
			return p.object(func(name string) error {
				if err := p.name(name, "event name"); err != nil {
					return err
				}
				step, err := p.str()
				if err != nil {
					return err
				}
				if err := p.name(step, "step name"); err != nil {
					return err
				}
				m.Events[name] = step
				return nil
			})
		}
		return p.fail(fmt.Errorf("unknown key %q: want columns or events", key))
	}); err != nil {
		return nil, err
	}
	p.at()
	if _, err := p.dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("text after the mapping's object")
		}
		return nil, p.wrap(err)
	}
	return m, nil
}

// at sets pos to the start of the next token.
func (p *mappingParser) at() {
	i := p.dec.InputOffset()
	for i < int64(len(p.data)) && strings.IndexByte(" \t\r\n,:", p.data[i]) >= 0 {
		i++
	}
	p.pos = i
}

// token reads the next token, setting pos to its start.
func (p *mappingParser) token() (json.Token, error) {
	p.at()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.wrap(err)
	}
	return tok, nil
}

// object reads an object, calling key for each key with the decoder
// before its value; a key given twice is an error.
func (p *mappingParser) object(key func(string) error) error {
	tok, err := p.token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return p.fail(fmt.Errorf("want an object, not %s", describe(tok)))
	}
	seen := map[string]bool{}
	for p.dec.More() {
		tok, err := p.token()
		if err != nil {
			return err
		}
		k := tok.(string) // the decoder checks that keys are strings
		if seen[k] {
			return p.fail(fmt.Errorf("key %q is given twice", k))
		}
		seen[k] = true
		if err := key(k); err != nil {
			return err
		}
	}
	_, err = p.token() // the closing brace
	return err
}

// str reads a string value.
func (p *mappingParser) str() (string, error) {
	tok, err := p.token()
	if err != nil {
		return "", err
	}
	s, ok := tok.(string)
	if !ok {
		return "", p.fail(fmt.Errorf("want a string, not %s", describe(tok)))
	}
	return s, nil
}

// name checks a name: not empty, no space at its ends, valid text.
func (p *mappingParser) name(s, what string) error {
	switch {
	case s == "" || strings.TrimSpace(s) != s:
		return p.fail(fmt.Errorf("%s %q is empty or has space at an end", what, s))
	case validText(s) != nil || strings.ContainsAny(s, "\t\r\n"):
		return p.fail(fmt.Errorf("%s %q has a control character or a line break", what, s))
	}
	return nil
}

func describe(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		return fmt.Sprintf("%q", string(v))
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", v)
	}
	return fmt.Sprintf("%v", tok)
}

// fail returns err located at pos.
func (p *mappingParser) fail(err error) error {
	line, col := lineCol(p.data, p.pos)
	return &ParseError{File: p.file, Line: line, Column: col, Err: err}
}

// wrap locates an error of the decoder: a syntax error at its offset.
func (p *mappingParser) wrap(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		p.pos = se.Offset // the bytes read before the bad one
	} else if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		p.pos = int64(len(p.data))
		err = errors.New("unexpected end of the mapping")
	}
	return p.fail(err)
}

// lineCol returns the 1-based line and byte column of offset off.
func lineCol(data []byte, off int64) (line, col int) {
	off = min(off, int64(len(data)))
	before := data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	col = int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}
