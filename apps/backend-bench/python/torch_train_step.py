"""PyTorch CPU reference for the CNN training step of backend-bench, on one thread.

The same model as apps/backend-bench/src/cnn.ts: conv3x3 1->c1 (same) + bias + ReLU + maxPool 2x2, conv3x3 c1->c2
(same) + bias + ReLU + maxPool 2x2, dense (size/4)^2*c2 -> classes, softmax cross-entropy (mean over the batch),
one Adam step (zero_grad, forward, backward, update) on a fixed batch of uniform images. Timing: median of the
step in ms, the loss read back (.item()) like the tfjs step reads it, after warm-up calls.

Usage: python3 torch_train_step.py '<json: batch, imageSize, channels, classes, learningRate, timing>'
Prints one JSON object: {"torch": version, "threads": 1, "medianMs", "minMs", "maxMs", "runs", "losses"}.
"""

import json
import statistics
import sys
import time

import torch
from torch import nn


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


def main() -> None:
    config = json.loads(sys.argv[1])
    torch.set_num_threads(1)
    torch.manual_seed(0)
    batch, size = config["batch"], config["imageSize"]
    c1, c2 = config["channels"]
    classes = config["classes"]
    model = build(size, c1, c2, classes)
    optimizer = torch.optim.Adam(model.parameters(), lr=config["learningRate"])
    images = torch.rand(batch, 1, size, size)
    labels = torch.randint(0, classes, (batch,))
    loss_fn = nn.CrossEntropyLoss()

    def step() -> float:
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    timing = config["timing"]
    losses = [step() for _ in range(timing["warmup"])]
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < timing["maxRuns"] and (
        len(samples) < timing["minRuns"] or (time.perf_counter() - started) * 1000 < timing["minTimeMs"]
    ):
        t0 = time.perf_counter()
        losses.append(step())
        samples.append((time.perf_counter() - t0) * 1000)
    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
                "medianMs": statistics.median(samples),
                "minMs": min(samples),
                "maxMs": max(samples),
                "runs": len(samples),
                "losses": losses,
            }
        )
    )


if __name__ == "__main__":
    main()
