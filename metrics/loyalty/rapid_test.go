package loyalty_test

import (
	"bytes"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
)

var customers = []string{"a", "b", "c", "d", "e", "f"}

// genTime draws a time from 60 days before December 2025 to 10 days after.
func genTime(t *rapid.T, label string) time.Time {
	return day("2025-10-02").Add(time.Duration(rapid.IntRange(0, 100*24).Draw(t, label)) * time.Hour)
}

func genMembers(t *rapid.T) []loyalty.Member {
	var out []loyalty.Member
	for _, c := range customers {
		if !rapid.Bool().Draw(t, "member") {
			continue
		}
		m := loyalty.Member{CustomerID: c, Level: rapid.SampledFrom([]string{"", "gold", "silver"}).Draw(t, "level"), Joined: genTime(t, "joined")}
		if rapid.IntRange(0, 3).Draw(t, "left") == 0 {
			m.Left = m.Joined.Add(time.Duration(rapid.IntRange(1, 60*24).Draw(t, "stay")) * time.Hour)
		}
		out = append(out, m)
	}
	return out
}

// genLedger draws a valid ledger: each customer's entries in time order
// keep the balance at or above zero.
func genLedger(t *rapid.T) []loyalty.Entry {
	n := rapid.IntRange(0, 40).Draw(t, "entries")
	balance := map[string]int64{}
	var out []loyalty.Entry
	times := make([]time.Time, n)
	for i := range times {
		times[i] = genTime(t, "at")
	}
	slices.SortFunc(times, time.Time.Compare)
	for i := range times { // no two at the same time, which shuffling would reorder
		times[i] = times[i].Add(time.Duration(i) * time.Second)
	}
	for i := range n {
		c := rapid.SampledFrom(customers).Draw(t, "customer")
		e := loyalty.Entry{CustomerID: c, At: times[i], Kind: loyalty.Kind(rapid.IntRange(1, 4).Draw(t, "kind"))}
		switch {
		case e.Kind == loyalty.Issued:
			e.Points = rapid.Int64Range(1, 5000).Draw(t, "points")
		case e.Kind == loyalty.Adjusted:
			e.Points = rapid.Int64Range(-balance[c], 500).Draw(t, "points")
			if e.Points == 0 {
				e.Points = 1
			}
		case balance[c] == 0:
			continue
		default:
			e.Points = rapid.Int64Range(1, balance[c]).Draw(t, "points")
		}
		balance[c] += e.Signed()
		out = append(out, e)
	}
	// Shuffle: the Tracker takes entries in any order.
	for i := len(out) - 1; i > 0; i-- {
		j := rapid.IntRange(0, i).Draw(t, "swap")
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func genOrders(t *rapid.T) []metrics.Order {
	n := rapid.IntRange(0, 30).Draw(t, "orders")
	out := make([]metrics.Order, n)
	for i := range out {
		c := rapid.SampledFrom(append([]string{""}, customers...)).Draw(t, "buyer")
		cents := rapid.Int64Range(0, 100000).Draw(t, "cents")
		out[i] = order("o"+strconv.Itoa(i), c, "2025-10-01T00:00", "0")
		out[i].PlacedAt = genTime(t, "placed")
		out[i].Lines[0].UnitPrice = cny.FromMinor(cents)
		if rapid.IntRange(0, 9).Draw(t, "cancel") == 0 {
			out[i].Status = metrics.Cancelled
		}
	}
	return out
}

func track(t *rapid.T, ms []loyalty.Member, es []loyalty.Entry, os []metrics.Order) *loyalty.Tracker {
	tr := &loyalty.Tracker{Period: december}
	for _, m := range ms {
		if err := tr.AddMember(m); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range es {
		if err := tr.AddEntry(e); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range os {
		if err := tr.AddOrder(o); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

func encode(t *rapid.T, tr *loyalty.Tracker) []byte {
	b, err := tr.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The ledger adds up: outstanding = opening + issued − redeemed − expired
// ± adjusted, and equals the sum of the balances of a direct replay of
// the entries before the period's end; a valid ledger passes Validate;
// the liability is outstanding × point value, exactly.
func TestPropLedger(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		es := genLedger(t)
		if err := loyalty.Validate(nil, es); err != nil {
			t.Fatalf("a valid ledger: %v", err)
		}
		tr := track(t, nil, es, nil)
		tr.PointValue = must(cny.FromDecimal(decimal.New(rapid.Int64Range(1, 1000).Draw(t, "value"), -3)))
		p := tr.Summary().Points
		if p.Outstanding != p.Opening+p.Issued-p.Redeemed-p.Expired+p.Adjusted {
			t.Fatalf("outstanding %d ≠ %d + %d − %d − %d + %d", p.Outstanding, p.Opening, p.Issued, p.Redeemed, p.Expired, p.Adjusted)
		}
		var replay, opening, holders int64
		bal := map[string]int64{}
		for _, e := range es {
			if e.At.Before(december.End) {
				replay += e.Signed()
				bal[e.CustomerID] += e.Signed()
			}
			if e.At.Before(december.Start) {
				opening += e.Signed()
			}
		}
		for _, v := range bal {
			if v < 0 {
				t.Fatalf("negative balance %d in a valid ledger", v)
			}
			if v > 0 {
				holders++
			}
		}
		if replay != p.Outstanding || opening != p.Opening || holders != p.Holders {
			t.Fatalf("replay: outstanding %d opening %d holders %d; Summary %+v", replay, opening, holders, p)
		}
		want := decimal.NewFromInt(p.Outstanding).Mul(tr.PointValue.Decimal())
		if !p.Liability.Decimal().Equal(want) || p.Liability.Currency() != cny {
			t.Fatalf("liability %v, want %v", p.Liability, want)
		}
	})
}

// A redemption above the balance is found, at the entry that makes it.
func TestPropOverdraw(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		es := genLedger(t)
		c := rapid.SampledFrom(customers).Draw(t, "customer")
		var bal int64
		for _, e := range es {
			if e.CustomerID == c {
				bal += e.Signed()
			}
		}
		es = append(es, loyalty.Entry{CustomerID: c, At: day("2026-06-01"), Kind: loyalty.Redeemed, Points: bal + rapid.Int64Range(1, 9).Draw(t, "over")})
		err := loyalty.Validate(nil, es)
		if err == nil {
			t.Fatal("overdraw not found")
		}
		want := `loyalty: entry ` + strconv.Itoa(len(es)-1) + ` of customer "` + c + `"`
		if !bytes.Contains([]byte(err.Error()), []byte(want)) {
			t.Fatalf("error %v does not name %s", err, want)
		}
	})
}

// Shares lie in [0, 1], the groups partition the buyers and sales, the
// levels add up to the members, and members at the end = at the start +
// new − left.
func TestPropShares(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := track(t, genMembers(t), nil, genOrders(t)).Summary()
		for name, r := range map[string]metrics.Ratio{"sales": s.SalesShare, "buyers": s.BuyerShare, "active": s.ActiveRate,
			"member repurchase": s.Member.Repurchase, "non-member repurchase": s.NonMember.Repurchase} {
			if v, ok := r.Value(); ok && !(v >= 0 && v <= 1) {
				t.Fatalf("%s share %v", name, v)
			}
		}
		if s.Members != s.AtStart+s.New-s.Left {
			t.Fatalf("members %d ≠ %d + %d − %d", s.Members, s.AtStart, s.New, s.Left)
		}
		var l loyalty.Level
		l.Sales = s.Currency.Zero()
		for _, x := range s.Levels {
			l.Members += x.Members
			l.AtStart += x.AtStart
			l.New += x.New
			l.Active += x.Active
			l.Buyers += x.Buyers
			l.Orders += x.Orders
			l.Sales, _ = l.Sales.Add(x.Sales)
		}
		if l.Members != s.Members || l.AtStart != s.AtStart || l.New != s.New || l.Active != s.Active ||
			l.Buyers != s.Member.Buyers || l.Orders != s.Member.Orders || !l.Sales.Equal(s.Member.Sales) {
			t.Fatalf("levels add up to %+v, summary %+v", l, s)
		}
	})
}

// Merging the trackers of two shards of customers gives what one tracker
// of everything gives, down to the encoding; an encoding decodes to the
// same tracker.
func TestPropMergeEqualsDirect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ms, es, os := genMembers(t), genLedger(t), genOrders(t)
		shard := map[string]bool{}
		for _, c := range customers {
			shard[c] = rapid.Bool().Draw(t, "shard")
		}
		split := func(id string) bool { return shard[id] }
		var ms2 []loyalty.Member
		var es2 []loyalty.Entry
		var os2 []metrics.Order
		ms1 := slices.DeleteFunc(slices.Clone(ms), func(m loyalty.Member) bool {
			if split(m.CustomerID) {
				ms2 = append(ms2, m)
			}
			return split(m.CustomerID)
		})
		es1 := slices.DeleteFunc(slices.Clone(es), func(e loyalty.Entry) bool {
			if split(e.CustomerID) {
				es2 = append(es2, e)
			}
			return split(e.CustomerID)
		})
		// Orders, unlike members, may go to either shard.
		for _, o := range os {
			if rapid.Bool().Draw(t, "order shard") {
				os2 = append(os2, o)
			}
		}
		os1 := slices.DeleteFunc(slices.Clone(os), func(o metrics.Order) bool {
			return slices.ContainsFunc(os2, func(x metrics.Order) bool { return x.ID == o.ID })
		})
		direct := track(t, ms, es, os)
		a, b := track(t, ms1, es1, os1), track(t, ms2, es2, os2)
		if err := a.Merge(b); err != nil {
			t.Fatal(err)
		}
		want, got := direct.Summary(), a.Summary()
		if !bytes.Equal(encode(t, direct), encode(t, a)) {
			t.Fatalf("merged encoding differs from direct:\n%+v\n%+v", want, got)
		}
		var back loyalty.Tracker
		if err := back.UnmarshalBinary(encode(t, direct)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(encode(t, &back), encode(t, direct)) {
			t.Fatalf("decoded tracker encodes differently:\n%v\n%v", encode(t, &back), encode(t, direct))
		}
	})
}
