package clv

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// FitConfig controls a maximum-likelihood fit. The zero FitConfig gives the
// plain (unpenalised) MLE.
type FitConfig struct {
	// L2 is the coefficient λ of a ridge penalty: the fit maximises
	// LL/W − λ·Σθ², where W is the total weight and θ the model's
	// parameters on their natural scale (as lifetimes' penalizer_coef).
	// Defaults to 0 (no penalty).
	L2 float64
	// MaxIterations bounds the optimiser's major iterations. Defaults to 1000.
	MaxIterations int
	// MaxEvaluations bounds the evaluations of the log-likelihood, so
	// that a fit in a hard region of the parameters (Pareto/NBD's β
	// weakly identified on short data, where each evaluation needs
	// quadrature) ends in bounded time with a *FitError rather than
	// running for minutes. Defaults to 0: no bound.
	MaxEvaluations int
	// Initial is the starting point, in the order of the model's
	// parameters; each value must be positive and finite. Defaults to a
	// model-specific start (all ones for most models).
	Initial []float64
}

// check reports every problem of cfg for a model with n parameters, each a
// *metrics.ConfigError naming the field.
func (cfg FitConfig) check(model string, n int) error {
	var errs []error
	if !finite(cfg.L2) || cfg.L2 < 0 {
		errs = append(errs, configError("FitConfig.L2", "must be finite and non-negative, got %v", cfg.L2))
	}
	if cfg.MaxIterations < 0 {
		errs = append(errs, configError("FitConfig.MaxIterations", "must not be negative, got %d", cfg.MaxIterations))
	}
	if cfg.MaxEvaluations < 0 {
		errs = append(errs, configError("FitConfig.MaxEvaluations", "must not be negative, got %d", cfg.MaxEvaluations))
	}
	if len(cfg.Initial) > 0 {
		if len(cfg.Initial) != n {
			errs = append(errs, configError("FitConfig.Initial", "has %d values, %s has %d parameters", len(cfg.Initial), model, n))
		}
		for i, v := range cfg.Initial {
			if !(v > 0) || !finite(v) {
				errs = append(errs, configError(fmt.Sprintf("FitConfig.Initial[%d]", i), "must be positive and finite, got %v", v))
			}
		}
	}
	return errors.Join(errs...)
}

// FitInfo describes how a fit went.
type FitInfo struct {
	// LogLikelihood is the weighted log-likelihood at the estimate,
	// including all constant terms, so it is comparable with published
	// figures (−9582.4 for BG/NBD on CDNOW). It is 0 if it cannot be
	// computed, and the fit then returns a *[FitError].
	LogLikelihood float64
	// Converged reports whether the optimiser met its convergence
	// criterion; when false the fit also returned a *[FitError].
	Converged bool
	// Status is the optimiser's termination status, such as
	// "GradientThreshold" or "FunctionConvergence".
	Status string
	// Iterations and Evaluations count optimiser iterations and
	// likelihood evaluations.
	Iterations, Evaluations int
	// StdErr holds the asymptotic standard errors of the parameters (in
	// the model's parameter order) from the inverse of the observed
	// information matrix (the Hessian of −LL, plus the penalty, at the
	// estimate: central differences of the analytic gradient, so the same
	// however the rows are grouped; second differences of the
	// log-likelihood for the BG/BB, which has no analytic gradient). It is nil when that matrix is not positive
	// definite, for example at a boundary of the parameter space.
	StdErr []float64
	// Cov is the asymptotic covariance matrix of the parameters, the
	// inverse of the same observed information matrix, row by row in the
	// model's parameter order; StdErr is the square root of its diagonal.
	// It is nil when StdErr is nil. [Intervals] uses it for the delta
	// method.
	Cov [][]float64
	// Rows is the number of likelihood rows and Weight the number of
	// customers they stand for.
	Rows   int
	Weight float64
}

// stallGradient is the largest ‖∇‖∞ of the per-customer objective at
// which a stalled line search still counts as convergence.
const stallGradient = 1e-6

// logBound keeps log-parameters where exp neither overflows nor vanishes.
const logBound = 30

// problem is a likelihood to maximise over positive parameters.
type problem struct {
	model string
	n     int
	w     float64 // total weight
	// ll returns the weighted log-likelihood at θ. If grad is non-nil it
	// also stores ∂LL/∂θ in grad.
	ll func(theta, grad []float64) float64
	// hasGrad reports whether ll computes gradients.
	hasGrad bool
	// noCov skips the standard errors and covariance (2n gradient passes
	// or (n+1)² likelihood passes) of a fit whose FitInfo nobody reads:
	// [Choose]'s fits on the calibration period.
	noCov bool
}

