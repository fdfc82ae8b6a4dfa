# PyTorch side of bench/gamma.bench.ts: median milliseconds of n = 1e6 reparameterized draws
# Gamma(alpha, 1).rsample((n,)) plus backward of their sum to alpha, on one thread, for each alpha.
# Prints one JSON object {"torch": version, "alpha=0.1": [wall ms, process CPU ms], ...} (medians), or
# {"torch": null} when this Python has no torch. CPU time is less sensitive to other load on the machine.
import json
import statistics
import sys
import time

try:
    import torch
except ImportError:
    print(json.dumps({"torch": None}))
    sys.exit(0)

torch.set_num_threads(1)
N = 1_000_000
ALPHAS = [float(a) for a in sys.argv[1:]] or [0.1, 1.0, 10.0]


def run(alpha_value, seed):
    torch.manual_seed(seed)
    alpha = torch.tensor(alpha_value, requires_grad=True)
    x = torch.distributions.Gamma(alpha, torch.tensor(1.0)).rsample((N,))
    x.sum().backward()
    return alpha.grad.item()


def median_ms(alpha, min_time=1.0, min_runs=5, max_runs=25):
    for seed in range(2):
        run(alpha, seed)
    wall, cpu = [], []
    started = time.perf_counter()
    while len(wall) < max_runs and (len(wall) < min_runs or time.perf_counter() - started < min_time):
        t0, c0 = time.perf_counter(), time.process_time()
        run(alpha, len(wall))
        wall.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    return [statistics.median(wall), statistics.median(cpu)]


print(json.dumps({"torch": torch.__version__, **{f"alpha={a:g}": median_ms(a) for a in ALPHAS}}))
