"""PyTorch reference for bench/fit.bench.ts: one VAEAC training epoch on 178x13 data, 1 thread.

The authors' tabular architecture (tigvarts/vaeac imputation_networks.py): proposal and prior Linear(in->w), LeakyReLU,
`depth` residual blocks, Linear(w->2L); generative Linear(L->w), depth+1 residual blocks that concatenate the
prior's stored activations, Linear(w+prior_in->2D). Per epoch: the 151 training rows in 3 batches of 64 (Adam step
on -mean VLB) and IWAE (K = 25) on the 27 validation rows, as in fit(). Prints {"seconds": median per epoch}.
Usage: python fit_reference.py WIDTH DEPTH LATENT
"""
import json
import sys
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)
width, depth, latent = (int(a) for a in sys.argv[1:4])
rows, d = 178, 13
prior_in, proposal_in = 2 * d, 3 * d


class Encoder(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.inp = nn.Linear(n_in, width)
        self.blocks = nn.ModuleList(nn.Linear(width, width) for _ in range(depth))
        self.out = nn.Linear(width, 2 * latent)

    def forward(self, x):
        h = nn.functional.leaky_relu(self.inp(x))
        skips = []
        for block in self.blocks:
            skips.append(h)
            h = h + nn.functional.leaky_relu(block(h))
        skips.append(h)
        mu, s = self.out(h).chunk(2, -1)
        return mu, nn.functional.softplus(s).clamp(min=1e-3), skips


class Generative(nn.Module):
    def __init__(self):
        super().__init__()
        self.inp = nn.Linear(latent, width)
        self.blocks = nn.ModuleList(nn.Linear(2 * width, width) for _ in range(depth + 1))
        self.out = nn.Linear(width + prior_in, 2 * d)

    def forward(self, z, skips, x_prior):
        h = nn.functional.leaky_relu(self.inp(z))
        for j, block in enumerate(self.blocks):
            h = h + nn.functional.leaky_relu(block(torch.cat([h, skips[depth - j]], -1)))
        return self.out(torch.cat([h, x_prior], -1))


proposal, prior, generative = Encoder(proposal_in), Encoder(prior_in), Generative()
params = [*proposal.parameters(), *prior.parameters(), *generative.parameters()]
optimizer = torch.optim.Adam(params, lr=3e-4)
x = torch.randn(rows, d)
b = (torch.rand(rows, d) < 0.2).float()


def log_lik(out, target, mask):
    mu = out[:, 0::2]
    return (-0.5 * (target - mu) ** 2 * mask).sum(-1)


def vlb(idx):
    xb, bb = x[idx], b[idx]
    p_mu, p_sigma, skips = prior(torch.cat([xb * (1 - bb), bb], -1))
    q_mu, q_sigma, _ = proposal(torch.cat([xb, torch.zeros_like(xb), bb], -1))
    z = q_mu + q_sigma * torch.randn_like(q_mu)
    rec = log_lik(generative(z, skips, torch.cat([xb * (1 - bb), bb], -1)), xb, bb)
    kl = (torch.log(p_sigma / q_sigma) + (q_sigma**2 + (q_mu - p_mu) ** 2) / (2 * p_sigma**2) - 0.5).sum(-1)
    return rec - kl


def iwae(idx, k=25):
    with torch.no_grad():
        xb, bb = x[idx], b[idx]
        p_in = torch.cat([xb * (1 - bb), bb], -1)
        p_mu, p_sigma, skips = prior(p_in)
        q_mu, q_sigma, _ = proposal(torch.cat([xb, torch.zeros_like(xb), bb], -1))
        z = q_mu + q_sigma * torch.randn(k, *q_mu.shape)
        n = len(idx)
        out = generative(z.reshape(k * n, latent), [s.repeat(k, 1) for s in skips], p_in.repeat(k, 1))
        rec = log_lik(out, xb.repeat(k, 1), bb.repeat(k, 1)).reshape(k, n)
        log_p = torch.distributions.Normal(p_mu, p_sigma).log_prob(z).sum(-1)
        log_q = torch.distributions.Normal(q_mu, q_sigma).log_prob(z).sum(-1)
        return (torch.logsumexp(rec + log_p - log_q, 0) - torch.log(torch.tensor(float(k)))).mean()


train, valid = torch.arange(27, rows), torch.arange(27)
times = []
for epoch in range(6):
    start = time.perf_counter()
    order = train[torch.randperm(len(train))]
    order = torch.cat([order, order[: 3 * 64 - len(order)]])
    for step in range(3):
        optimizer.zero_grad()
        loss = -vlb(order[step * 64 : (step + 1) * 64]).mean()
        loss.backward()
        optimizer.step()
    iwae(valid)
    times.append(time.perf_counter() - start)
times = sorted(times[1:])
print(json.dumps({"seconds": times[len(times) // 2], "torch": torch.__version__}))
