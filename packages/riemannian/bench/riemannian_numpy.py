# numpy side of bench/riemannian.bench.ts: T3F's project (and project of rank-100 vectors) and Riemannian autodiff
# `gradients` written in numpy float32 with the algorithms @proj/riemannian uses, timed as median milliseconds and
# printed as one JSON object {case: ms}.
#   project: left-to-right QR sweep (U), right-to-left QR sweep (V), the right-to-left rhs sweep and the
#     left-to-right lhs sweep of Lubich-Oseledets-Vandereycken Thm 3.1, gauge projection, block assembly.
#   gradients of f(X) = 1/2 <X, X> - <X, W> (= 1/2 ||X - W||^2 + const): the orthogonalizations, the tangent
#     parametrization T(delta) at delta0 = [V_1, 0, ..., 0] (rank 2r), the flat_inner sweeps of f forward and their
#     reverse pass by hand (what tfjs autodiff does), gauge projection, assembly.
# TT-vectors 10^10 x 1 are TT-tensors with modes (10,)*10 here (the unit column modes change nothing).
# Usage: python3 riemannian_numpy.py '{"batch": 100, "rank100Batch": 10}'; with --check instead, it checks the
# algorithms against their definitions on small ranks and prints ok. Optional keys (bench/cases.ts, used by
# apps/t3f-benchmark): "d", "mode", "rank", "bigRank" (the paper's 10, 10, 10, 100 when absent), "cases" (the case
# names to time; all when absent) and "timing" ({"minTimeMs", "minRuns", "maxRuns"}; 500, 5, 100).
# One thread: the bench sets OPENBLAS_NUM_THREADS=1 (set here too, before numpy loads, when run by hand).
import json
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

