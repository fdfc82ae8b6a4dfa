#!/usr/bin/env python3
"""High-precision implicit reparameterization gradients dz/dθ = −(∂F/∂θ)(z; θ)/p(z; θ) at fixed points.

Writes fixtures/reference.json for apps/implicit-reparam-accuracy. Run with Debian's Python (scipy, mpmath):
    /usr/bin/python3 apps/implicit-reparam-accuracy/scripts/reference.py
(apt-get install -y python3-scipy python3-mpmath if missing). Deterministic; about a minute.

Every parameter and point is rounded to float32 first, so that the tfjs (float32) and float64 methods of the app
see exactly the values the reference is computed at. Points: quantiles of the distribution (scipy, float64),
kept where the float32 value is ≥ 1e-30 (float32 cannot hold smaller draws to full precision).

- gamma: Gamma(α, 1), ∂z/∂α with ∂P(α, z)/∂α by mpmath.diff of mpmath.gammainc (50 digits).
- beta: x = G₁/(G₁ + G₀), G₁ ~ Gamma(a), G₀ ~ Gamma(b) at fixed (G₁, G₀) (the representation of
  @proj/implicit-reparam's Beta): ∂x/∂a = (1 − x)(∂G₁/∂a)/(G₁ + G₀).
- vonMises: vM(0, κ), ∂z/∂κ with ∂F/∂κ = ∫_{−π}^{z} (cos t − I₁(κ)/I₀(κ)) p(t; κ) dt by mpmath.quad (40 digits),
  using F(z) + F(−z) = 1 for z > 0.
"""
import json
import os

import mpmath
import numpy as np
from scipy import special, stats

mpmath.mp.dps = 50
F32 = lambda v: float(np.float32(v))
TINY = 1e-30

GAMMA_ALPHAS = [F32(v) for v in np.logspace(-3, 4, 15)]
GAMMA_QUANTILES = [0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999]
BETA_CONCENTRATIONS = [F32(v) for v in [0.01, 0.1, 1, 10, 100, 1000]]
BETA_QUANTILES = [0.1, 0.5, 0.9]
VM_KAPPAS = [F32(v) for v in np.logspace(-4, 4, 17)]
VM_QUANTILES = [0.001, 0.01, 0.1, 0.3, 0.7, 0.9, 0.99, 0.999]


def gamma_grad(alpha, z):
    a, x = mpmath.mpf(alpha), mpmath.mpf(z)
    dp = mpmath.diff(lambda s: mpmath.gammainc(s, 0, x, regularized=True), a)
    log_p = (a - 1) * mpmath.log(x) - x - mpmath.loggamma(a)
    return -dp / mpmath.exp(log_p)


def gamma_points(alpha):
    zs = [F32(special.gammaincinv(alpha, u)) for u in GAMMA_QUANTILES]
    return [(u, z) for u, z in zip(GAMMA_QUANTILES, zs) if z >= TINY and np.isfinite(z)]


def vm_grad(kappa, z):
    mpmath.mp.dps = 40
    k, x = mpmath.mpf(kappa), mpmath.mpf(z)
    sign = 1
    if x > 0:
        x, sign = -x, -1
    i0e = mpmath.besseli(0, k) * mpmath.exp(-k)
    ratio = mpmath.besseli(1, k) / mpmath.besseli(0, k)
    density = lambda t: mpmath.exp(k * (mpmath.cos(t) - 1)) / (2 * mpmath.pi * i0e)
    width = 30 / mpmath.sqrt(k)
    cuts = [-mpmath.pi] + ([x - width] if x - width > -mpmath.pi else []) + [x]
    dF = mpmath.quad(lambda t: (mpmath.cos(t) - ratio) * density(t), cuts)
    grad = -sign * dF / density(x)
    mpmath.mp.dps = 50
    return grad


def main():
    gamma = []
    for alpha in GAMMA_ALPHAS:
        for u, z in gamma_points(alpha):
            gamma.append({"alpha": alpha, "u": u, "z": z, "grad": float(gamma_grad(alpha, z))})
    print(f"gamma: {len(gamma)} points")

    beta = []
    cache = {}
    for a in BETA_CONCENTRATIONS:
        for b in BETA_CONCENTRATIONS:
            for u1 in BETA_QUANTILES:
                g1 = F32(special.gammaincinv(a, u1))
                if g1 < TINY:
                    continue
                if (a, g1) not in cache:
                    cache[(a, g1)] = gamma_grad(a, g1)
                for u0 in BETA_QUANTILES:
                    g0 = F32(special.gammaincinv(b, u0))
                    if g0 < TINY:
                        continue
                    s = mpmath.mpf(g1) + mpmath.mpf(g0)
                    x = mpmath.mpf(g1) / s
                    grad = (1 - x) * cache[(a, g1)] / s
                    beta.append({"a": a, "b": b, "u1": u1, "u0": u0, "g1": g1, "g0": g0, "grad": float(grad)})
    print(f"beta: {len(beta)} points")

    von_mises = []
    for kappa in VM_KAPPAS:
        for u in VM_QUANTILES:
            z = F32(stats.vonmises.ppf(u, kappa))
            if not np.isfinite(z) or z == 0:
                continue
            von_mises.append({"kappa": kappa, "u": u, "z": z, "grad": float(vm_grad(kappa, z))})
    print(f"vonMises: {len(von_mises)} points")

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "reference.json")
    meta = {
        "generator": "scripts/reference.py",
        "mpmath": mpmath.__version__,
        "scipy": __import__("scipy").__version__,
        "definition": "grad = dz/dθ = −(∂F/∂θ)(z; θ)/p(z; θ) at float32-rounded (θ, z); beta: ∂x/∂a at fixed (g1, g0)",
    }
    with open(out, "w") as f:
        json.dump({"meta": meta, "gamma": gamma, "beta": beta, "vonMises": von_mises}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
