"""`make bench`: softmax_tutorial's speed and memory, as ratios measured in one run.

Four sections, each printed as a table:

1. softmax, log_softmax and logsumexp against scipy.special's (axis=-1) and
   against np.copy of the same (1_000_000, 10) float64 array (the cost of
   producing a new array of that size: the physical floor).
2. SoftmaxRegression against scikit-learn's LogisticRegression on the
   standardised digits: (a) the same objective run to tight tolerance, (b) both
   with their defaults, (c) the book's gradient descent as a baseline.
3. How the gradient-descent time per epoch grows with N, D and C (fixed 50
   epochs, tol=0).
4. The peak memory of a mini-batch fit, for two N: the extra memory beyond X
   should not grow with N.

The machine is assumed to be shared and noisy, so nothing here asserts an
absolute time. Competitors are timed interleaved, round after round, in the same
run; the tables give the median (and the minimum) over the rounds, and each
ratio is the median over the rounds of the ratio measured within one round.
"""

import gc
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc
import warnings

import numpy as np
import scipy
import scipy.special
import sklearn
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from softmax_tutorial import ConvergenceWarning, SoftmaxRegression, log_softmax, logsumexp, softmax

SEED = 0
SOFTMAX_SHAPE = (1_000_000, 10)
SOFTMAX_ROUNDS = 15
FIT_ROUNDS = 20
MATCHED_TOL = 1e-9  # ours: max |gradient| of the mean objective
GD_MAX_EPOCHS = 40_000
SCALING_EPOCHS = 50
SCALING_ROUNDS = 7
MEMORY_SIZES = (200_000, 400_000)
MEMORY_FEATURES = 50
MEMORY_BATCH = 256


# -- helpers -------------------------------------------------------------------
def timed(func, *args):
    """Wall-clock seconds of one call (garbage collection paused)."""
    gc.disable()
    try:
        start = time.perf_counter()
        func(*args)
        return time.perf_counter() - start
    finally:
        gc.enable()


def interleaved(funcs, rounds, rng):
    """Time every function once per round, in a shuffled order each round.

    Returns {name: [seconds per round]}; round r of every list was measured
    within the same short stretch of time, so their ratio is fair even when
    the machine's load changes between rounds.
    """
    times = {name: [] for name in funcs}
    names = list(funcs)
    for _ in range(rounds):
        rng.shuffle(names)
        for name in names:
            times[name].append(timed(funcs[name]))
    return times


def paired_ratio(num, den):
    """Median over rounds of num[r] / den[r]."""
    return statistics.median(a / b for a, b in zip(num, den, strict=True))


def ms(seconds):
    return f"{1e3 * seconds:9.2f}"