CONFIG = json.loads(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "--check" else {"batch": 100, "rank100Batch": 10}
D, N = CONFIG.get("d", 10), CONFIG.get("mode", 10)
RANK, BIG_RANK = CONFIG.get("rank", 10), CONFIG.get("bigRank", 100)
TIMING = CONFIG.get("timing", {})
rng = np.random.default_rng(0)


def random_cores(batch, rank):
    """random_tensor_batch: cores N(0, s_c^2), s_c = prod_k r_k^(-1/(2d)) (T3F scaling, stddev 1)."""
    ranks = [1] + [rank] * (D - 1) + [1]
    sc = math.exp(-sum(math.log(r) for r in ranks) / (2 * D))
    return [(rng.standard_normal((batch, ranks[k], N, ranks[k + 1])) * sc).astype(np.float32) for k in range(D)]


def orthogonalize_left(cores):
    """Left-to-right thin QR sweep of one TT (cores [r, n, r'])."""
    cores = [c.copy() for c in cores]
    for k in range(D - 1):
        r, n, r2 = cores[k].shape
        q, rr = np.linalg.qr(cores[k].reshape(r * n, r2))
        cores[k] = q.reshape(r, n, q.shape[1])
        cores[k + 1] = (rr @ cores[k + 1].reshape(r2, -1)).reshape(q.shape[1], N, -1)
    return cores


def orthogonalize_right(cores):
    """Right-to-left thin QR sweep of one TT."""
    cores = [c.copy() for c in cores]
    for k in range(D - 1, 0, -1):
        r, n, r2 = cores[k].shape
        q, rr = np.linalg.qr(cores[k].reshape(r, n * r2).T)
        cores[k] = q.T.reshape(q.shape[1], n, r2)
        cores[k - 1] = (cores[k - 1].reshape(-1, r) @ rr.T).reshape(cores[k - 1].shape[0], N, q.shape[1])
    return cores


def tangent_space(x):
    left = orthogonalize_left(x)
    return left, orthogonalize_right(left)


def assemble(left, right, deltas):
    """Cores of sum_k U_<k delta_k V_>k: [d_1 U_1], [[V_k, 0], [d_k, U_k]], [V_d; d_d]; deltas with a batch axis."""
    batch = deltas[0].shape[0]
    cores = []
    for k in range(D):
        du = deltas[k]
        tile = lambda c: np.broadcast_to(c, (batch,) + c.shape)  # noqa: E731
        if k == 0:
            cores.append(np.concatenate([du, tile(left[0])], axis=3))
        elif k == D - 1:
            cores.append(np.concatenate([tile(right[k]), du], axis=1))
        else:
            upper = np.concatenate([tile(right[k]), np.zeros_like(du)], axis=3)
            lower = np.concatenate([du, tile(left[k])], axis=3)
            cores.append(np.concatenate([upper, lower], axis=1))
    return cores


def gauge(left, deltas):
    """delta_k - U_k (U_k^T delta_k) for k < d (left unfoldings), batched."""
    out = []
    for k, du in enumerate(deltas):
        if k == D - 1:
            out.append(du)
            continue
        b, r, n, r2 = du.shape
        u = left[k].reshape(r * n, r2)
        flat = du.reshape(b, r * n, r2)
        out.append((flat - u @ (u.T @ flat)).reshape(du.shape))
    return out


def project(what, x):
    """P_x(Z_b) for every element b of a batch Z (cores [B, s, n, s'])."""
    left, right = tangent_space(x)
    batch = what[0].shape[0]
    rhs = [None] * (D + 1)
    rhs[D] = np.ones((batch, 1, 1), np.float32)
    for k in range(D - 1, 0, -1):
        _, s, n, s2 = what[k].shape
        r = right[k].shape[0]
        t = np.matmul(what[k].reshape(batch, s * n, s2), rhs[k + 1]).reshape(batch * s, -1)
        rhs[k] = (t @ right[k].reshape(r, -1).T).reshape(batch, s, r)
    lhs = np.ones((batch, 1, 1), np.float32)
    deltas = []
    for k in range(D):
        _, s, n, s2 = what[k].shape
        r = left[k].shape[0]
        w = np.matmul(lhs, what[k].reshape(batch, s, n * s2)).reshape(batch, r * n, s2)
        if k == D - 1:
            deltas.append(w.reshape(batch, r, n, 1))
            break
        r2 = left[k].shape[2]
        u = left[k].reshape(r * n, r2)
        nxt = np.matmul(u.T, w)
        y = np.matmul(w, rhs[k + 1])
        c = np.matmul(nxt, rhs[k + 1])
        deltas.append((y - u @ c).reshape(batch, r, n, r2))
        lhs = nxt
    return assemble(left, right, deltas)


def flat_inner_with_grad(a, b, same):
    """<A, B> for single TTs (cores [r, n, r']) and d<A, B>/dA_k (A and B the same object when `same`)."""
    phis = [np.ones((1, 1), np.float32)]
    for ak, bk in zip(a, b):
        ra, n, ra2 = ak.shape
        # Phi_k[a2, b2] = sum_{a, n, b} A_k[a, n, a2] Phi_{k-1}[a, b] B_k[b, n, b2]
        tmp = (phis[-1].T @ ak.reshape(ra, n * ra2)).reshape(-1, n, ra2)  # [rb, n, ra2]
        phis.append(tmp.reshape(-1, ra2).T @ bk.reshape(-1, bk.shape[2]))
    value = phis[-1][0, 0]
    psi = np.ones((1, 1), np.float32)
    grads = [None] * D
    for k in range(D - 1, -1, -1):
        ak, bk = a[k], b[k]
        rb, n, rb2 = bk.shape
        # dA_k(i) = Phi_{k-1} B_k(i) Psi_k^T
        t = (phis[k] @ bk.reshape(rb, n * rb2)).reshape(-1, n, rb2)
        grads[k] = t.reshape(-1, rb2) @ psi.T
        grads[k] = grads[k].reshape(ak.shape)
        # Psi_{k-1} = sum_i A_k(i) Psi_k B_k(i)^T
        ra, _, ra2 = ak.shape
        t2 = (ak.reshape(ra * n, ra2) @ psi).reshape(ra, n * rb2)
        psi = t2 @ bk.reshape(rb, n * rb2).T
    if same:
        grads = [2 * g for g in grads]
    return value, grads


def gradients(x, w):
    """Riemannian gradient of f(X) = 1/2 <X, X> - <X, W> by a hand-written reverse pass on T(delta)."""
    left, right = tangent_space(x)
    delta0 = [right[0][None]] + [np.zeros((1,) + c.shape, np.float32) for c in right[1:]]
    cores = [c[0] for c in assemble(left, right, delta0)]
    _, g_xx = flat_inner_with_grad(cores, cores, True)
    _, g_xw = flat_inner_with_grad(cores, w, False)
    blocks = []
    for k in range(D):
        g = 0.5 * g_xx[k] - g_xw[k]
        r = right[k].shape[0]
        r2 = left[k].shape[2]
        if k == 0:
            blocks.append(g[:, :, :r2])
        elif k == D - 1:
            blocks.append(g[r:, :, :])
        else:
            blocks.append(g[r:, :, :r2])
    deltas = gauge(left, [b[None] for b in blocks])
    return assemble(left, right, deltas)


def median_ms(fn, min_time=0.5, min_runs=5, max_runs=100):
    fn()
    samples = []
    started = time.perf_counter()
    while len(samples) < max_runs and (len(samples) < min_runs or time.perf_counter() - started < min_time):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e3)
    return float(np.median(samples))


