#!/usr/bin/env python3
"""The communicating C-RNN training step in PyTorch eager, for comparing speed with `edgewise bench`.

Same model as edgewise compiles from experiments/quickstart.yaml: extractor conv(1->10,5) -> maxpool 2
-> ReLU -> conv(10->20,5) -> Dropout2d -> maxpool 2 -> ReLU -> dense 320->f_in; tied cell dense
(f_in+2v)->50->8->(f_in+2v), ReLU after each; R rounds of ReLU-gated messages, max-aggregated over
neighbours on a ring; MSE of every node's output; Adam. Inputs are random tensors of MNIST's shape:
throughput does not depend on pixel values.

The exchange is either dense (every ordered pair of nodes, (B, N, N, v) contributions, as edgewise
computed it before its edge-list exchange) or over the ring's edge list (gather each sender's
message per directed edge, scatter-max into receivers: O(E)). --nodes takes a comma-separated
list to sweep the network size in one process; each size gets its own model and warm-up.

Debian: apt-get install python3-torch (1.13). Run with Debian's interpreter:
  /usr/bin/python3 bench/crnn_torch.py --threads 1 --nodes 5,40,200
Each size prints a line `RESULT nodes=N samples_per_second=S node_images_per_second=I peak_rss_mb=M`
(peak resident memory of the whole process so far) for bench/alternate.py.
"""
import argparse
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Crnn(nn.Module):
    def __init__(self, features, v, rounds, exchange, hidden=(50, 8)):
        super().__init__()
        self.features, self.v, self.rounds, self.exchange = features, v, rounds, exchange
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

    def forward(self, images, links, senders, receivers):
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
            if self.exchange == "dense":
                # links: (1, R, N, N), [r, i, j] = 1 when i hears j.
                hears = links[:, r] * transmits.unsqueeze(1)
                heard = (message.unsqueeze(1) * hears.unsqueeze(3)).max(2).values
            else:
                # links: (1, R, E), one entry per directed edge senders[e] -> receivers[e].
                sent = message.index_select(1, senders) * (links[:, r] * transmits.index_select(1, senders)).unsqueeze(2)
                index = receivers.view(1, -1, 1).expand(b, -1, self.v)
                heard = x.new_zeros(b, n, self.v).scatter_reduce(1, index, sent, reduce="amax", include_self=True)
        return out


def ring(n):
    senders, receivers = [], []
    for i in range(n):
        for j in {(i + 1) % n, (i - 1) % n} - {i}:
            senders.append(j)
            receivers.append(i)
    return torch.tensor(senders), torch.tensor(receivers)


def measure(args, n):
    torch.manual_seed(1)
    senders, receivers = ring(n)
    if args.exchange == "dense":
        adjacency = torch.zeros(n, n)
        adjacency[receivers, senders] = 1
        links = adjacency.expand(1, args.rounds, n, n)
    else:
        links = torch.ones(1, args.rounds, len(senders))
    model = Crnn(args.features, args.v, args.rounds, args.exchange)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.005)
    times = []
    for step in range(args.warmup + args.batches):
        images = torch.rand(args.batch, n, 1, 28, 28)
        targets = torch.rand(args.batch, 1)
        started = time.perf_counter()
        optimizer.zero_grad()
        loss = ((model(images, links, senders, receivers) - targets) ** 2).mean()
        loss.backward()
        optimizer.step()
        if step >= args.warmup:
            times.append(time.perf_counter() - started)
    median = statistics.median(times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"torch {torch.__version__}, {args.threads} threads: N = {n}, f_in = {args.features}, v = {args.v}, "
          f"R = {args.rounds}, batch {args.batch}, {args.exchange} exchange")
    print(f"  median batch {median * 1e3:.2f} ms, mean {statistics.mean(times) * 1e3:.2f} ms")
    print(f"  training throughput: {args.batch / median:.0f} samples/s (median), peak memory {peak_mb:.0f} MB resident")
    print(f"RESULT nodes={n} samples_per_second={args.batch / median:.1f} node_images_per_second={args.batch * n / median:.1f}"
          f" peak_rss_mb={peak_mb:.0f}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", default="5", help="node count, or a comma-separated list to sweep")
    parser.add_argument("--features", type=int, default=25)
    parser.add_argument("--v", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--batches", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--exchange", choices=["sparse", "dense"], default="sparse")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    for n in [int(x) for x in args.nodes.split(",")]:
        measure(args, n)


if __name__ == "__main__":
    main()