def table(header, rows):
    """Print a plain text table, columns right-aligned after the first."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells):
        first = str(cells[0]).ljust(widths[0])
        rest = [str(c).rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest])

    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def section(title):
    print()
    print(title)
    print("=" * len(title))


# -- header ----------------------------------------------------------------------
def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def blas_info():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return ["threadpoolctl not installed"]
    return [
        f"{lib.get('internal_api')} {lib.get('version') or ''}".strip()
        + (f" {lib['architecture']}" if lib.get("architecture") else "")
        + f", {lib.get('num_threads')} threads, "
        f"loaded by {os.path.basename(os.path.dirname(lib['filepath']))}"
        for lib in threadpool_info()
    ]


def print_header():
    print("softmax_tutorial benchmark (benchmarks/run.py)")
    print(f"python    {sys.version.split()[0]} on {platform.platform()}")
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(f"cpu       {cpu_model()}, {cores} logical cores ({usable} usable)")
    versions = f"numpy {np.__version__}, scipy {scipy.__version__}, sklearn {sklearn.__version__}"
    print(f"versions  {versions}")
    for i, lib in enumerate(blas_info()):
        print(f"{'blas' if i == 0 else '':10}{lib}")
    if hasattr(os, "getloadavg"):
        print("load avg  {:.2f} {:.2f} {:.2f} (1, 5, 15 min) at start".format(*os.getloadavg()))


# -- 1. the softmax family ------------------------------------------------------
def bench_softmax(rng):
    section(f"1. softmax family on a {SOFTMAX_SHAPE} float64 array, along the last axis")
    z = np.random.default_rng(SEED).standard_normal(SOFTMAX_SHAPE) * 3.0
    pairs = {
        "softmax": (softmax, lambda a: scipy.special.softmax(a, axis=-1)),
        "log_softmax": (log_softmax, lambda a: scipy.special.log_softmax(a, axis=-1)),
        "logsumexp": (logsumexp, lambda a: scipy.special.logsumexp(a, axis=-1)),
    }
    for ours, theirs in pairs.values():  # correctness first (also warms up)
        np.testing.assert_allclose(ours(z), theirs(z), rtol=1e-12, atol=1e-12)
    funcs = {"copy": lambda: np.copy(z)}
    for name, (ours, theirs) in pairs.items():
        funcs[name] = lambda f=ours: f(z)
        funcs["scipy " + name] = lambda f=theirs: f(z)
    times = interleaved(funcs, SOFTMAX_ROUNDS, rng)
    print(
        f"{SOFTMAX_ROUNDS} interleaved rounds (order shuffled each round); results agree "
        "with scipy (assert_allclose rtol=atol=1e-12).\nTimes: median and min over rounds. "
        "Ratios: median over rounds of the within-round ratio (< 1: ours is faster)."
    )
    copy = times["copy"]
    print(
        f"np.copy (the floor): median {1e3 * statistics.median(copy):.2f} ms, "
        f"min {1e3 * min(copy):.2f} ms"
    )
    rows = []
    for name in pairs:
        ours, theirs = times[name], times["scipy " + name]
        rows.append(
            [
                name,
                ms(statistics.median(ours)),
                ms(min(ours)),
                ms(statistics.median(theirs)),
                ms(min(theirs)),
                f"{paired_ratio(ours, theirs):.2f}",
                f"{paired_ratio(ours, copy):.1f}",
            ]
        )
    table(
        [
            "function",
            "ours median ms",
            "ours min ms",
            "scipy median ms",
            "scipy min ms",
            "ours/scipy",
            "ours/copy",
        ],
        rows,
    )
    for name in pairs:
        r = paired_ratio(times[name], times["scipy " + name])
        verdict = "met" if r <= 1.0 else "NOT met"
        print(f"  {name}: ours/scipy = {r:.2f} ({1 / r:.2f}x faster); target <= 1.0 {verdict}")


# -- 2. digits against scikit-learn ----------------------------------------------
def digits_split():
    """The README's split: 25 % test, stratified, seed 0; standardised on the train part."""
    X, y = load_digits(return_X_y=True)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    scaler = StandardScaler().fit(X_tr)
    return scaler.transform(X_tr), scaler.transform(X_te), y_tr, y_te


def quiet_fit(model, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y)


def n_iter(model):
    return int(np.max(model.n_iter_))


def compare_fits(rng, title, ours, theirs, X_tr, X_te, y_tr, y_te):
    """Time two estimators interleaved, as they run by default and with every
    library limited to one thread; return the fitted models, the default-threads
    ratio and the times.

    SoftmaxRegression uses one BLAS thread on problems this small (waking
    threads costs more than the work); scikit-learn uses every core. The
    one-thread run removes that difference, so the ratio there compares the
    algorithms alone.
    """
    makers = {"ours": ours, "sklearn": theirs}
    fitted = {name: quiet_fit(make(), X_tr, y_tr) for name, make in makers.items()}  # warm-up
    funcs = {name: (lambda m=make: quiet_fit(m(), X_tr, y_tr)) for name, make in makers.items()}
    times = interleaved(funcs, FIT_ROUNDS, rng)
    with threadpool_limits(limits=1):
        single = interleaved(funcs, FIT_ROUNDS, rng)
    rows = [
        [
            label,
            ms(statistics.median(times[name])),
            ms(min(times[name])),
            ms(statistics.median(single[name])),
            n_iter(fitted[name]),
            f"{100 * fitted[name].score(X_te, y_te):.2f}",
        ]
        for name, label in [("ours", ours.label), ("sklearn", theirs.label)]
    ]
    if title:
        print(title)
    table(
        ["estimator", "median ms", "min ms", "1-thread median ms", "iterations", "test acc %"],
        rows,
    )
    ratio = paired_ratio(times["ours"], times["sklearn"])
    ratio_single = paired_ratio(single["ours"], single["sklearn"])
    print(
        f"  fit time ours/sklearn = {ratio:.2f} as each runs by default, {ratio_single:.2f} "
        f"with every library on one thread; target <= 1.0 "
        f"{verdict(max(ratio, ratio_single) <= 1.0)}"
    )
    return fitted, max(ratio, ratio_single), times


