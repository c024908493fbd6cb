package metrics

import (
	"errors"
	"strconv"
)

// ErrMalformed is the category of every *[BatchError]: a batch whose
// columns do not fit together, which a reader filling columns directly
// can make and the batches' Append methods never do.
var ErrMalformed = errors.New("malformed batch")

// BatchError records one problem of the columns of a batch: [Orders] here,
// funnel's Events there; every package's batches report with it.
type BatchError struct {
	Pkg     string // the package of the batch's type, such as "metrics" or "funnel"
	Type    string // the batch's type, such as "Orders" or "Events"
	Column  string // the column, such as "Customer", "LineStart" or "UnitPrice.Exact"; "" for a problem of several
	Row     int    // the first row concerned, or -1 for the batch or column as a whole
	More    int    // the number of other rows with the same problem
	Problem string // what is wrong, such as "number 523 outside its dictionary of 500 strings"
}

// Error returns "pkg: malformed Type batch: Column: row n: problem (and
// k more rows)", leaving out what is not known.
func (e *BatchError) Error() string {
	s := e.Pkg + ": malformed " + e.Type + " batch: "
	if e.Column != "" {
		s += e.Column + ": "
	}
	if e.Row >= 0 {
		s += "row " + strconv.Itoa(e.Row) + ": "
	}
	s += e.Problem
	switch {
	case e.More == 1:
		s += " (and 1 more row)"
	case e.More > 1:
		s += " (and " + strconv.Itoa(e.More) + " more rows)"
	}
	return s
}

// Unwrap returns [ErrMalformed].
func (e *BatchError) Unwrap() error { return ErrMalformed }

// Validate reports whether the columns of the batch fit together, which
// the analyses' batch entry points need before they index one column by
// another. It returns an errors.Join of a *[BatchError] for each column
// that does not, or nil:
//
//   - every order column (IDs, Customer, Placed, …, Region, and each
//     [Amounts]' Minor) holds one row per order, len(Placed);
//   - LineStart holds one more entry than there are orders (or none in an
//     empty batch), starts at 0, never decreases, and ends at the number
//     of rows of every line column (SKU, …, LinePromotion);
//   - every number of a dictionary column is -1 or a number of its
//     dictionary (Customer of CustomerIDs, SKU of SKUs, LinePromotion of
//     Promotions, …; a nil dictionary holds none), and every Currency is
//     an index of Currencies;
//   - every key of an Amounts' Exact map is a row of its column.
//
// A column's error names its first bad row and how many rows are bad.
// Validate does not judge the data (quantities, amounts, times, statuses):
// the analyses report those per order as *[ValidationError]s. It reads
// every row of every column once.
func (o *Orders) Validate() error { return o.validate(allNumbers) }

// numberCols selects the dictionary columns validate checks.
type numberCols uint16

const (
	numCustomer numberCols = 1 << iota
	numChannel
	numPromotion
	numCarrier
	numRegion
	numSKU
	numName
	numCategory
	numLinePromotion

	allNumbers = numCustomer | numChannel | numPromotion | numCarrier | numRegion | numSKU | numName | numCategory | numLinePromotion
)

