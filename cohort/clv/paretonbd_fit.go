package clv

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// pnbdPairs indexes the distinct (x, time) pairs of the rows, so that a
// likelihood pass evaluates the hypergeometric term of A0 once per pair
// rather than twice per row: with day-resolution data a million customers
// have a few tens of thousands of pairs.
type pnbdPairs struct {
	x, u    []float64 // the pairs
	pt, ptx []int32   // each row's pair for T and for t_x
	val     []float64 // per pair: term(u) and its gradient, 5 values
}

func (d *data) pnbdPairs() *pnbdPairs {
	p := &pnbdPairs{pt: make([]int32, len(d.x)), ptx: make([]int32, len(d.x))}
	nt := int64(len(d.ut))
	index := make(map[int64]int32)
	pair := func(i int, ti int32) int32 {
		k := int64(d.xi[i])*nt + int64(ti)
		if j, ok := index[k]; ok {
			return j
		}
		j := int32(len(p.x))
		index[k] = j
		p.x, p.u = append(p.x, d.x[i]), append(p.u, d.ut[ti])
		return j
	}
	for i := range d.x {
		p.pt[i], p.ptx[i] = pair(i, d.ti[i]), pair(i, d.txi[i])
	}
	p.val = make([]float64, 5*len(p.x))
	return p
}