def subtract_tt(a, b):
    """A - B as a TT with block cores [A_1 B_1], diag(A_k, B_k), [A_d; -B_d]."""
    out = []
    for k, (ak, bk) in enumerate(zip(a, b)):
        if k == 0:
            out.append(np.concatenate([ak, bk], axis=2))
        elif k == D - 1:
            out.append(np.concatenate([ak, -bk], axis=0))
        else:
            upper = np.concatenate([ak, np.zeros((ak.shape[0], N, bk.shape[2]), np.float32)], axis=2)
            lower = np.concatenate([np.zeros((bk.shape[0], N, ak.shape[2]), np.float32), bk], axis=2)
            out.append(np.concatenate([upper, lower], axis=0))
    return out


def self_check():
    """The algorithms against their definitions, on small ranks: <P_x(x), y> = <x, y>, and the gradient of
    1/2 <X, X> - <X, W> equals P_x(X - W) (both paired with a random y)."""
    x = [c[0] for c in random_cores(1, 3)]
    w = [c[0] for c in random_cores(1, 4)]
    y = [c[0] for c in random_cores(1, 2)]
    inner = lambda a, b: flat_inner_with_grad(a, b, False)[0]  # noqa: E731
    px = [c[0] for c in project([c[None] for c in x], x)]
    assert abs(inner(px, y) - inner(x, y)) < 1e-4 * abs(inner(x, y)) + 1e-6
    diff = subtract_tt(x, w)
    g = [c[0] for c in gradients(x, w)]
    p = [c[0] for c in project([c[None] for c in diff], x)]
    assert abs(inner(g, y) - inner(p, y)) < 1e-3 * abs(inner(p, y)) + 1e-5, (inner(g, y), inner(p, y))


if "--check" in sys.argv:
    self_check()
    print("ok")
    sys.exit(0)

B, B100 = CONFIG["batch"], CONFIG["rank100Batch"]
SELECTED = CONFIG.get("cases", ["project one", "project batch", "project rank100 one", "project rank100 batch",
                                "gradients one"])
V = random_cores(B, RANK)
V1 = [c[0] for c in V]
# The rank-100 vectors only where a selected case uses them (40 MB at the paper's sizes).
V100 = random_cores(B100, BIG_RANK) if any("rank100" in n or n == "gradients one" for n in SELECTED) else None
W = [c[0] for c in V100] if V100 is not None else None

CASES = {
    "project one": lambda: project([c[:1] for c in V], V1),
    "project batch": lambda: project(V, V1),
    "project rank100 one": lambda: project([c[:1] for c in V100], V1),
    "project rank100 batch": lambda: project(V100, V1),
    "gradients one": lambda: gradients(V1, W),
}
TIMED = {"min_time": TIMING.get("minTimeMs", 500) / 1e3, "min_runs": TIMING.get("minRuns", 5),
         "max_runs": TIMING.get("maxRuns", 100)}

print(json.dumps({name: median_ms(CASES[name], **TIMED) for name in SELECTED}))
