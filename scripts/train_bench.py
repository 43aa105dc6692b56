"""Training speed of the playground's LeNet in PyTorch on one thread, the
native peer of `make bench-train` (README: training speed).

    /usr/bin/python3 scripts/train_bench.py [--samples 5] [--secs 1]

Debian's python3-torch 1.13. The network of package nn (Conv2d(1,20,5,1,2),
ReLU, MaxPool2d(2), Conv2d(20,32,5), ReLU, MaxPool2d(2), Flatten,
Linear(800,128), ReLU, Linear(128,10)), batch 50 of random images and labels
(no kernel looks at the values), cross_entropy, one optimizer step per batch:
SGD (the table's row, as the browser peers train) and Adam (what the Go
trainer runs). It prints, per optimizer, images/s and GFLOP/s of every
sample, and images per second of the process's CPU time (cpu-images/s),
which the machine's load disturbs less. GFLOP/s counts 2 per multiply-add of the forward pass, the weight
gradients and the input gradients of every layer but the first, counted
here from the layers' shapes (livetrain.TrainFLOP counts the same in Go).
"""
import argparse
import os
import time

# torch.set_num_threads(1) alone leaves OpenMP's pool of the machine's size
# alive: its second thread spins, and the process then burns ~2 cores'
# CPU time for one thread's work (measured 2026-12-07: cpu-images/s half
# of images/s). Set before torch loads, one thread is one thread.
os.environ["OMP_NUM_THREADS"] = "1"

import torch
import torch.nn as nn
import torch.nn.functional as F


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 20, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(20, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(800, 128), nn.ReLU(), nn.Linear(128, 10))


def train_flop(net):
    """2 × (forward + weight-gradient + input-gradient multiply-adds) per
    image, the first layer's input gradient left out."""
    macs = []
    x = torch.zeros(1, 1, 28, 28)
    for m in net:
        y = m(x)
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            macs.append(m.weight.numel() // m.weight.shape[0] * y.numel())
        x = y
    return 2 * (2 * sum(macs) + sum(macs[1:]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=5)
    ap.add_argument("--secs", type=float, default=1.0)
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    x, y = torch.rand(50, 1, 28, 28), torch.randint(0, 10, (50,))
    flop = train_flop(lenet())
    print(f"== PyTorch {torch.__version__}, {torch.get_num_threads()} thread, batch 50, "
          f"{flop} FLOP per training image")
    for name, make in [("sgd", lambda p: torch.optim.SGD(p, lr=0.01)),
                       ("adam", lambda p: torch.optim.Adam(p, lr=1e-3))]:
        net = lenet()
        opt = make(net.parameters())

        def step():
            opt.zero_grad()
            F.cross_entropy(net(x), y).backward()
            opt.step()

        for _ in range(3):  # warm up
            step()
        t0, k = time.perf_counter(), 0
        while time.perf_counter() - t0 < a.secs / 4:
            step()
            k += 1
        k = max(1, round(k * 4))  # steps per sample of about secs
        rates, cpu_rates = [], []
        for _ in range(a.samples):
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in range(k):
                step()
            rates.append(50 * k / (time.perf_counter() - t0))
            cpu_rates.append(50 * k / (time.process_time() - c0))
        print(f"pytorch-{name} images/s " + " ".join(f"{r:.1f}" for r in rates)
              + " GFLOP/s " + " ".join(f"{r * flop / 1e9:.2f}" for r in rates)
              + " cpu-images/s " + " ".join(f"{r:.1f}" for r in cpu_rates))


if __name__ == "__main__":
    main()
