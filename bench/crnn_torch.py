#!/usr/bin/env python3
"""The communicating C-RNN training step in PyTorch eager, for comparing speed with `edgewise bench`.

Same model as edgewise compiles from experiments/quickstart.yaml: extractor conv(1->10,5) -> maxpool 2
-> ReLU -> conv(10->20,5) -> Dropout2d -> maxpool 2 -> ReLU -> dense 320->f_in; tied cell dense
(f_in+2v)->50->8->(f_in+2v), ReLU after each; R rounds of ReLU-gated messages, max-aggregated over
neighbours on a ring; MSE of every node's output; Adam. Inputs are random tensors of MNIST's shape:
throughput does not depend on pixel values.

Debian: apt-get install python3-torch. Run: python3 bench/crnn_torch.py [--threads 2]
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Crnn(nn.Module):
    def __init__(self, features, v, rounds, hidden=(50, 8)):
        super().__init__()
        self.features, self.v, self.rounds = features, v, rounds
        self.conv1 = nn.Conv2d(1, 10, 5)
        self.conv2 = nn.Conv2d(10, 20, 5)
        self.drop = nn.Dropout2d(0.5)
        self.fc = nn.Linear(320, features)
        width = features + 2 * v
        layers, fan_in = [], width
        for units in hidden:
            layers += [nn.Linear(fan_in, units), nn.ReLU()]
            fan_in = units
        layers += [nn.Linear(fan_in, width), nn.ReLU()]
        self.cell = nn.Sequential(*layers)

    def forward(self, images, links):
        b, n = images.shape[:2]
        x = images.reshape(b * n, 1, 28, 28)
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.drop(self.conv2(x)), 2))
        x = self.fc(x.flatten(1)).reshape(b, n, self.features)
        state = x.new_zeros(b, n, self.v)
        heard = x.new_zeros(b, n, self.v)
        for r in range(self.rounds):
            z = torch.cat([x, state, heard], 2).reshape(b * n, -1)
            h = self.cell(z).reshape(b, n, -1)
            state = h[:, :, self.features:self.features + self.v]
            out = h[:, :, self.features + self.v]
            message = F.relu(state)
            transmits = (message.abs().sum(2) > 0).float()
            receivers = links[:, r] * transmits.unsqueeze(1)
            heard = (message.unsqueeze(1) * receivers.unsqueeze(3)).max(2).values
        return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=5)
    parser.add_argument("--features", type=int, default=25)
    parser.add_argument("--v", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--batches", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)

    n = args.nodes
    ring = torch.zeros(n, n)
    for i in range(n):
        ring[i, (i + 1) % n] = ring[(i + 1) % n, i] = 1
    links = ring.expand(1, args.rounds, n, n)
    model = Crnn(args.features, args.v, args.rounds)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.005)
    times = []
    for step in range(args.warmup + args.batches):
        images = torch.rand(args.batch, n, 1, 28, 28)
        targets = torch.rand(args.batch, 1)
        started = time.perf_counter()
        optimizer.zero_grad()
        loss = ((model(images, links) - targets) ** 2).mean()
        loss.backward()
        optimizer.step()
        if step >= args.warmup:
            times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"torch {torch.__version__}, {args.threads} threads: N = {n}, f_in = {args.features}, v = {args.v}, "
          f"R = {args.rounds}, batch {args.batch}")
    print(f"  median batch {median * 1e3:.2f} ms, mean {statistics.mean(times) * 1e3:.2f} ms")
    print(f"  training throughput: {args.batch / median:.0f} samples/s (median)")


if __name__ == "__main__":
    main()
