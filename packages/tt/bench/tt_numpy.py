# numpy side of bench/tt.bench.ts: the T3F benchmark ops (JMLR 2020 table; docs/benchmark in Bihaqo/t3f) written
# in numpy float32 with the algorithms @proj/tt uses (T3F's), timed as median milliseconds and printed as one
# JSON object {case: ms}. Batched ops work on all elements at once (numpy's stacked matmul, qr and svd).
# Usage: python3 tt_numpy.py '{"batch": 100, "productBatch": 10, "roundBatch": 10}'
# (batch: norm and gram; productBatch: matvec and matmul, whose rank-100 results take 4 MB per vector and
# 40 MB per matrix in float32; roundBatch: round of rank-100 vectors). Optional keys (bench/cases.ts, used by
# apps/t3f-benchmark): "d", "mode", "rank", "bigRank" (the paper's 10, 10, 10, 100 when absent), "cases" (the
# case names to time; all when absent) and "timing" ({"minTimeMs", "minRuns", "maxRuns"}; 500, 10, 200).
# One thread: the bench sets OPENBLAS_NUM_THREADS=1 (set here too, before numpy loads, when run by hand).
import json
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

CONFIG = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {"batch": 100, "productBatch": 10, "roundBatch": 10}
D, N, R = CONFIG.get("d", 10), CONFIG.get("mode", 10), CONFIG.get("rank", 10)
BIG_RANK = CONFIG.get("bigRank", 100)
TIMING = CONFIG.get("timing", {})
rng = np.random.default_rng(0)


def random_cores(batch, rows, cols, rank):
    """random_matrix_batch: cores N(0, s_c^2), s_c = prod_k r_k^(-1/(2d)) (T3F scaling, stddev 1)."""
    ranks = [1] + [rank] * (D - 1) + [1]
    sc = math.exp(-sum(math.log(r) for r in ranks) / (2 * D))
    return [(rng.standard_normal((batch, ranks[k], rows, cols, ranks[k + 1])) * sc).astype(np.float32)
            for k in range(D)]


def matmul(a_cores, b_cores):
    """TT x TT matmul, batched (a batch of 1 broadcasts): core k = sum_j A[a,i,j,b] B[c,j,l,e] -> [(a,c), i, l, (b,e)]."""
    out = []
    for a, b in zip(a_cores, b_cores):
        batch = max(a.shape[0], b.shape[0])
        _, ra, m, n, ra2 = a.shape
        _, rb, _, l, rb2 = b.shape
        at = np.broadcast_to(a.transpose(0, 1, 2, 4, 3).reshape(a.shape[0], ra * m * ra2, n), (batch, ra * m * ra2, n))
        bt = np.broadcast_to(b.transpose(0, 2, 1, 3, 4).reshape(b.shape[0], n, rb * l * rb2), (batch, n, rb * l * rb2))
        c = np.matmul(at, bt).reshape(batch, ra, m, ra2, rb, l, rb2)
        out.append(np.ascontiguousarray(c.transpose(0, 1, 4, 2, 5, 3, 6)).reshape(batch, ra * rb, m, l, ra2 * rb2))
    return out


def flat_inner(a_cores, b_cores):
    """<A, B> per batch element: running phi [B, ra, rb], two batched matmuls per core."""
    batch = a_cores[0].shape[0]
    phi = np.ones((batch, 1, 1), np.float32)
    for a, b in zip(a_cores, b_cores):
        ra, ra2, rb, rb2 = a.shape[1], a.shape[-1], b.shape[1], b.shape[-1]
        n = a.size // (batch * ra * ra2)
        left = np.matmul(a.reshape(batch, ra, n * ra2).transpose(0, 2, 1), phi).reshape(batch, n, ra2, rb)
        phi = np.matmul(left.transpose(0, 2, 3, 1).reshape(batch, ra2, rb * n), b.reshape(batch, rb * n, rb2))
    return phi.reshape(batch)


def gram_matrix(cores):
    """All pairwise <V_i, V_j>: running phi [B, B, r, r], two batched matmuls per core."""
    batch = cores[0].shape[0]
    phi = np.ones((batch, batch, 1, 1), np.float32)
    for core in cores:
        r, r2 = core.shape[1], core.shape[-1]
        n = core.size // (batch * r * r2)
        c = core.reshape(batch, r, n * r2)
        # tmp[i, j, rb, n, ra2] = sum_ra phi[i, j, ra, rb] A_i[ra, n, ra2]
        tmp = np.matmul(phi.transpose(0, 1, 3, 2).reshape(batch, batch * r, r), c).reshape(batch, batch, r, n, r2)
        # phi[i, j, ra2, rb2] = sum_{rb, n} tmp[i, j, rb, n, ra2] B_j[rb, n, rb2]
        tmp = tmp.transpose(1, 0, 4, 2, 3).reshape(batch, batch * r2, r * n)
        phi = np.matmul(tmp, c.reshape(batch, r * n, r2)).reshape(batch, batch, r2, r2).transpose(1, 0, 2, 3)
    return phi.reshape(batch, batch)