// pnbdLL returns the weighted Pareto/NBD log-likelihood (Fader and Hardie's
// note, eq. 22) and, if g is non-nil, its analytic gradient with respect to
// (r, α, s, β). The hypergeometric terms of A0 and their derivatives come
// from one series per distinct (x, time) pair ([hyp2f1Ap1Grad]); rows
// whose terms do not converge or cancel use [ParetoNBD.logBracket] (with its
// quadrature fallback) and central differences of it.
func (d *data) pnbdLL(pp *pnbdPairs, th, g []float64) float64 {
	m := ParetoNBD{th[0], th[1], th[2], th[3]}
	r, alpha, s, beta := m.R, m.Alpha, m.S, m.Beta
	la, lb := ln(alpha), ln(beta)
	ll := 0.0
	var gr, ga, gs, gb float64
	lgr := lgamma(r)
	psir := 0.0
	if g != nil {
		psir = mathext.Digamma(r)
	}
	for k, x := range d.ux {
		w := d.uw[k]
		ll += w * (lgamma(r+x) - lgr + r*la + s*lb)
		if g != nil {
			gr += w * (mathext.Digamma(r+x) - psir + la)
			ga += w * r / alpha
			gs += w * lb
			gb += w * s / beta
		}
	}
	// term(u) = log 2F1(a, b; a+1; z) − a·log(ρ+u) per pair, with its
	// gradient; NaN marks a pair whose series did not converge.
	ageb := alpha >= beta
	diff := math.Abs(alpha - beta)
	for j, x := range pp.x {
		u := pp.u[j]
		a := r + s + x
		v := pp.val[5*j : 5*j+5]
		// Heavy buyers on the β form (or near z = 1): the series needs
		// about (r+x)·z/(1−z) terms, the Laguerre rule 32 nodes.
		if r+x >= 50 && (!ageb || diff/(alpha+u) > 0.9) && pnbdTailTerm(r, alpha, s, beta, x, u, v) {
			if g == nil {
				v[1], v[2], v[3], v[4] = 0, 0, 0, 0
			}
			continue
		}
		// The α form, 2F1(a, s+1; a+1; (α−β)/(α+u)), has a small b; for
		// α < β its argument is negative and its series alternates, but
		// while |z| ≤ 1/2 it converges fast where the β form, with b =
		// r+x, needs about (r+x)·z/(1−z) terms for heavy buyers.
		useAlpha := ageb
		var lf, da, db, dz float64
		ok := false
		if !ageb && beta-alpha <= (alpha+u)/2 && (r+x)*(beta-alpha)/(beta+u) > 10 {
			lf, da, db, dz, ok = hyp2f1Ap1Series(a, s+1, (alpha-beta)/(alpha+u))
			useAlpha = ok
		}
		var rho, b float64
		if useAlpha {
			rho, b = alpha, s+1
		} else {
			rho, b = beta, r+x
		}
		if !ok {
			lf, da, db, dz, ok = hyp2f1Ap1Grad(a, b, diff/(rho+u))
		}
		if !ok {
			v[0] = math.NaN()
			continue
		}
		lr := ln(rho + u)
		v[0] = lf - a*lr
		if g == nil {
			continue
		}
		dA := da - lr // ∂/∂a, through r and s
		if useAlpha {
			// z = (α−β)/(α+u), ρ = α, b = s+1.
			v[1] = dA
			v[2] = dz*(beta+u)/((alpha+u)*(alpha+u)) - a/(alpha+u)
			v[3] = dA + db
			v[4] = -dz / (alpha + u)
		} else {
			// z = (β−α)/(β+u), ρ = β, b = r+x.
			v[1] = dA + db
			v[2] = -dz / (beta + u)
			v[3] = dA
			v[4] = dz*(alpha+u)/((beta+u)*(beta+u)) - a/(beta+u)
		}
	}
	ls := ln(s)
	// Per distinct time: log(α+T), log(β+T); per distinct x: log(r+s+x).
	nt := len(d.ut)
	if len(d.tscratch) < 2*nt {
		d.tscratch = make([]float64, 2*nt)
	}
	lat, lbt := d.tscratch[:nt], d.tscratch[nt:2*nt]
	for k, v := range d.ut {
		lat[k], lbt[k] = ln(alpha+v), ln(beta+v)
	}
	lrsx := d.scratch[:len(d.ux)]
	for k, x := range d.ux {
		lrsx[k] = ln(r + s + x)
	}
	var rowGrad [4]float64
	for i, x := range d.x {
		w := d.w[i]
		t, tx := d.t[i], d.tx[i]
		rx := r + x
		lat, lbt := lat[d.ti[i]], lbt[d.ti[i]]
		l1 := -rx*lat - s*lbt
		if tx == t {
			ll += w * l1
			if g != nil {
				gr -= w * lat
				ga -= w * rx / (alpha + t)
				gs -= w * lbt
				gb -= w * s / (beta + t)
			}
			continue
		}
		v1, v2 := pp.val[5*pp.ptx[i]:5*pp.ptx[i]+5], pp.val[5*pp.pt[i]:5*pp.pt[i]+5]
		e21 := math.Exp(v2[0] - v1[0])
		la0 := v1[0] + math.Log1p(-e21) // log(e^{T1} − e^{T2})
		if !finite(l1) || !finite(la0) || 1e-15*(math.Abs(l1)+math.Abs(la0)) > 1e-10 || v2[0]-v1[0] > -1e-12 {
			// Fallback row: logBracket and, for the gradient, central
			// differences of it.
			lbk := m.logBracket(x, tx, t)
			ll += w * lbk
			if g != nil {
				m.bracketGradFD(x, tx, t, &rowGrad)
				gr, ga, gs, gb = gr+w*rowGrad[0], ga+w*rowGrad[1], gs+w*rowGrad[2], gb+w*rowGrad[3]
			}
			continue
		}
		rsx := r + s + x
		l2 := ls - lrsx[d.xi[i]] + la0
		var phi, p2 float64 // log bracket and the weight of its A0 part
		if l1 >= l2 {
			e := math.Exp(l2 - l1)
			phi, p2 = l1+math.Log1p(e), e/(1+e)
		} else {
			e := math.Exp(l1 - l2)
			phi, p2 = l2+math.Log1p(e), 1/(1+e)
		}
		ll += w * phi
		if g == nil {
			continue
		}
		// ∂log A0 = w1·∂term(t_x) − w2·∂term(T), w2 = e^{T2−T1}/(1−e^{T2−T1}).
		w1 := 1 / (1 - e21)
		w2 := e21 * w1
		p1 := 1 - p2
		gr += w * (p1*-lat + p2*(-1/rsx+w1*v1[1]-w2*v2[1]))
		ga += w * (p1*-rx/(alpha+t) + p2*(w1*v1[2]-w2*v2[2]))
		gs += w * (p1*-lbt + p2*(1/s-1/rsx+w1*v1[3]-w2*v2[3]))
		gb += w * (p1*-s/(beta+t) + p2*(w1*v1[4]-w2*v2[4]))
	}
	if g != nil {
		g[0], g[1], g[2], g[3] = gr, ga, gs, gb
	}
	return ll
}