class Maker:
    """A named constructor, so that tables print what was run."""

    def __init__(self, label, make):
        self.label, self.make = label, make

    def __call__(self):
        return self.make()


def verdict(ok):
    return "met" if ok else "NOT met"


def bench_digits(rng):
    section("2. fit on the standardised digits: SoftmaxRegression vs LogisticRegression")
    X_tr, X_te, y_tr, y_te = digits_split()
    n = X_tr.shape[0]
    print(
        f"train {X_tr.shape}, test {X_te.shape}, {len(np.unique(y_tr))} classes "
        "(load_digits, train_test_split(test_size=0.25, random_state=0, stratify=y), "
        f"StandardScaler fitted on the train part). {FIT_ROUNDS} rounds, one fit of each "
        "per round, order shuffled; ratio = median of within-round ratios. Probability "
        "gaps are max |difference| over the test set's predict_proba."
    )

    # 2a: the same objective, both run to tight tolerance.
    l2 = 1.0 / n  # LogisticRegression(C=1): C * sum(loss) + ||W||^2 / 2, divided by C N
    exact = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-12, max_iter=1000)
    exact = exact.fit(X_tr, y_tr).predict_proba(X_te)
    ours = Maker(
        f"SoftmaxRegression(l2=1/N, tol={MATCHED_TOL:g})",
        lambda: SoftmaxRegression(l2=l2, tol=MATCHED_TOL),
    )
    print()
    print(
        f"2a. matched precision: the same objective (l2 = 1/(C N) = {l2:.4g}, C = 1, "
        "intercept unpenalised), both run to tight tolerance. 'exact': scikit-learn's "
        "newton-cg at tol=1e-12, the reference optimum."
    )
    results = {}
    for solver in ("lbfgs", "newton-cg"):
        theirs = Maker(
            f"LogisticRegression(C=1, solver={solver!r}, tol=1e-10)",
            lambda s=solver: LogisticRegression(C=1.0, solver=s, tol=1e-10, max_iter=10_000),
        )
        fitted, ratio, _ = compare_fits(rng, "", ours, theirs, X_tr, X_te, y_tr, y_te)
        p_ours, p_theirs = (fitted[k].predict_proba(X_te) for k in ("ours", "sklearn"))
        gap = np.abs(p_ours - p_theirs).max()
        print(
            f"  max |p_ours - p_sklearn| = {gap:.1e} (target <= 1e-6 {verdict(gap <= 1e-6)}); "
            f"to the exact optimum: ours {np.abs(p_ours - exact).max():.1e}, "
            f"sklearn {np.abs(p_theirs - exact).max():.1e}"
        )
        results[solver] = (gap, ratio)
    print(f"  ours converged: {fitted['ours'].converged_} (max |gradient| <= {MATCHED_TOL:g})")

    # 2b: both estimators as a user gets them.
    print()
    fitted, ratio, times_2b = compare_fits(
        rng,
        "2b. defaults: SoftmaxRegression() (l2={l2:g}, tol={tol:g} on the gradient) vs "
        "LogisticRegression() (C=1, tol=1e-4)".format(**SoftmaxRegression().get_params()),
        Maker("SoftmaxRegression()", SoftmaxRegression),
        Maker("LogisticRegression()", LogisticRegression),
        X_tr,
        X_te,
        y_tr,
        y_te,
    )
    own_optimum = SoftmaxRegression(tol=MATCHED_TOL).fit(X_tr, y_tr)
    their_optimum = LogisticRegression(solver="newton-cg", tol=1e-12).fit(X_tr, y_tr)
    ours_gap = np.abs(fitted["ours"].predict_proba(X_te) - own_optimum.predict_proba(X_te)).max()
    theirs_gap = np.abs(
        fitted["sklearn"].predict_proba(X_te) - their_optimum.predict_proba(X_te)
    ).max()
    acc_gap = 100 * (fitted["sklearn"].score(X_te, y_te) - fitted["ours"].score(X_te, y_te))
    print(
        f"  distance to its own objective's optimum (ours at tol={MATCHED_TOL:g}, "
        "LogisticRegression's by newton-cg at tol=1e-12): "
        f"ours {ours_gap:.1e}, target <= 1e-4 {verdict(ours_gap <= 1e-4)}; "
        f"LogisticRegression() {theirs_gap:.1e} (no target)"
    )
    print(
        f"  accuracy: ours is {acc_gap:+.2f} points below sklearn; target within 1 point "
        f"{verdict(acc_gap <= 1.0)}"
    )

    # 2c: the lesson's baseline, gradient descent with the safe step, no target.
    print()
    print(
        "2c. the book's gradient descent, SoftmaxRegression(solver='gd', "
        "learning_rate='auto'), on the default objective: epochs and time until its risk "
        "is within 1e-6 (relative) of the optimum's"
    )
    best = own_optimum.loss_curve_[-1]
    model = SoftmaxRegression(solver="gd", tol=0.0, max_iter=GD_MAX_EPOCHS)
    seconds = timed(quiet_fit, model, X_tr, y_tr)
    curve = np.asarray(model.loss_curve_)
    reached = np.flatnonzero((curve - best) <= 1e-6 * best)
    if reached.size == 0:
        print(f"  not reached in {GD_MAX_EPOCHS} epochs (last gap {(curve[-1] - best) / best:.1e})")
        return results
    epochs = int(reached[0]) + 1
    per_epoch = seconds / GD_MAX_EPOCHS
    lbfgs_ms = 1e3 * statistics.median(times_2b["ours"])
    print(
        f"  step 1/L = {model.learning_rate_:.4f}; relative gap after 1,000 epochs "
        f"{(curve[999] - best) / best:.1e}, after 10,000 {(curve[9999] - best) / best:.1e}; "
        f"1e-6 reached at epoch {epochs:,}: {per_epoch * epochs:.1f} s at "
        f"{1e6 * per_epoch:.0f} us per epoch (one run of {GD_MAX_EPOCHS:,} epochs, timed "
        f"whole), about {1e3 * per_epoch * epochs / lbfgs_ms:,.0f} times L-BFGS's default fit "
        f"({lbfgs_ms:.1f} ms median in 2b)."
    )
    return results


