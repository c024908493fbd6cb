package money

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Money is an exact amount of one currency.
//
// The amount is a decimal number: it is never a binary floating-point value
// and it keeps every decimal it is given (12.345 CNY stays 12.345 until it is
// rounded with [Money.Round]). Money is an immutable value; it is safe to
// copy and share between goroutines.
//
// The zero Money has no currency and a zero amount. It is the additive
// identity for every currency: Money{}.Add(m) and m.Add(Money{}) give m.
// Any other operation that combines two currencies returns a
// *[MismatchError].
type Money struct {
	// The amount is coef × 10^exp, or big × 10^exp when big is not nil,
	// with big, exp and the currency in *h (nil for the zero Money).
	// Constructors keep exp at -digits whenever the coefficient allows it, and
	// every amount of whole minor units of a currency shares that currency's
	// one header, so that Sum's fast path is one pointer comparison and Money
	// is two words.
	coef int64
	h    *moneyHdr
}

type moneyHdr struct {
	big *big.Int
	exp int32
	cur Currency
}

// mk returns coef × 10^exp (or big × 10^exp) in c.
func mk(coef int64, exp int32, big *big.Int, c Currency) Money {
	if big == nil && exp == -c.digits() {
		if h := stdHeader(c); h != nil {
			return Money{coef: coef, h: h}
		}
	}
	return Money{coef: coef, h: &moneyHdr{big: big, exp: exp, cur: c}}
}

// c returns the currency, e the exponent and b the big coefficient of m.
func (m Money) c() Currency {
	if m.h == nil {
		return Currency{}
	}
	return m.h.cur
}

func (m Money) e() int32 {
	if m.h == nil {
		return 0
	}
	return m.h.exp
}

func (m Money) b() *big.Int {
	if m.h == nil {
		return nil
	}
	return m.h.big
}

// New parses a decimal amount such as "12.30" or "-0.5" in the currency with
// the given ISO 4217 code.
//
// The amount is an optional sign, digits and an optional decimal point
// followed by digits: ".5" and "39." are not amounts. Exponents, grouping separators ("1,234"), decimal
// commas ("12,30"), spaces and empty strings are rejected with a *[NumError]
// wrapping [ErrSyntax]. Amounts whose whole minor units (cents for CNY) do
// not fit in an int64 are rejected with [ErrRange], and so, to bound the
// work, are well-formed amounts longer than 64 characters. An unknown code
// gives a *[CurrencyError].
func New(amount, code string) (Money, error) {
	cur, err := ParseCurrency(code)
	if err != nil {
		return Money{}, err
	}
	return cur.Parse(amount)
}

// MustNew is like [New] but panics on error. It is meant for literals in
// examples and tests, never for data.
func MustNew(amount, code string) Money {
	m, err := New(amount, code)
	if err != nil {
		panic(err)
	}
	return m
}

// NewFromMinor returns units minor units (cents for CNY, yen for JPY) of the
// currency with the given code.
func NewFromMinor(units int64, code string) (Money, error) {
	cur, err := ParseCurrency(code)
	if err != nil {
		return Money{}, err
	}
	return cur.FromMinor(units), nil
}

// NewFromDecimal returns the amount d in the currency with the given code.
// It returns a *[NumError] wrapping [ErrRange] if the whole minor units of d
// do not fit in an int64.
func NewFromDecimal(d decimal.Decimal, code string) (Money, error) {
	cur, err := ParseCurrency(code)
	if err != nil {
		return Money{}, err
	}
	return cur.FromDecimal(d)
}

// Zero returns a zero amount of c.
func (c Currency) Zero() Money { return mk(0, -c.digits(), nil, c) }

// FromMinor returns units minor units of c. For the zero Currency it
// returns an amount without a currency, which [Money.Add] combines with no
// currency and [Sum] keeps apart under the zero Currency.
func (c Currency) FromMinor(units int64) Money {
	return mk(units, -c.digits(), nil, c)
}

// FromDecimal returns the amount d in c. It returns a *[NumError] wrapping
// [ErrRange] if the whole minor units of d do not fit in an int64, and a
// *[CurrencyError] if c is the zero Currency and d is not zero (a zero d
// gives the zero Money).
func (c Currency) FromDecimal(d decimal.Decimal) (Money, error) {
	if c.IsZero() {
		if d.Sign() != 0 {
			return Money{}, &CurrencyError{}
		}
		return Money{}, nil
	}
	m := fromDecimal(d, c)
	if !m.inRange() {
		return Money{}, &NumError{Func: "FromDecimal", Input: decString(d), Err: ErrRange}
	}
	return m, nil
}