// fit maximises p.ll on log-parameters and returns θ, the fit information
// and a *FitError if the optimiser did not converge.
func (p problem) fit(cfg FitConfig, start []float64) ([]float64, FitInfo, error) {
	if err := cfg.check(p.model, p.n); err != nil {
		return make([]float64, p.n), FitInfo{}, err
	}
	if len(cfg.Initial) > 0 {
		start = cfg.Initial
	}
	phi0 := make([]float64, p.n)
	for i, v := range start {
		phi0[i] = ln(v)
	}
	theta := make([]float64, p.n)
	g := make([]float64, p.n)
	toTheta := func(phi []float64) bool {
		for i, v := range phi {
			if !(math.Abs(v) <= logBound) {
				return false
			}
			theta[i] = math.Exp(v)
		}
		return true
	}
	penalty := func(th []float64) float64 {
		s := 0.0
		for _, v := range th {
			s += v * v
		}
		return cfg.L2 * s
	}
	evals := 0
	// With an analytic gradient, one pass computes both value and
	// gradient; the optimiser asks for them separately at the same point,
	// so the last pass is cached.
	lastPhi := make([]float64, p.n)
	haveLast := false
	var lastLL float64
	eval := func(phi []float64) (ll float64, ok bool) {
		if haveLast && floats.Equal(phi, lastPhi) {
			return lastLL, true
		}
		if !toTheta(phi) {
			return 0, false
		}
		evals++
		if p.hasGrad {
			lastLL = p.ll(theta, g)
		} else {
			lastLL = p.ll(theta, nil)
		}
		copy(lastPhi, phi)
		haveLast = true
		return lastLL, true
	}
	obj := func(phi []float64) float64 {
		ll, ok := eval(phi)
		if !ok {
			return math.Inf(1)
		}
		v := -ll/p.w + penalty(theta)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	var gradFn func(grad, phi []float64)
	if p.hasGrad {
		gradFn = func(grad, phi []float64) {
			if _, ok := eval(phi); !ok {
				for i := range grad {
					grad[i] = 0
				}
				return
			}
			for i := range grad {
				th := math.Exp(phi[i])
				// d/dφ = θ d/dθ.
				grad[i] = -th*g[i]/p.w + 2*cfg.L2*th*th
				if !finite(grad[i]) {
					grad[i] = 0
				}
			}
		}
	} else {
		gradFn = func(grad, phi []float64) {
			fd.Gradient(grad, obj, phi, &fd.Settings{Formula: fd.Central})
		}
	}
	maxIter := cfg.MaxIterations
	if maxIter <= 0 {
		maxIter = 1000
	}
	settings := &optimize.Settings{
		GradientThreshold: 1e-9,
		MajorIterations:   maxIter,
		FuncEvaluations:   cfg.MaxEvaluations,
		GradEvaluations:   cfg.MaxEvaluations,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-13, Relative: 1e-13, Iterations: 50},
	}
	res, err := optimize.Minimize(optimize.Problem{Func: obj, Grad: gradFn}, phi0, settings, &optimize.BFGS{Linesearcher: &flatBisection{}})
	info := FitInfo{Weight: p.w}
	best := phi0
	if res != nil && res.X != nil && finite(res.F) {
		best = res.X
		info.Status = res.Status.String()
		info.Iterations = res.MajorIterations
	}
	stalled := res != nil && res.Status == optimize.Failure && finite(res.F)
	if stalled && p.hasGrad && (cfg.MaxEvaluations == 0 || evals+2*p.n+newtonSteps+1 <= cfg.MaxEvaluations) {
		var steps int
		best, steps = newtonPolish(gradFn, best)
		info.Iterations += steps
	}
	info.Evaluations = evals
	if !toTheta(best) {
		toTheta(phi0)
	}
	est := append([]float64(nil), theta...)
	if haveLast && floats.Equal(best, lastPhi) {
		// The optimiser's last pass was at the estimate (as it is
		// unless a Newton step or a line search was rejected): its
		// value is the one a pass without the gradient would give.
		info.LogLikelihood = lastLL
	} else {
		info.LogLikelihood = p.ll(est, nil)
	}
	if !finite(info.LogLikelihood) {
		info.LogLikelihood = 0
		return est, info, &FitError{Model: p.model, Status: "Failure",
			Err: undefined(p.model, "log-likelihood", "not finite at the estimate %v", est)}
	}
	converged := err == nil && res != nil &&
		(res.Status == optimize.GradientThreshold || res.Status == optimize.FunctionConvergence)
	if !converged && res != nil && finite(res.F) {
		// A line search that stalls where the gradient is already tiny
		// (after newtonPolish, with an analytic gradient) has reached the
		// optimum to floating-point precision.
		grad := make([]float64, p.n)
		gradFn(grad, best)
		converged = floats.Norm(grad, math.Inf(1)) < stallGradient
		if converged {
			info.Status = "GradientThreshold"
		}
	}
	info.Converged = converged
	if !p.noCov {
		info.StdErr, info.Cov = p.stdErr(est, cfg.L2)
	}
	if !converged {
		status := "Failure"
		if res != nil {
			status = res.Status.String()
		}
		return est, info, &FitError{Model: p.model, Status: status, Err: err}
	}
	return est, info, nil
}

