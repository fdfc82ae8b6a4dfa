#!/usr/bin/env python3
"""PyTorch's own implicit Gamma gradient (`torch._standard_gamma_grad`, the piecewise approximation of Gamma.rsample)
at the Gamma points of fixtures/reference.json, in float64.

Writes fixtures/pytorch-piecewise.json, the oracle of test/pytorch-piecewise.test.ts (which checks the app's port in
src/pytorch-piecewise.ts). Needs PyTorch (Debian: apt-get install -y python3-torch):
    /usr/bin/python3 apps/implicit-reparam-accuracy/scripts/pytorch-piecewise.py
Deterministic; a second.
"""
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "fixtures", "reference.json")) as f:
    reference = json.load(f)

# The Gamma points and both Gammas of every Beta point (G1 at a, G0 at b; today a subset of the Gamma points).
points = sorted(
    {(p["alpha"], p["z"]) for p in reference["gamma"]}
    | {(p["a"], p["g1"]) for p in reference["beta"]}
    | {(p["b"], p["g0"]) for p in reference["beta"]}
)
alpha = torch.tensor([a for a, _ in points], dtype=torch.float64)
z = torch.tensor([x for _, x in points], dtype=torch.float64)
grad = torch._standard_gamma_grad(alpha, z)
out = {
    "torch": torch.__version__,
    "points": [{"alpha": a, "z": x, "grad": g} for (a, x), g in zip(points, grad.tolist())],
}
with open(os.path.join(HERE, "..", "fixtures", "pytorch-piecewise.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {len(points)} points (torch {torch.__version__})")