// bracketGradFD stores in g the gradient of logBracket(x, t_x, T) with
// respect to (r, α, s, β) by central differences with relative steps.
func (m ParetoNBD) bracketGradFD(x, tx, t float64, g *[4]float64) {
	p := m.Params()
	for k := range p {
		h := 1e-6 * p[k]
		q := append([]float64(nil), p...)
		q[k] = p[k] + h
		fp := ParetoNBD{q[0], q[1], q[2], q[3]}.logBracket(x, tx, t)
		q[k] = p[k] - h
		fm := ParetoNBD{q[0], q[1], q[2], q[3]}.logBracket(x, tx, t)
		g[k] = (fp - fm) / (2 * h)
	}
}

// hyp2f1Ap1Grad returns log F for F = 2F1(a, b; a+1; z), 0 ≤ z < 1, a, b
// > 0, the form of the Pareto/NBD's A0, with ∂log F/∂a (c = a+1 moving
// with a), ∂log F/∂b and ∂log F/∂z. The series F = Σ_k a/(a+k)·(b)_k/k!·z^k
// has positive terms whose derivatives are t_k·k/(a(a+k)),
// t_k·Σ_{j<k} 1/(b+j) and t_k·k/z, summed alongside with a running
// rescale. Where the series would need more than maxSeriesTerms terms
// (z near 1), it differentiates [hyp2f1] numerically. ok is false if
// neither converges.
func hyp2f1Ap1Grad(a, b, z float64) (logF, da, db, dz float64, ok bool) {
	if logF, da, db, dz, ok = hyp2f1Ap1Series(a, b, z); ok {
		return logF, da, db, dz, true
	}
	return hyp2f1Ap1Numeric(a, b, z)
}

// hyp2f1Ap1Series sums the series of [hyp2f1Ap1Grad] for −1 < z < 1. For
// z < 0 the terms alternate; ok is false if they cancel by more than four
// digits, or if the series needs more than its budget of terms (500 for
// z > 0.9, maxSeriesTerms otherwise).
func hyp2f1Ap1Series(a, b, z float64) (logF, da, db, dz float64, ok bool) {
	if z == 0 {
		return 0, 0, 0, a * b / (a + 1), true
	}
	if !(math.Abs(z) < 1) {
		return 0, 0, 0, 0, false
	}
	budget := float64(maxSeriesTerms)
	if z > 0.9 {
		budget = quickSeriesTerms // then the transformation, through hyp2f1
	}
	const big = 1e200
	term, sum, peak := 1.0, 1.0, 1.0
	var sa, sb, sz, hb, scale float64
	converged := false
	az := math.Abs(z)
	for k := 1.0; k < budget; k++ {
		ratio := (a + k - 1) / (a + k) * (b + k - 1) / k * z
		hb += 1 / (b + k - 1)
		term *= ratio
		sum += term
		sa += term * k / (a * (a + k))
		sb += term * hb
		sz += term * k
		peak = math.Max(peak, math.Abs(term))
		if sum > big {
			term, sum, sa, sb, sz, peak = term/big, sum/big, sa/big, sb/big, sz/big, peak/big
			scale += math.Log(big)
		}
		// The remaining terms of F and of its derivative sums are bounded
		// by geometric series once max(|ratio|, |z|) < 1.
		if rb := math.Max(math.Abs(ratio), az); rb < 1 && math.Abs(term)*(k+2+hb)*rb/((1-rb)*(1-rb)) <= 1e-16*math.Abs(sum) {
			converged = true
			break
		}
		if term == 0 {
			converged = true
			break
		}
	}
	if converged && sum > 0 && finite(sum) && peak <= 1e4*sum {
		return scale + math.Log(sum), sa / sum, sb / sum, sz / (z * sum), true
	}
	return 0, 0, 0, 0, false
}