// decString returns d as text, in exponent form when it would be long.
func decString(d decimal.Decimal) string {
	if e := d.Exponent(); e > 64 || e < -64 {
		return d.Coefficient().String() + "e" + itoa(int64(e))
	}
	return d.String()
}

// Parse parses a decimal amount in c, with the rules of [New]. For the
// zero Currency only a zero amount parses, to the zero Money; any other
// gives a *[CurrencyError].
func (c Currency) Parse(s string) (Money, error) {
	m, err := c.parse(s)
	if err == nil && c.IsZero() {
		if !m.IsZero() {
			return Money{}, &CurrencyError{}
		}
		return Money{}, nil
	}
	return m, err
}

func (c Currency) parse(s string) (Money, error) {
	const fn = "Parse"
	if len(s) == 0 {
		return Money{}, &NumError{Func: fn, Input: s, Err: ErrSyntax}
	}
	if len(s) > 64 {
		if !plainDecimal(s) {
			return Money{}, &NumError{Func: fn, Input: s, Err: ErrSyntax}
		}
		return Money{}, &NumError{Func: fn, Input: s, Err: ErrRange}
	}
	i := 0
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i++
	}
	var coef uint64
	var bigCoef *big.Int
	digits, frac := 0, 0
	dot := false
	for ; i < len(s); i++ {
		ch := s[i]
		if ch == '.' {
			if dot {
				return Money{}, &NumError{Func: fn, Input: s, Err: ErrSyntax}
			}
			dot = true
			continue
		}
		if ch < '0' || ch > '9' {
			return Money{}, &NumError{Func: fn, Input: s, Err: ErrSyntax}
		}
		digits++
		if dot {
			frac++
		}
		d := uint64(ch - '0')
		if bigCoef == nil {
			hi, lo := bits.Mul64(coef, 10)
			lo, carry := bits.Add64(lo, d, 0)
			if hi == 0 && carry == 0 && lo <= math.MaxInt64 {
				coef = lo
				continue
			}
			bigCoef = new(big.Int).SetUint64(coef)
		}
		bigCoef.Mul(bigCoef, big10)
		bigCoef.Add(bigCoef, big.NewInt(int64(d)))
	}
	if digits == 0 || digits == frac || dot && frac == 0 {
		// No digits, none before the point (".5") or none after it ("39.").
		return Money{}, &NumError{Func: fn, Input: s, Err: ErrSyntax}
	}
	if bigCoef == nil && int32(frac) <= c.digits() {
		// The common case, such as "12.30": whole minor units in an int64.
		v, ok := mulPow10(int64(coef), c.digits()-int32(frac))
		if !ok {
			return Money{}, &NumError{Func: fn, Input: s, Err: ErrRange}
		}
		if neg {
			v = -v
		}
		return mk(v, -c.digits(), nil, c), nil
	}
	var d decimal.Decimal
	if bigCoef != nil {
		if neg {
			bigCoef.Neg(bigCoef)
		}
		d = decimal.NewFromBigInt(bigCoef, -int32(frac))
	} else {
		v := int64(coef)
		if neg {
			v = -v
		}
		d = decimal.New(v, -int32(frac))
	}
	m := fromDecimal(d, c)
	if !m.inRange() {
		return Money{}, &NumError{Func: fn, Input: s, Err: ErrRange}
	}
	return m, nil
}

// plainDecimal reports whether s has the syntax [New] accepts.
func plainDecimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '.':
			dots++
		case s[i] >= '0' && s[i] <= '9':
			digits++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

var big10 = big.NewInt(10)

// pow10 holds 10^0 … 10^18, the powers of ten that fit in an int64.
var pow10 = [19]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// mulPow10 returns v × 10^k and whether it fits in an int64.
func mulPow10(v int64, k int32) (int64, bool) {
	if k == 0 {
		return v, true // the common case (Minor of whole minor units): skip the division below
	}
	if k < 0 || k > 18 {
		return 0, v == 0 && k >= 0
	}
	p := pow10[k]
	r := v * p
	if v != 0 && (r/p != v || (v == -1 && p == -1)) {
		return 0, false
	}
	return r, true
}

// fromDecimal converts d to the internal form, with the exponent at
// -digits where the coefficient allows it.
func fromDecimal(d decimal.Decimal, c Currency) Money {
	target := -c.digits()
	exp := d.Exponent()
	if d.NumDigits() <= 18 {
		v := d.CoefficientInt64()
		return normSmall(v, exp, c)
	}
	// Strip trailing zeros down to the currency scale, then try int64 again.
	bi := d.Coefficient()
	var q, r big.Int
	for exp < target {
		q.QuoRem(bi, big10, &r)
		if r.Sign() != 0 {
			break
		}
		bi.Set(&q)
		exp++
	}
	if bi.IsInt64() {
		return normSmall(bi.Int64(), exp, c)
	}
	return mk(0, exp, bi, c)
}