// newtonSteps bounds the steps of [newtonPolish].
const newtonSteps = 3

// newtonPolish continues a fit whose line search stalled at phi with
// ‖∇‖∞ ≥ stallGradient (a stall below it is accepted as it is), where the
// objective's rounding hides the decrease that a step could still bring
// but the analytic gradient remains accurate. It takes up to newtonSteps
// Newton steps −H⁻¹∇ on the log-parameters, with H the central differences
// of the gradient at phi (2n gradient passes, as for the standard errors),
// each step kept only if it lowers ‖∇‖∞, and stops once ‖∇‖∞ is below the
// optimiser's GradientThreshold of 1e-9. It returns the point reached and
// the number of steps kept; phi itself when H is not positive definite.
func newtonPolish(gradFn func(grad, phi []float64), phi []float64) ([]float64, int) {
	const h = 1e-4
	n := len(phi)
	g := make([]float64, n)
	gradFn(g, phi)
	norm := floats.Norm(g, math.Inf(1))
	if !(norm >= stallGradient) || math.IsInf(norm, 1) {
		return phi, 0
	}
	step := make([]float64, n)
	for i := range step {
		step[i] = h
	}
	hess, ok := gradHessian(gradFn, phi, step, 0)
	var chol mat.Cholesky
	if !ok || !chol.Factorize(hess) {
		return phi, 0
	}
	steps := 0
	cur := phi
	for range newtonSteps {
		var d mat.VecDense
		if err := chol.SolveVecTo(&d, mat.NewVecDense(n, slices.Clone(g))); err != nil {
			break
		}
		next := make([]float64, n)
		for i := range next {
			next[i] = cur[i] - d.AtVec(i)
		}
		gn := make([]float64, n)
		gradFn(gn, next)
		nn := floats.Norm(gn, math.Inf(1))
		if !(nn < norm) {
			break
		}
		cur, g, norm = next, gn, nn
		steps++
		if norm < 1e-9 {
			break
		}
	}
	return cur, steps
}

// gradHessian returns the Hessian at x of the function whose gradient
// grad gives, by central differences of the gradient with step[j] along
// coordinate j (2n gradient passes), each off-diagonal the mean of its
// two columns' values, plus diag on the diagonal; false when an entry is
// not finite. [problem.stdErr] and [newtonPolish] use it.
func gradHessian(grad func(g, x []float64), x, step []float64, diag float64) (*mat.SymDense, bool) {
	n := len(x)
	h := mat.NewSymDense(n, nil)
	y := slices.Clone(x)
	gp, gm := make([]float64, n), make([]float64, n)
	for j := range n {
		y[j] = x[j] + step[j]
		grad(gp, y)
		y[j] = x[j] - step[j]
		grad(gm, y)
		y[j] = x[j]
		// Every row of column j: (i, j) for i < j was set by column i,
		// and is averaged with this column's value; (i, j) for i > j is
		// set here and averaged by column i.
		for i := range n {
			v := (gp[i] - gm[i]) / (2 * step[j])
			if i == j {
				v += diag
			}
			if !finite(v) {
				return nil, false
			}
			if i < j {
				v = (v + h.At(i, j)) / 2
			}
			h.SetSym(i, j, v)
		}
	}
	return h, true
}