def frobenius_norm(cores):
    """frobenius_norm(differentiable=True) = sqrt(flat_inner(A, A)), epsilon 0."""
    return np.sqrt(flat_inner(cores, cores))


def round_tt(cores, max_rank):
    """T3F round: left-to-right QR orthogonalization, then right-to-left truncated SVDs (stacked over the batch)."""
    cores = [c.reshape(c.shape[0], c.shape[1], -1, c.shape[-1]) for c in cores]
    shapes = [c.shape[2] for c in cores]
    batch = cores[0].shape[0]
    for k in range(D - 1):
        _, r, n, r2 = cores[k].shape
        q, rr = np.linalg.qr(cores[k].reshape(batch, r * n, r2))
        cores[k] = q.reshape(batch, r, n, q.shape[-1])
        cores[k + 1] = np.matmul(rr, cores[k + 1].reshape(batch, r2, -1)).reshape(batch, q.shape[-1], shapes[k + 1], -1)
    for k in range(D - 1, 0, -1):
        _, r, n, r2 = cores[k].shape
        u, s, vt = np.linalg.svd(cores[k].reshape(batch, r, n * r2), full_matrices=False)
        rank = min(max_rank, s.shape[-1])
        cores[k] = vt[:, :rank].reshape(batch, rank, n, r2)
        us = u[:, :, :rank] * s[:, None, :rank]
        prev = cores[k - 1]
        cores[k - 1] = np.matmul(prev.reshape(batch, -1, r), us).reshape(batch, prev.shape[1], prev.shape[2], rank)
    return cores


def tt_svd(dense, max_rank):
    """TT-SVD of a dense tensor (T3F to_tt_tensor): sequential truncated SVDs of the unfoldings."""
    shape = dense.shape
    cores, remainder, r_prev = [], dense, 1
    for n in shape[:-1]:
        u, s, vt = np.linalg.svd(remainder.reshape(r_prev * n, -1), full_matrices=False)
        rank = min(max_rank, s.shape[0])
        cores.append(u[:, :rank].reshape(r_prev, n, rank))
        remainder = s[:rank, None] * vt[:rank]
        r_prev = rank
    cores.append(remainder.reshape(r_prev, shape[-1], 1))
    return cores


def median_ms(fn, min_time=TIMING.get("minTimeMs", 500) / 1e3, min_runs=TIMING.get("minRuns", 10),
              max_runs=TIMING.get("maxRuns", 200)):
    fn()
    samples = []
    started = time.perf_counter()
    while len(samples) < max_runs and (len(samples) < min_runs or time.perf_counter() - started < min_time):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e3)
    return float(np.median(samples))


B, PB, RB = CONFIG["batch"], CONFIG["productBatch"], CONFIG["roundBatch"]
A = random_cores(B, N, N, R)
A1 = [c[:1] for c in A]
AP = [c[:PB] for c in A]
V = random_cores(B, N, 1, R)
V1 = [c[:1] for c in V]
VP = [c[:PB] for c in V]
V100 = random_cores(RB, N, 1, BIG_RANK)
V100_1 = [c[:1] for c in V100]
DENSE = rng.standard_normal((N, N, N, N)).astype(np.float32)

CASES = {
    "matvec one": lambda: matmul(A1, V1),
    "matvec batch": lambda: matmul(A1, VP),
    "matmul one": lambda: matmul(A1, A1),
    "matmul batch": lambda: matmul(A1, AP),
    "norm one": lambda: frobenius_norm(A1),
    "norm batch": lambda: frobenius_norm(A),
    "gram one": lambda: flat_inner(V1, V1),
    "gram batch": lambda: gram_matrix(V),
    "round one": lambda: round_tt(V100_1, R),
    "round batch": lambda: round_tt(V100, R),
    "tt_svd one": lambda: tt_svd(DENSE, R),
}

SELECTED = CONFIG.get("cases", list(CASES))
print(json.dumps({name: median_ms(CASES[name]) for name in SELECTED}))