// normSmall puts coef × 10^exp at the currency scale when it can.
func normSmall(coef int64, exp int32, c Currency) Money {
	target := -c.digits()
	if coef == 0 {
		return mk(0, target, nil, c)
	}
	if exp > target {
		shift := int64(exp) - int64(target) // in int64: exp may be near the int32 limit
		if shift <= 18 {
			if v, ok := mulPow10(coef, int32(shift)); ok {
				return mk(v, target, nil, c)
			}
		}
		if shift > 38 {
			// Far beyond any int64 of minor units: keep the exponent
			// rather than build a huge coefficient.
			return mk(0, exp, big.NewInt(coef), c)
		}
		b := new(big.Int).Mul(big.NewInt(coef), new(big.Int).Exp(big10, big.NewInt(shift), nil))
		return mk(0, target, b, c)
	}
	for exp < target && coef%10 == 0 {
		coef /= 10
		exp++
	}
	return mk(coef, exp, nil, c)
}

// inRange reports whether the whole minor units of m fit in an int64.
func (m Money) inRange() bool {
	if m.b() == nil {
		if m.e() <= -m.c().digits() {
			return true // the whole part of coef × 10^(exp+digits) is smaller than coef
		}
		_, ok := mulPow10(m.coef, m.e()+m.c().digits())
		return ok
	}
	if int64(m.e())+int64(m.c().digits()) > 18 {
		return m.b().Sign() == 0 // a non-zero coefficient times 10^19 or more
	}
	d := m.Decimal().Shift(m.c().digits()).Truncate(0)
	return d.BigInt().IsInt64()
}

// Decimal returns the amount as a decimal.Decimal.
func (m Money) Decimal() decimal.Decimal {
	if m.b() != nil {
		return decimal.NewFromBigInt(m.b(), m.e())
	}
	return decimal.New(m.coef, m.e())
}

// Currency returns the currency of m; the zero Currency for the zero Money.
func (m Money) Currency() Currency { return m.c() }

// Minor returns the amount in minor units and true when it is a whole number
// of minor units that fits in an int64; otherwise it returns 0 and false
// (round the amount first with [Money.Round]).
func (m Money) Minor() (int64, bool) {
	if m.b() != nil {
		return 0, false
	}
	return mulPow10(m.coef, m.e()+m.c().digits())
}

// Sign returns -1, 0 or +1 as the amount is negative, zero or positive.
func (m Money) Sign() int {
	if m.b() != nil {
		return m.b().Sign()
	}
	switch {
	case m.coef < 0:
		return -1
	case m.coef > 0:
		return 1
	}
	return 0
}

// IsZero reports whether the amount is zero, in any currency.
func (m Money) IsZero() bool { return m.Sign() == 0 }

// IsPositive reports whether the amount is greater than zero.
func (m Money) IsPositive() bool { return m.Sign() > 0 }

// IsNegative reports whether the amount is less than zero.
func (m Money) IsNegative() bool { return m.Sign() < 0 }

// Equal reports whether m and o have the same currency and the same amount
// (12.3 and 12.30 are equal). Amounts of different currencies are never
// equal, and the zero Money is equal only to itself.
func (m Money) Equal(o Money) bool {
	if m.c() != o.c() {
		return false
	}
	if m.b() == nil && o.b() == nil && m.e() == o.e() {
		return m.coef == o.coef
	}
	return m.Decimal().Equal(o.Decimal())
}

// match returns the common currency of m and o, treating the zero Money as
// neutral, or a *MismatchError.
func match(m, o Money) (Currency, error) {
	switch {
	case m.c() == o.c():
		return m.c(), nil
	case m.c().IsZero() && m.IsZero():
		return o.c(), nil
	case o.c().IsZero() && o.IsZero():
		return m.c(), nil
	}
	return Currency{}, &MismatchError{A: m, B: o}
}

// Cmp compares m and o: -1 if m < o, 0 if equal, +1 if m > o. It returns a
// *[MismatchError] if the currencies differ (a zero Money compares with any).
func (m Money) Cmp(o Money) (int, error) {
	if _, err := match(m, o); err != nil {
		return 0, err
	}
	if m.b() == nil && o.b() == nil && m.e() == o.e() {
		switch {
		case m.coef < o.coef:
			return -1, nil
		case m.coef > o.coef:
			return 1, nil
		}
		return 0, nil
	}
	return m.Decimal().Cmp(o.Decimal()), nil
}