// stdErr returns sqrt(diag(H⁻¹)) and H⁻¹ for the Hessian H of the
// penalised −LL on the natural scale, or nils if H is not positive
// definite.
func (p problem) stdErr(theta []float64, l2 float64) ([]float64, [][]float64) {
	f := func(th []float64) float64 {
		for _, v := range th {
			if !(v > 0) {
				return math.Inf(1)
			}
		}
		s := 0.0
		for _, v := range th {
			s += v * v
		}
		return -p.ll(th, nil) + l2*p.w*s
	}
	// Relative steps: parameters span several orders of magnitude.
	n := p.n
	h := mat.NewSymDense(n, nil)
	x := append([]float64(nil), theta...)
	step := make([]float64, n)
	for i := range step {
		step[i] = 1e-4 * theta[i]
	}
	if p.hasGrad {
		// Central differences of the analytic gradient of −LL: 2n passes.
		negLL := func(g, th []float64) {
			p.ll(th, g)
			for i := range g {
				g[i] = -g[i]
			}
		}
		h, ok := gradHessian(negLL, theta, step, 2*l2*p.w)
		if !ok {
			return nil, nil
		}
		return invertSE(h)
	}
	f0 := f(x)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			var v float64
			if i == j {
				x[i] = theta[i] + step[i]
				fp := f(x)
				x[i] = theta[i] - step[i]
				fm := f(x)
				x[i] = theta[i]
				v = (fp - 2*f0 + fm) / (step[i] * step[i])
			} else {
				eval := func(si, sj float64) float64 {
					x[i] = theta[i] + si*step[i]
					x[j] = theta[j] + sj*step[j]
					r := f(x)
					x[i], x[j] = theta[i], theta[j]
					return r
				}
				v = (eval(1, 1) - eval(1, -1) - eval(-1, 1) + eval(-1, -1)) / (4 * step[i] * step[j])
			}
			if !finite(v) {
				return nil, nil
			}
			h.SetSym(i, j, v)
		}
	}
	return invertSE(h)
}

// invertSE returns sqrt(diag(h⁻¹)) and h⁻¹, or nils if h is not positive
// definite.
func invertSE(h *mat.SymDense) ([]float64, [][]float64) {
	n := h.SymmetricDim()
	var chol mat.Cholesky
	if !chol.Factorize(h) {
		return nil, nil
	}
	var inv mat.SymDense
	if err := chol.InverseTo(&inv); err != nil {
		return nil, nil
	}
	se := make([]float64, n)
	cov := make([][]float64, n)
	for i := range se {
		d := inv.At(i, i)
		if !(d > 0) || !finite(d) {
			return nil, nil
		}
		se[i] = math.Sqrt(d)
		cov[i] = make([]float64, n)
		for j := range cov[i] {
			cov[i][j] = inv.At(i, j)
			if !finite(cov[i][j]) {
				return nil, nil
			}
		}
	}
	return se, cov
}

// flatBisection is gonum's [optimize.Bisection] line search that gives up
// as soon as the objective can no longer tell its trial points apart.
// Near the optimum the decrease a step can bring, |φ'(0)|·Δ for a change
// Δ of the step, falls below the rounding of the objective (a sum over
// every customer); the bisection then halved its bracket on the sign of
// rounding noise until it was one float64 wide, 50 to 100 evaluations
// that seldom yielded a new iterate. The rule: a trial step that moves by
// Δ with |φ'(0)|·Δ < flatNoise·max(|φ(0)|, 1) fails the line search. The
// optimiser then stops at its last iterate, which [problem.fit] accepts
// when ‖∇‖∞ < stallGradient (after [newtonPolish] otherwise).
type flatBisection struct {
	optimize.Bisection
	f0, g0, step float64
}

// flatNoise is the rounding of the objective relative to its size: a few
// ulps, as measured on the review's fits (differences of ±5e-15 at an
// objective of 8).
const flatNoise = 4 * 0x1p-52

// Init starts a line search from value f and slope g with a first step.
func (b *flatBisection) Init(f, g, step float64) optimize.Operation {
	b.f0, b.g0, b.step = f, g, step
	return b.Bisection.Init(f, g, step)
}

// Iterate is [optimize.Bisection.Iterate] until a trial step moves by a Δ
// that the objective cannot resolve.
func (b *flatBisection) Iterate(f, g float64) (optimize.Operation, float64, error) {
	op, step, err := b.Bisection.Iterate(f, g)
	if err != nil || op != optimize.FuncEvaluation || step == b.step {
		return op, step, err
	}
	if math.Abs(b.g0)*math.Abs(step-b.step) < flatNoise*math.Max(math.Abs(b.f0), 1) {
		return optimize.NoOperation, step, optimize.ErrLinesearcherFailure
	}
	b.step = step
	return op, step, nil
}
