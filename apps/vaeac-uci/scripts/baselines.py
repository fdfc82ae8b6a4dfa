#!/usr/bin/env python3
"""numpy reference of the app's baselines and metrics (src/baselines/*, src/metrics.ts), written independently
(vectorized numpy, np.linalg.solve) from the same definitions.

Writes fixtures/baselines.json, the oracle of test/baselines.test.ts and test/metrics.test.ts:
    python3 apps/vaeac-uci/scripts/baselines.py
Needs numpy only; deterministic; a second.

Cases: a synthetic table (40 rows: 3 correlated reals and a 3-class column that depends on them, 30 % MCAR) and
iris (4 reals + species, 50 % MCAR) with masks drawn here by numpy. For each: mean imputation, the iterative ridge
imputer (10 rounds, lambda = 1), kNN (k = 5); and NRMSE / PFC / spread of three perturbed "imputations".
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")


def encode(table, cats):
    """Standardize reals on observed values (population std, floor 1e-9), one-hot categoricals (NaN if missing)."""
    blocks, groups = [], []
    start = 0
    for j, k in enumerate(cats):
        col = table[:, j]
        obs = ~np.isnan(col)
        if k == 0:
            mu = col[obs].mean()
            sd = max(col[obs].std(), 1e-9)
            blocks.append(((col - mu) / sd)[:, None])
            groups.append((start, 1, 0, mu, sd))
            start += 1
        else:
            oh = np.full((len(col), k), np.nan)
            oh[obs] = np.eye(k)[col[obs].astype(int)]
            blocks.append(oh)
            groups.append((start, k, k, 0.0, 1.0))
            start += k
    return np.hstack(blocks), groups


def mode(codes, k):
    return int(np.argmax(np.bincount(np.asarray(codes, dtype=int), minlength=k)))


def mean_impute(table, cats):
    out = table.copy()
    for j, k in enumerate(cats):
        col = table[:, j]
        obs = ~np.isnan(col)
        out[~obs, j] = col[obs].mean() if k == 0 else mode(col[obs], k)
    return out


def decode(table, enc, groups):
    out = table.copy()
    for j, (s, size, k, mu, sd) in enumerate(groups):
        miss = np.isnan(table[:, j])
        out[miss, j] = enc[miss, s] * sd + mu if k == 0 else np.argmax(enc[miss, s:s + size], axis=1)
    return out


def iterative_ridge(table, cats, iterations=10, lam=1.0):
    x, groups = encode(table, cats)
    cur = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
    for _ in range(iterations):
        for j, (s, size, k, _, _) in enumerate(groups):
            miss = np.isnan(table[:, j])
            if miss.sum() == 0 or (~miss).sum() < 2:
                continue
            pred_cols = np.r_[0:s, s + size:x.shape[1]]
            a, y = cur[~miss][:, pred_cols], cur[~miss][:, s:s + size]
            am, ym = a.mean(axis=0), y.mean(axis=0)
            ac, yc = a - am, y - ym
            coef = np.linalg.solve(ac.T @ ac + lam * np.eye(a.shape[1]), ac.T @ yc)
            p = ym + (cur[miss][:, pred_cols] - am) @ coef
            if k == 0:
                cur[miss, s] = p[:, 0]
            else:
                cur[np.ix_(miss, np.arange(s, s + size))] = np.eye(k)[np.argmax(p, axis=1)]
    return decode(table, cur, groups)


def knn(table, cats, k=5):
    x, groups = encode(table, cats)
    n, width = x.shape
    out = table.copy()
    for i in range(n):
        if not np.isnan(table[i]).any():
            continue
        d2 = (x[i] - x) ** 2
        present = (~np.isnan(d2)).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            dist = np.sqrt(width / present * np.nansum(d2, axis=1))
        dist = np.round(dist * 1e9)  # mathematically equal distances tie (broken by the row index)
        dist[present == 0] = np.nan
        dist[i] = np.nan
        for j, kk in enumerate(cats):
            if not np.isnan(table[i, j]):
                continue
            ok = np.where(~np.isnan(table[:, j]) & ~np.isnan(dist))[0]
            order = ok[np.lexsort((ok, dist[ok]))][:k]
            vals = table[order, j] if len(order) else table[~np.isnan(table[:, j]), j]
            out[i, j] = vals.mean() if kk == 0 else mode(vals, kk)
    return out


def metrics(truth, mask, imps, cats):
    imps = np.asarray(imps)
    nr, pf, sp, spc = [], [], [], []
    for j, k in enumerate(cats):
        m = mask[:, j]
        if not m.any():
            nr.append(None), pf.append(None), sp.append(None), spc.append(None)
            continue
        if k == 0:
            sd = truth[:, j].std()
            nr.append(float(np.sqrt(np.mean((imps[:, m, j].mean(axis=0) - truth[m, j]) ** 2)) / sd))
            sp.append(float(imps[:, m, j].std(axis=0).mean() / sd))
            pf.append(None), spc.append(None)
        else:
            votes = np.array([mode(imps[:, i, j], k) for i in np.where(m)[0]])
            pf.append(float(np.mean(votes != truth[m, j])))
            spc.append(float(np.mean([len(set(imps[:, i, j])) > 1 for i in np.where(m)[0]])))
            nr.append(None), sp.append(None)
    return {"nrmse": nr, "pfc": pf, "spread": sp, "spreadCategorical": spc}


def case(name, truth, cats, p, rng):
    mask = rng.random(truth.shape) < p
    corrupted = np.where(mask, np.nan, truth)
    imps = []
    for _ in range(3):
        imp = mean_impute(corrupted, cats)
        noisy = imp + rng.normal(0, 0.3, imp.shape) * np.array([1.0 if k == 0 else 0.0 for k in cats])
        for j, k in enumerate(cats):
            if k:
                flip = mask[:, j] & (rng.random(len(truth)) < 0.4)
                noisy[flip, j] = rng.integers(0, k, flip.sum())
        imps.append(np.where(mask, noisy, truth))
    nan = lambda a: [[None if np.isnan(v) else float(v) for v in row] for row in a]  # noqa: E731
    return {
        "name": name,
        "categories": cats,
        "truth": truth.tolist(),
        "mask": mask.tolist(),
        "mean": nan(mean_impute(corrupted, cats)),
        "iterativeRidge": nan(iterative_ridge(corrupted, cats)),
        "knn": nan(knn(corrupted, cats)),
        "imputations": [a.tolist() for a in imps],
        "metrics": metrics(truth, mask, imps, cats),
    }


rng = np.random.default_rng(20190506)
n = 40
z = rng.normal(size=(n, 2))
reals = np.c_[z[:, 0], z[:, 0] * 0.8 + 0.3 * z[:, 1], 2 + 3 * z[:, 1]]
label = (reals[:, 0] > 0.5).astype(int) + (reals[:, 2] > 3).astype(int)
synthetic = np.c_[reals, label]
iris_rows = np.loadtxt(os.path.join(ROOT, "data", "iris.csv"), delimiter=",", skiprows=1)
cases = [case("synthetic", synthetic, [0, 0, 0, 3], 0.3, rng), case("iris", iris_rows, [0, 0, 0, 0, 3], 0.5, rng)]
with open(os.path.join(ROOT, "fixtures", "baselines.json"), "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f)
    f.write("\n")