// Add returns m + o. It returns a *[MismatchError] if the currencies differ;
// the zero Money adds to any currency.
func (m Money) Add(o Money) (Money, error) {
	c, err := match(m, o)
	if err != nil {
		return Money{}, err
	}
	return add(m, o, c), nil
}

// add returns m + o in c, their common currency as match gives it (the
// caller has it: two amounts of one currency, or one the zero Money).
func add(m, o Money, c Currency) Money {
	if m.c().IsZero() && m.IsZero() {
		return o
	}
	if o.c().IsZero() && o.IsZero() {
		return m
	}
	if m.b() == nil && o.b() == nil && m.e() == o.e() {
		r := m.coef + o.coef
		if (r^m.coef)&(r^o.coef) >= 0 {
			return mk(r, m.e(), nil, c)
		}
	}
	return fromDecimal(m.Decimal().Add(o.Decimal()), c)
}

// Sub returns m − o. It returns a *[MismatchError] if the currencies differ.
func (m Money) Sub(o Money) (Money, error) {
	return m.Add(o.Neg())
}

// Neg returns −m.
func (m Money) Neg() Money {
	if m.b() == nil && m.coef != math.MinInt64 {
		m.coef = -m.coef // the header is shared and immutable: only coef changes
		return m
	}
	return fromDecimal(m.Decimal().Neg(), m.c())
}

// Abs returns |m|.
func (m Money) Abs() Money {
	if m.Sign() < 0 {
		return m.Neg()
	}
	return m
}

// Mul returns m × q, for a quantity q (units × unit price).
func (m Money) Mul(q int64) Money {
	if m.b() == nil {
		hi, lo := bits.Mul64(uint64(abs64(m.coef)), uint64(abs64(q)))
		if hi == 0 && lo <= math.MaxInt64 && m.coef != math.MinInt64 && q != math.MinInt64 {
			r := int64(lo)
			if (m.coef < 0) != (q < 0) {
				r = -r
			}
			return mk(r, m.e(), nil, m.c())
		}
	}
	return fromDecimal(m.Decimal().Mul(decimal.NewFromInt(q)), m.c())
}

// MulRate returns m × r exactly, for a decimal rate such as a tax rate or
// a discount of 0.15. The product keeps all its decimals; round it with
// [Money.Round] when a payable amount is needed.
func (m Money) MulRate(r decimal.Decimal) Money {
	return fromDecimal(m.Decimal().Mul(r), m.c())
}

// Div returns m / n rounded to the currency's minor units with mode, and
// false when n is zero. It is meant for averages such as AOV, which are
// money per order.
func (m Money) Div(n int64, mode RoundingMode) (Money, bool) {
	if n == 0 {
		return Money{}, false
	}
	q := new(big.Rat).Mul(m.Decimal().Rat(), big.NewRat(1, n))
	return fromDecimal(roundRat(q, m.c().digits(), mode), m.c()), true
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// String returns the currency code and the amount with at least the
// currency's minor digits, such as "CNY 12.30" or "JPY 1500". Extra decimals
// are kept: "CNY 0.125". The zero Money prints as "0".
func (m Money) String() string {
	if m.c().IsZero() {
		return m.Amount()
	}
	return m.c().Code() + " " + m.Amount()
}

// Amount returns the amount as a plain decimal string with at least the
// currency's minor digits ("12.30"), the form used in JSON and CSV.
func (m Money) Amount() string {
	places := m.c().digits()
	if -m.e() > places {
		places = -m.e()
	}
	return m.Decimal().StringFixed(places)
}

// Common returns the currency that a and b share. The zero Money goes with
// any currency, so Common of the zero Money and an amount of CNY is CNY. It
// returns a *[MismatchError] when a and b are non-zero amounts, or amounts of
// two currencies.
func Common(a, b Money) (Currency, error) { return match(a, b) }

// MinorIn returns m in minor units of c, and true, when m is an amount of c
// that is a whole number of minor units held in an int64, or the zero Money
// (0, true). Otherwise it returns 0 and false: an amount of another
// currency, one with more decimals than c allows, or one beyond the int64
// range. It is the fast path of exact accumulators and allocates nothing.
func (m Money) MinorIn(c Currency) (int64, bool) {
	h := m.h
	if h == nil { // the zero Money
		return 0, true
	}
	if h.big == nil && h.cur == c && h.exp == -c.digits() {
		return m.coef, true
	}
	if h.cur != c {
		return 0, false
	}
	return m.Minor()
}