# -- 3. scaling in N, D and C --------------------------------------------------------
def synthetic(n, d, c, seed):
    """Gaussian features; labels from a random linear model plus Gumbel noise."""
    g = np.random.default_rng(seed)
    X = g.standard_normal((n, d))
    W = g.standard_normal((d, c)) * (2.0 / np.sqrt(d))
    y = np.argmax(X @ W + g.gumbel(size=(n, c)), axis=1)
    return X, y


def time_sizes(axis, sizes, base, rng):
    """Seconds per epoch (min over rounds) and epochs run, for each size along axis."""
    data = {}
    for s in sizes:
        shape = dict(base, **{axis: s})
        data[s] = synthetic(shape["N"], shape["D"], shape["C"], SEED)
    epochs = {}

    def fit(s):
        model = SoftmaxRegression(solver="gd", max_iter=SCALING_EPOCHS, tol=0.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(*data[s])
        epochs[s] = model.n_iter_

    fit(sizes[0])  # warm-up
    times = interleaved({s: (lambda s=s: fit(s)) for s in sizes}, SCALING_ROUNDS, rng)
    return [min(times[s]) / epochs[s] for s in sizes], epochs


def bench_scaling(rng):
    section(f"3. scaling: full-batch fit time per epoch ({SCALING_EPOCHS} epochs, tol=0)")
    base = {"N": 16_000, "D": 64, "C": 10}
    grids = {
        "N": [4_000, 8_000, 16_000, 32_000, 64_000],
        "D": [16, 32, 64, 128, 256],
        "C": [4, 8, 16, 32, 64],
    }
    print(
        f"Synthetic data (seeded), one size doubled at a time from N={base['N']}, "
        f"D={base['D']}, C={base['C']}; SoftmaxRegression(solver='gd', "
        f"max_iter={SCALING_EPOCHS}, tol=0). {SCALING_ROUNDS} rounds, sizes interleaved; "
        "time per epoch = fit time "
        f"/ n_iter_ (setup amortised), min over rounds. Ratio ~2 per doubling = linear."
    )
    rows = []
    for axis, sizes in grids.items():
        per_epoch, epochs = time_sizes(axis, sizes, base, rng)
        slope = np.polyfit(np.log(sizes), np.log(per_epoch), 1)[0]
        for i, s in enumerate(sizes):
            shape = dict(base, **{axis: s})
            rows.append(
                [
                    axis if i == 0 else "",
                    f"{shape['N']}x{shape['D']}x{shape['C']}",
                    epochs[s],
                    f"{1e3 * per_epoch[i]:.3f}",
                    "" if i == 0 else f"{per_epoch[i] / per_epoch[i - 1]:.2f}",
                    f"{slope:.2f}" if i == len(sizes) - 1 else "",
                ]
            )
    table(["vary", "N x D x C", "epochs", "ms/epoch", "ratio to previous", "log-log slope"], rows)


# -- 4. memory of a mini-batch fit --------------------------------------------------------
def traced_peak(func):
    """Peak bytes allocated (numpy arrays included) while func runs."""
    gc.collect()
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bench_memory():
    section(
        f"4. peak memory of a mini-batch fit (D={MEMORY_FEATURES}, "
        f"batch_size={MEMORY_BATCH}, max_iter=2)"
    )
    print(
        "tracemalloc peak during fit() alone; X and y are allocated before tracing "
        "starts, so the peak is the extra memory beyond X (numpy reports its buffers "
        "to tracemalloc)."
    )
    rows, extra = [], {}
    for n in MEMORY_SIZES:
        X, y = synthetic(n, MEMORY_FEATURES, 10, SEED)
        model = SoftmaxRegression(
            solver="gd", batch_size=MEMORY_BATCH, max_iter=2, tol=0.0, random_state=0
        )

        def fit(model=model, X=X, y=y):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                model.fit(X, y)

        extra[n] = traced_peak(fit)
        rows.append(
            [
                f"{n:,}",
                f"{X.nbytes / 1e6:.1f}",
                f"{extra[n] / 1e6:.2f}",
                f"{100 * extra[n] / X.nbytes:.1f}",
                f"{extra[n] / n:.1f}",
            ]
        )
        del X, y, model
    table(["N", "X MB", "peak extra MB", "% of X", "bytes/sample"], rows)
    small, large = MEMORY_SIZES
    per_sample = extra[large] / large
    x_per_sample = 8 * MEMORY_FEATURES
    print(
        f"  peak extra at N={large:,} / at N={small:,} = {extra[large] / extra[small]:.2f} "
        f"(N ratio {large / small:.0f}); {per_sample:.0f} bytes per sample against "
        f"X's {x_per_sample}."
    )
    # fit() keeps two N-sized integer arrays, the encoded labels and each epoch's
    # shuffling order (8 bytes per sample each): the size of y, not of X. Anything
    # proportional to N * D (a copy of X, a one-hot Y, a boolean mask of X) would
    # show up as a large fraction of X's bytes per sample.
    if per_sample <= 32:
        print(
            "  target met: beyond X, memory grows with N only through the labels and "
            "the shuffling order (integers, 8 bytes per sample each), not with N * D."
        )
    else:
        print(
            f"  TARGET MISSED: {per_sample:.0f} bytes per sample beyond X; something "
            "proportional to N * D is allocated."
        )


def main():
    start = time.perf_counter()
    rng = random.Random(SEED)
    print_header()
    bench_softmax(rng)
    bench_digits(rng)
    bench_scaling(rng)
    bench_memory()
    print(f"\ntotal {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