// validate is Validate with the dictionary columns that cols selects,
// for an analysis that reads only those; the rest is always checked.
func (o *Orders) validate(cols numberCols) error {
	var errs []error
	bad := func(col string, row, more int, problem string) {
		errs = append(errs, &BatchError{Pkg: "metrics", Type: "Orders", Column: col, Row: row, More: more, Problem: problem})
	}
	n := o.Len()
	for _, c := range [...]struct {
		name string
		len  int
	}{
		{"IDs", o.IDs.Len()}, {"Customer", len(o.Customer)}, {"Paid", len(o.Paid)}, {"Shipped", len(o.Shipped)},
		{"Delivered", len(o.Delivered)}, {"PromisedBy", len(o.PromisedBy)}, {"Channel", len(o.Channel)},
		{"Status", len(o.Status)}, {"Currency", len(o.Currency)}, {"Discount", o.Discount.Len()},
		{"Shipping", o.Shipping.Len()}, {"Tax", o.Tax.Len()}, {"Promotion", len(o.Promotion)},
		{"Carrier", len(o.Carrier)}, {"Region", len(o.Region)},
	} {
		if c.len != n {
			bad(c.name, -1, 0, strconv.Itoa(c.len)+" rows, not one per order ("+strconv.Itoa(n)+")")
		}
	}
	lines := len(o.SKU)
	linesOK := true
	switch ls := o.LineStart; {
	case len(ls) == 0 && n == 0:
		// An empty batch before Init.
	case len(ls) != n+1:
		bad("LineStart", -1, 0, strconv.Itoa(len(ls))+" entries, not one more than the orders ("+strconv.Itoa(n)+")")
		linesOK = false
	case ls[0] != 0:
		bad("LineStart", 0, 0, "starts at "+strconv.Itoa(int(ls[0]))+", not 0")
		linesOK = false
	default:
		first, count := -1, 0
		if !nonDecreasing(ls) {
			for i := 1; i < len(ls); i++ {
				if ls[i] < ls[i-1] {
					if first < 0 {
						first = i
					}
					count++
				}
			}
		}
		if count > 0 {
			bad("LineStart", first, count-1, "decreases, from "+strconv.Itoa(int(ls[first-1]))+" to "+strconv.Itoa(int(ls[first])))
			linesOK = false
		} else if int(ls[n]) != lines {
			bad("LineStart", n, 0, "ends at "+strconv.Itoa(int(ls[n]))+", not at the "+strconv.Itoa(lines)+" rows of SKU")
			linesOK = false
		}
	}
	for _, c := range [...]struct {
		name string
		len  int
	}{
		{"Name", len(o.Name)}, {"Category", len(o.Category)}, {"Quantity", len(o.Quantity)},
		{"UnitPrice", o.UnitPrice.Len()}, {"LineDiscount", o.LineDiscount.Len()}, {"UnitCost", o.UnitCost.Len()},
		{"LinePromotion", len(o.LinePromotion)},
	} {
		if c.len != lines {
			bad(c.name, -1, 0, strconv.Itoa(c.len)+" rows, not one per line ("+strconv.Itoa(lines)+", the rows of SKU)")
		}
	}
	if len(errs) > 0 || !linesOK {
		return errors.Join(errs...) // the numbers cannot be told apart from the lengths' problems
	}
	for _, c := range [...]struct {
		sel  numberCols
		name string
		col  []int32
		d    *Dict
	}{
		{numCustomer, "Customer", o.Customer, o.CustomerIDs}, {numChannel, "Channel", o.Channel, o.Channels},
		{numPromotion, "Promotion", o.Promotion, o.Promotions}, {numCarrier, "Carrier", o.Carrier, o.Carriers},
		{numRegion, "Region", o.Region, o.Regions}, {numSKU, "SKU", o.SKU, o.SKUs}, {numName, "Name", o.Name, o.Names},
		{numCategory, "Category", o.Category, o.Categories}, {numLinePromotion, "LinePromotion", o.LinePromotion, o.Promotions},
	} {
		if cols&c.sel == 0 {
			continue
		}
		if err := checkNumbers(c.name, c.col, c.d); err != nil {
			errs = append(errs, err)
		}
	}
	if nc := len(o.Currencies); n > 0 {
		if int(maxCode(o.Currency)) >= nc {
			first, count := -1, 0
			for i, v := range o.Currency {
				if int(v) >= nc {
					if first < 0 {
						first = i
					}
					count++
				}
			}
			bad("Currency", first, count-1, "code "+strconv.Itoa(int(o.Currency[first]))+" of "+strconv.Itoa(nc)+" Currencies")
		}
	}
	for _, c := range [...]struct {
		name string
		a    *Amounts
	}{
		{"Discount", &o.Discount}, {"Shipping", &o.Shipping}, {"Tax", &o.Tax},
		{"UnitPrice", &o.UnitPrice}, {"LineDiscount", &o.LineDiscount}, {"UnitCost", &o.UnitCost},
	} {
		first, count := -1, 0
		for r := range c.a.Exact {
			if r < 0 || r >= c.a.Len() {
				if count == 0 || r < first {
					first = r
				}
				count++
			}
		}
		if count > 0 {
			bad(c.name+".Exact", -1, count-1, "an amount for row "+strconv.Itoa(first)+" of "+strconv.Itoa(c.a.Len()))
		}
	}
	return errors.Join(errs...)
}

// checkNumbers returns a *BatchError unless every number of col, a
// column named name, is -1 or a number of d.
func checkNumbers(name string, col []int32, d *Dict) error {
	size := int32(0)
	if d != nil {
		size = int32(d.Len())
	}
	// One pass that tells good from bad, v+1 as unsigned (-1 is 0, and
	// below -1 is past any size) in four running maxima; the rare bad
	// column is read again.
	var m0, m1, m2, m3 uint32
	i := 0
	for ; i+4 <= len(col); i += 4 {
		c := col[i : i+4 : i+4]
		m0, m1 = max(m0, uint32(c[0]+1)), max(m1, uint32(c[1]+1))
		m2, m3 = max(m2, uint32(c[2]+1)), max(m3, uint32(c[3]+1))
	}
	for _, v := range col[i:] {
		m0 = max(m0, uint32(v+1))
	}
	if max(m0, m1, m2, m3) <= uint32(size) {
		return nil
	}
	first, count := -1, 0
	for i, v := range col {
		if v < -1 || v >= size {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	return &BatchError{Pkg: "metrics", Type: "Orders", Column: name, Row: first, More: count - 1,
		Problem: "number " + strconv.Itoa(int(col[first])) + " outside its dictionary of " + strconv.Itoa(int(size)) + " strings"}
}

// nonDecreasing reports whether s never decreases, in one pass without
// branches: the OR of the differences of neighbours, as int64s, is
// negative if one is.
func nonDecreasing(s []int32) bool {
	var acc0, acc1 int64
	i := 1
	for ; i+2 <= len(s); i += 2 {
		c := s[i-1 : i+2 : i+2]
		acc0 |= int64(c[1]) - int64(c[0])
		acc1 |= int64(c[2]) - int64(c[1])
	}
	for ; i < len(s); i++ {
		acc0 |= int64(s[i]) - int64(s[i-1])
	}
	return acc0|acc1 >= 0
}

// maxCode returns the greatest element of s, 0 for none, reading eight
// bytes at a time.
func maxCode(s []uint8) uint8 {
	var m [8]uint8
	i := 0
	for ; i+8 <= len(s); i += 8 {
		c := s[i : i+8 : i+8]
		m[0], m[1], m[2], m[3] = max(m[0], c[0]), max(m[1], c[1]), max(m[2], c[2]), max(m[3], c[3])
		m[4], m[5], m[6], m[7] = max(m[4], c[4]), max(m[5], c[5]), max(m[6], c[6]), max(m[7], c[7])
	}
	for _, v := range s[i:] {
		m[0] = max(m[0], v)
	}
	return max(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7])
}
