"""PyTorch CPU reference for the workloads of backend-bench, on one thread.

Times, like the tfjs side: each n x n matMul of `matmulSizes`; conv2d of `conv2d.input` [b, h, w, c] with
`conv2d.filter` [kh, kw, c, out] (stride 1, same padding; NCHW in torch); and one training step of the CNN of
apps/backend-bench/src/cnn.ts: conv3x3 1->c1 (same) + bias + ReLU + maxPool 2x2, conv3x3 c1->c2 (same) + bias +
ReLU + maxPool 2x2, dense (size/4)^2*c2 -> classes, softmax cross-entropy (mean over the batch), one Adam step
(zero_grad, forward, backward, update) on a fixed batch of uniform images, the loss read back (.item()) like the
tfjs step reads it. Timing: warm-up calls, then timed calls until minRuns and minTimeMs (at most maxRuns); the
median in ms. matMul and conv2d run under no_grad; on CPU torch returns once the result is computed.

Usage: python3 torch_workloads.py '<json: matmulSizes, conv2d, trainStep, timing>'
Prints one JSON object: {"torch": version, "threads": 1, "timings": {"matmul-<n>": t, "conv2d": t,
"train-step": t}} with t = {"medianMs", "minMs", "maxMs", "runs"}, and "losses" of the training steps.
"""

import json
import statistics
import sys
import time

import torch
from torch import nn


def measure(fn, timing) -> dict:
    for _ in range(timing["warmup"]):
        fn()
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < timing["maxRuns"] and (
        len(samples) < timing["minRuns"] or (time.perf_counter() - started) * 1000 < timing["minTimeMs"]
    ):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return {
        "medianMs": statistics.median(samples),
        "minMs": min(samples),
        "maxMs": max(samples),
        "runs": len(samples),
    }


def build(image_size: int, c1: int, c2: int, classes: int) -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, c1, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(c1, c2, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear((image_size // 4) ** 2 * c2, classes),
    )


def train_step(config):
    batch, size = config["batch"], config["imageSize"]
    c1, c2 = config["channels"]
    classes = config["classes"]
    model = build(size, c1, c2, classes)
    optimizer = torch.optim.Adam(model.parameters(), lr=config["learningRate"])
    images = torch.rand(batch, 1, size, size)
    labels = torch.randint(0, classes, (batch,))
    loss_fn = nn.CrossEntropyLoss()
    losses: list[float] = []

    def step() -> None:
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())

    return step, losses


def main() -> None:
    config = json.loads(sys.argv[1])
    torch.set_num_threads(1)
    torch.manual_seed(0)
    timing = config["timing"]
    timings: dict[str, dict] = {}
    with torch.no_grad():
        for n in config["matmulSizes"]:
            a, b = torch.randn(n, n), torch.randn(n, n)
            timings[f"matmul-{n}"] = measure(lambda: torch.mm(a, b), timing)
        bsz, h, w, c = config["conv2d"]["input"]
        kh, kw, _, out = config["conv2d"]["filter"]
        x, k = torch.randn(bsz, c, h, w), torch.randn(out, c, kh, kw)
        timings["conv2d"] = measure(lambda: nn.functional.conv2d(x, k, padding="same"), timing)
    step, losses = train_step(config["trainStep"])
    timings["train-step"] = measure(step, timing)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "timings": timings, "losses": losses}))


if __name__ == "__main__":
    main()
