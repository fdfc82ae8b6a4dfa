# PyTorch side of bench/implicit.bench.ts: median milliseconds of n = 1e6 reparameterized draws
# Beta(a, b).rsample((n,)) plus backward of their sum to (a, b), on one thread, for each a = b given.
# Prints one JSON object {"torch": version, "a=0.1": [wall ms, process CPU ms], ...} (medians), or
# {"torch": null} when this Python has no torch.
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
VALUES = [float(a) for a in sys.argv[1:]] or [0.1, 1.0, 10.0]


def run(value, seed):
    torch.manual_seed(seed)
    a = torch.tensor(value, requires_grad=True)
    b = torch.tensor(value, requires_grad=True)
    x = torch.distributions.Beta(a, b).rsample((N,))
    x.sum().backward()
    return a.grad.item()


def median_ms(value, min_time=1.0, min_runs=5, max_runs=25):
    for seed in range(2):
        run(value, seed)
    wall, cpu = [], []
    started = time.perf_counter()
    while len(wall) < max_runs and (len(wall) < min_runs or time.perf_counter() - started < min_time):
        t0, c0 = time.perf_counter(), time.process_time()
        run(value, len(wall))
        wall.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    return [statistics.median(wall), statistics.median(cpu)]


print(json.dumps({"torch": torch.__version__, **{f"a={a:g}": median_ms(a) for a in VALUES}}))
