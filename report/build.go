package report

import (
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/category"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/promo"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// Input is the data a review is computed from. Every field may be empty; a
// section whose data is missing is left out of the review with a note.
//
// Orders should include the history before the period: it tells new
// customers from returning ones, and it gives the previous period and the
// same period last year their numbers. A comparison period that the orders
// do not cover is shown as undefined, never as zero.
type Input struct {
	Store   string                  // the store's name, shown in the title
	Items   []inventory.Item        // the catalogue: names, categories, lead times; optional
	Orders  iter.Seq[metrics.Order] // all orders, in any order; read once (the review keeps no order's Lines: they may be reused for the next)
	Refunds []metrics.Refund        // refunds, dated when paid
	Events  iter.Seq[funnel.Event]  // tracked events, in time order per user; read once (the review keeps no event's Props: they may be reused for the next)
	// EventBatches are the same events as Events, held as columns in
	// batches (funnel.Events), in the same time order per user; read
	// once. It is the fast path of the pass over events: an event outside
	// the compared periods costs no string and no hash-table look-up.
	// Successive batches may share their dictionaries (each entry of a
	// shared Dict is then looked up once) and a batch may be reused after
	// the next one is asked for: the review keeps none. At most one of
	// Events, EventBatches and EventBatchesWithin may be set; more is a
	// *metrics.ConfigError.
	// A batch whose columns disagree in length is an error of the build;
	// numbers outside a batch's dictionaries are a programmer error, and
	// Build panics.
	EventBatches iter.Seq[*funnel.Events]
	// EventBatchesWithin is EventBatches for a source that can leave out
	// the properties of events the review does not read whole: the build
	// calls it once, with the periods whose events it needs with their
	// properties (the compared periods, and the attribution window before
	// the reviewed one: see [Config.EventPeriods]), and ranges over the
	// batches it returns as over EventBatches. The events outside those
	// periods may come without their properties; the review reads only
	// their user and time (the plan's daily visitors, the data's span).
	// storedata.Source.EventBatchesWithin is one: it does not look up the
	// property cells of the events it leaves bare, a sixth of a review of
	// 40M events over two years.
	EventBatchesWithin func(props []metrics.Period) iter.Seq[*funnel.Events]
	Spend              []metrics.Spend              // marketing spend by channel and day
	Targets            []metrics.Target             // targets of the period's KPIs
	Snapshots          iter.Seq[inventory.Snapshot] // end-of-day stock; read once
	// Counts are the numbers of records Orders, Events and Snapshots
	// yield, when known, for the totals of Config.Progress; optional.
	Counts     Counts
	Receipts   []inventory.Receipt
	Promotions []promo.Promotion
	Tickets    []service.Ticket
	// Rejected counts, per input file, the rows its reader rejected
	// before the review: each becomes a note of the Overview, so that the
	// page says what it left out.
	Rejected []Rejected
	// Customers are the customers' attributes (age or age band, gender,
	// city, region, city tier, labels) for the customer profile
	// (用户画像, Review.Profile), at most one record per customer ID;
	// buyers without a record count as unknown. Optional: without it the
	// review has no profile. Invalid records (profile.Index's problems)
	// fail the review, or under Config.BadRecords Skip are left out and
	// counted in a note of the customers section.
	Customers []profile.Customer
	// CompetitorPrices are competitors' daily prices of our SKUs (竞争数据),
	// for the market section (Review.Market); optional: without them the
	// section is not shown. Prices in another currency than the review's
	// are left out and counted in a note of the section; invalid ones
	// (market.Price.Validate) fail the review, or are left out and
	// counted under Config.BadRecords Skip.
	CompetitorPrices []market.Price
	// Members is the roster of the membership programme (会员), for the
	// membership part of the customers section; optional: without members
	// the part is absent. loyalty.Validate checks it with Points.
	Members []loyalty.Member
	// Points is the points ledger (积分流水): points issued, redeemed,
	// expired and adjusted, in any order. A redemption above its
	// customer's balance fails the review with a *loyalty.RecordError
	// naming the entry (its index here) and customer.
	Points []loyalty.Entry
	// Campaigns are the CRM campaigns (精准营销) to measure, with their
	// target lists (CampaignTargets: targeted customers and any randomised
	// holdout) and their coupon redemptions; see [Campaigns]. Optional:
	// without campaigns the part is absent.
	Campaigns       []campaign.Campaign
	CampaignTargets []campaign.Target
	Redemptions     []campaign.Redemption
}

// Rejected is the number of rows of one input file that its reader
// rejected (each reported by the reader with its line), and why. The
// review's data-quality note in the Overview says, per file, the rows read
// and rejected, one line per reason. report/storedata's Tally fills it
// from a reader's errors.
type Rejected struct {
	File string // such as "order_lines.csv"
	Rows int64  // rows rejected
	// Read is the number of data rows of the file read, rejected or not;
	// 0 when unknown.
	Read int64
	// Reasons counts the rejected rows by reason, such as
	// "column quantity" or "duplicate row"; they add up to Rows. Nil when
	// unknown: the note then gives Rows alone.
	Reasons map[string]int64
}

// Config configures [Build]. Only Period is required.
type Config struct {
	// Period is the period reviewed, such as a month from
	// [metrics.ParsePeriod]. Required.
	Period metrics.Period
	// Compare is the period compared with the reviewed one in the place
	// of the same period last year (同比): the KPIs' year-ago values and
	// changes, and Review.YearAgo. Use it for an event that does not
	// fall on the same dates each year, such as last year's 11.11 sale
	// against this year's. Defaults to Period.YearAgo().
	Compare metrics.Period
	// Currency is the currency of the review. When it is set, orders in
	// other currencies and their refunds are left out, and a note of the
	// Overview counts them per currency with their first IDs. Defaults to
	// the currency of the first order; orders in other currencies are then
	// a *[MixedCurrencyError].
	Currency money.Currency
	// BadRecords says what Build does with records that have a data
	// problem: inventory.Strict fails the review with a located error
	// (order or refund ID, user and time, SKU and day); inventory.Skip
	// leaves them out of every figure and counts them by problem, with the
	// first IDs of each, in notes of their section (the review's data
	// quality notes): invalid orders (metrics.ValidateOrder's problems, a
	// repeated order ID) and refunds (metrics.Validate's, and refunds of
	// orders that are not in the data, as exports such as UCI Online
	// Retail list cancellations without their invoice) in the Overview,
	// events out of time order or without their session ID in Traffic,
	// inventory snapshots and receipts (a negative on hand, an unknown
	// SKU, a quantity out of range; see inventory.Policy) in Products, and
	// tickets (service.TicketError's problems) in Service. Defaults to
	// inventory.Strict.
	BadRecords inventory.Policy
	// Rules produce the findings. Defaults to DefaultRules(Thresholds).
	Rules []Rule
	// Thresholds of the default rules. Defaults to the zero Thresholds,
	// which means the documented defaults.
	Thresholds Thresholds
	// Funnel is the funnel of section 2. Defaults to the steps page_view →
	// add_to_cart → checkout → purchase, counted per user with the
	// defaults of funnel.Config (a 24-hour window, ClickHouse's
	// windowFunnel semantics).
	Funnel funnel.Config
	// Sessions says how sessions are found for visits and bounces.
	// Defaults to splitting each user's events at gaps of more than 30
	// minutes; set Key to funnel.PropSession to use the tracker's session
	// IDs (the definitions prefer them when every event has one).
	Sessions funnel.SessionRule
	// Attribution says how each buyer is attributed to one traffic source
	// in the traffic section. Defaults to the last non-direct visit within
	// 30 days before the buyer's first purchase of the period.
	Attribution Attribution
	// TopN is the number of rows of the top-seller and similar lists.
	// Defaults to 10.
	TopN int
	// LTVMonths is the horizon of the review's LTV (of a new customer,
	// from acquisition) and predicted CLV (of the existing customers,
	// from the period's end), in average calendar months, the same
	// whatever the length of the period reviewed. Defaults to 12.
	LTVMonths int
	// CustomerModels are the purchase models the customer section fits
	// and chooses from (by holdout error on the latest 13 weeks when the
	// data span at least three times that, else by BIC), and whose choice
	// gives the active customers, the LTV and the predicted CLV. Defaults
	// to BG/NBD and MBG/NBD. Add clv.FamilyParetoNBD to compare the
	// Pareto/NBD too: its likelihood needs quadrature where β is weakly
	// identified, which on a year of demo data takes seconds per fit
	// (about 25 s for a review, against under 2 s without it).
	CustomerModels []clv.Family
	// ChannelGroups maps a channel (the key of Spend.Channel,
	// Order.Channel and the events' source) to its group in the channels
	// section, such as "paid_search". A channel it does not name takes
	// its group from [DefaultChannelGroups], and a channel neither names
	// is a group of its own. A group is paid when one of its channels
	// has spend in the period, organic otherwise. Defaults to
	// [DefaultChannelGroups].
	ChannelGroups map[string]string
	// AgeBands turn the customers' ages into the age bands of the
	// customer profile (Review.Profile); an age band given in the data is
	// kept as written. Bounds that are not strictly increasing and
	// positive are a *metrics.ConfigError. Defaults to <18, 18-24, 25-34,
	// 35-44, 45-54, 55+ (profile.DefaultAgeBounds).
	AgeBands profile.AgeBands
	// Market configures the market section (Input.CompetitorPrices): its
	// Above is the margin over the market price beyond which a SKU is
	// priced above the market. Defaults to the zero market.Config, whose
	// Above means 5 %.
	Market market.Config
	// DetailMinViewers is the fewest viewers a SKU's detail page needs in
	// the period and in the previous period for the products section to
	// test the change of its view-to-cart (report.DetailPages): below it,
	// a change is mostly noise. Defaults to 100.
	DetailMinViewers int64
	// PointValue is the value of one loyalty point in the review's
	// currency, for the points liability of the membership part
	// (outstanding points × PointValue). Defaults to 0.01 of the
	// currency: 100 points = 1 unit, as Tmall's points (天猫积分).
	PointValue money.Money
	// Categories is the significance guard of the category pairs and of
	// the changes of penetration in the products section's category part
	// (metrics/category: the fewest co-buyers of a pair, the false
	// discovery rate, the pairs shown). Defaults to the zero
	// category.Config: 30 co-buyers, 5 %, 10 pairs.
	Categories category.Config
	// Progress, when set, is called with how far BuildContext has come
	// (see [Progress]), from the goroutine that runs it, at most about
	// every 100 ms within a phase. It must return quickly: the build
	// waits for it. Defaults to none.
	Progress func(Progress)
	// Logger, when set, receives every note of the review (data left out,
	// parts not computed: Review.Notes) as a record at level Warn, with
	// the section, the key, the reason, the count of records left out
	// and the IDs of the first of them (record_ids) as attributes, when
	// the build ends. Defaults to none.
	Logger *slog.Logger
}

// ErrNoPeriod is returned by [Build] when Config.Period is zero.
var ErrNoPeriod = errors.New("report: no period to review")

// MixedCurrencyError reports a store whose orders are in more than one
// currency when Config.Currency does not say which to review: orders in
// other currencies than the first order's. A review is in one currency;
// choose it with Config.Currency (the other orders are then left out and
// counted), once per currency for a review of each. It is not a
// *money.MismatchError, which is about two amounts, but it wraps the same
// sentinel.
type MixedCurrencyError struct {
	Want   money.Currency              // the review's currency: the first order's
	Orders map[money.Currency]int64    // orders per other currency
	First  map[money.Currency][]string // the IDs of the first orders of each, at most three
}

func (e *MixedCurrencyError) Error() string {
	var b strings.Builder
	b.WriteString("report: orders in other currencies than the first order's " + e.Want.Code() + ": ")
	for i, c := range slices.SortedFunc(maps.Keys(e.Orders), money.Currency.Compare) {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d in %s (%s)", e.Orders[c], c.Code(), strings.Join(e.First[c], ", "))
	}
	b.WriteString("; a review is in one currency: set Config.Currency to the one to review, and the others are left out and counted")
	return b.String()
}

// otherOrders counts the orders of one currency that a review leaves out.
type otherOrders struct {
	n     int64
	first []string // at most three IDs
}

// firstIDs is how many order IDs a note or error quotes per currency.
const firstIDs = 3

// Unwrap returns [money.ErrCurrencyMismatch].
func (e *MixedCurrencyError) Unwrap() error { return money.ErrCurrencyMismatch }

// span tracks the first and last time seen in a stream of data.
type span struct{ first, last time.Time }

func (s *span) see(t time.Time) {
	if s.first.IsZero() || t.Before(s.first) {
		s.first = t
	}
	if t.After(s.last) {
		s.last = t
	}
}

// covers reports whether data spanning s reaches back to p: its first
// record is on p's first day or before. Comparison periods lie before the
// reviewed one, so data that starts in time covers them; a period the data
// does not reach has undefined numbers, not zeros.
// coverage notes, in section sec, that the data spanning s does not cover
// the comparison period i, with the day the data starts in the period's
// time zone, so the page says why its comparison is n/a.
func (b *builder) coverage(sec Section, s span, i int) {
	if s.first.IsZero() || s.covers(b.periods[i]) {
		return
	}
	key := "prev_coverage"
	if i == pYear {
		key = "year_coverage"
	}
	day := s.first.In(b.periods[i].Start.Location()).Format(time.DateOnly)
	b.notes = append(b.notes, Note{Section: sec, Key: key, Reason: day})
}

func (s span) covers(p metrics.Period) bool { return s.coversFrom(p.Start) }

// coversFrom reports whether the data spanning s start by the day of t:
// on that day or before it.
func (s span) coversFrom(t time.Time) bool {
	return !s.first.IsZero() && s.first.Before(t.AddDate(0, 0, 1))
}
