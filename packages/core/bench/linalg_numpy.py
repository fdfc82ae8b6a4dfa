# numpy side of bench/linalg.bench.ts: median milliseconds of numpy.linalg (LAPACK through OpenBLAS) on the
# benchmark's cases, in float64 and float32, printed as one JSON object {case: {"float64": ms, "float32": ms}}.
# One thread: the bench sets OPENBLAS_NUM_THREADS=1 (set here too, before numpy loads, when run by hand).
import json
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

rng = np.random.default_rng(0)


def spd(batch, n):
    a = rng.standard_normal((batch, n, n))
    return a @ np.swapaxes(a, -1, -2) / n + np.eye(n)


def truncated_svd(x, rank=10):
    u, s, vt = np.linalg.svd(x, full_matrices=False)
    return u[:, :rank], s[:rank], vt[:rank]


CASES = {
    "svd 512x64": (lambda x: np.linalg.svd(x, full_matrices=False), rng.standard_normal((512, 64))),
    "svd 100 x 16x16": (lambda x: np.linalg.svd(x, full_matrices=False), rng.standard_normal((100, 16, 16))),
    "qr 256x64": (np.linalg.qr, rng.standard_normal((256, 64))),
    "qr 1000x100": (np.linalg.qr, rng.standard_normal((1000, 100))),
    "qr 10 x 1000x100": (np.linalg.qr, rng.standard_normal((10, 1000, 100))),
    "truncatedSvd 100x100 rank 10": (truncated_svd, rng.standard_normal((100, 100))),
    "cholesky 100 x 16x16": (np.linalg.cholesky, spd(100, 16)),
    "inv 100 x 16x16": (np.linalg.inv, rng.standard_normal((100, 16, 16)) + 4 * np.eye(16)),
}


def median_ms(fn, x, min_time=0.5, min_runs=20):
    fn(x)
    samples = []
    started = time.perf_counter()
    while len(samples) < min_runs or time.perf_counter() - started < min_time:
        t0 = time.perf_counter()
        fn(x)
        samples.append((time.perf_counter() - t0) * 1e3)
    return float(np.median(samples))


print(json.dumps({name: {dtype: median_ms(fn, x.astype(dtype)) for dtype in ("float64", "float32")}
                  for name, (fn, x) in CASES.items()}))