// hyp2f1Ap1Numeric differentiates [hyp2f1] numerically, for 0 < z < 1
// where the series of [hyp2f1Ap1Series] is too slow.
func hyp2f1Ap1Numeric(a, b, z float64) (logF, da, db, dz float64, ok bool) {
	f := func(a, b, z float64) (float64, bool) {
		l, s, ok := hyp2f1(a, b, a+1, z)
		return l, ok && s > 0
	}
	l0, ok0 := f(a, b, z)
	if !ok0 {
		return 0, 0, 0, 0, false
	}
	d := func(fp, fm float64, okp, okm bool, h float64) (float64, bool) {
		return (fp - fm) / (2 * h), okp && okm
	}
	ha, hb2, hz := 1e-6*a, 1e-6*b, 1e-6*math.Min(z, 1-z)
	ap, okap := f(a+ha, b, z)
	am, okam := f(a-ha, b, z)
	bp, okbp := f(a, b+hb2, z)
	bm, okbm := f(a, b-hb2, z)
	zp, okzp := f(a, b, z+hz)
	zm, okzm := f(a, b, z-hz)
	da, ok1 := d(ap, am, okap, okam, ha)
	db, ok2 := d(bp, bm, okbp, okbm, hb2)
	dz, ok3 := d(zp, zm, okzp, okzm, hz)
	return l0, da, db, dz, ok1 && ok2 && ok3
}

// pnbdTailTerm returns term(u) = log G(u), G(u) = a·∫_u^∞ (α+τ)^{−p}
// (β+τ)^{−q} dτ with p = r+x, q = s+1, a = r+s+x (the same quantity as
// log 2F1(a, b; a+1; z) − a·log(ρ+u)), and its gradient with respect to
// (r, α, s, β) in v[1:5], for heavy buyers (large p), by 32-point
// Gauss–Laguerre quadrature after the substitution α+τ = (α+u)e^{w/p}:
//
//	∫_u^∞ … dτ = (α+u)^{1−p}/p · ∫_0^∞ e^{−w} e^{w/p} (β+τ(w))^{−q} dw,
//
// whose integrand varies on a scale of about p/(1 + q(α+u)/(β+u)) in w.
// The gradient differentiates under the integral: ∂log f/∂r = −log(α+τ),
// ∂/∂α = −p/(α+τ), ∂/∂s = −log(β+τ), ∂/∂β = −q/(β+τ), averaged with the
// quadrature weights. ok is false where that scale is below 25, where the
// rule would lose accuracy.
func pnbdTailTerm(r, alpha, s, beta, x, u float64, v []float64) bool {
	p, q, a := r+x, s+1, r+s+x
	au, bu := alpha+u, beta+u
	if !(p/(1+q*au/bu) >= 25) {
		return false
	}
	xs, ws := laguerreNodes()
	lau := ln(au)
	var sum, sr, sa, ss, sb float64
	for k, w := range xs {
		e := w / p
		tau := au*math.Exp(e) - alpha // α+τ = (α+u)e^{w/p}
		lbt := ln(beta + tau)
		h := ws[k] * math.Exp(e-q*(lbt-ln(bu))) // scaled by (β+u)^{q}
		sum += h
		sr += h * (lau + e)
		sa += h * p / (au * math.Exp(e))
		ss += h * lbt
		sb += h * q / (beta + tau)
	}
	if !(sum > 0) || !finite(sum) {
		return false
	}
	v[0] = ln(a) + (1-p)*lau - ln(p) - q*ln(bu) + ln(sum)
	v[1] = 1/a - sr/sum
	v[2] = -sa / sum
	v[3] = 1/a - ss/sum
	v[4] = -sb / sum
	return true
}
