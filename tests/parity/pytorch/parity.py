#!/usr/bin/env python3
"""The PyTorch side of the parity harness (tests/parity/README.md). Runs inside the Debian trixie tree
(python3-torch 2.6), never beside TorchSharp on the host.

  python3 parity.py selfcheck GOLDEN_DIR
      Our PyTorch losses (losses.py) against tests/golden/losses.json: value and gradient of every case.
  python3 parity.py replay RECORD_DIR YEAST_DIR [--rtol R] [--float64]
      Replays every loss recorded by the C# side (tests/parity/csharp) step by step: same initial weights, same rows,
      same views, same dropout masks, Adam(4e-4, weight decay 1e-5); compares the loss of every step and the L2 norm of
      every parameter after every step; names the first step where they part, and the quantity that parted first.
  python3 parity.py protocol YEAST_DIR --loss NAME --seed S [--epochs 30] [--probe-epochs 200]
      The whole yeast protocol in PyTorch with PyTorch's own random numbers (the independent reference of the yeast table):
      stage 1, then a linear probe (Adam 1e-3, no weight decay, last epoch kept); prints the test mAP.
"""
import argparse
import json
import os
import sys

import h5py
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from losses import LOSSES  # noqa: E402

torch.set_num_threads(1)


def load_yeast(folder):
    """The official split, features z-scored with the training split's mean and population std (float64, then float32)."""
    def read(name):
        with h5py.File(os.path.join(folder, f"yeast_official_{name}.hdf5"), "r") as f:
            return np.asarray(f["feature"], dtype=np.float64), np.asarray(f["target"], dtype=np.float64)
    splits = {name: read(name) for name in ("train", "val", "test")}
    mean = splits["train"][0].mean(0)
    std = splits["train"][0].std(0)
    std[std <= 1e-12] = 1.0
    return {name: (torch.tensor(((x - mean) / std).astype(np.float32)), torch.tensor(y.astype(np.float32)))
            for name, (x, y) in splits.items()}


class Encoder(nn.Module):
    """103 -> 256 -> 512 -> 256, each Linear -> ReLU -> Dropout(0.2); the masks can be given instead of drawn."""

    def __init__(self, features, hidden=(256, 512, 256), dropout=0.2):
        super().__init__()
        widths = [features, *hidden]
        self.linears = nn.ModuleList(nn.Linear(a, b) for a, b in zip(widths, widths[1:]))
        self.p = dropout
        self.masks = None

    def forward(self, x):
        for k, linear in enumerate(self.linears):
            x = torch.relu(linear(x))
            if self.masks is not None:
                x = x * self.masks[k] / (1 - self.p)
            else:
                x = F.dropout(x, self.p, self.training)
        return x


class Head(nn.Module):
    def __init__(self, width, out=256):
        super().__init__()
        self.hidden = nn.Linear(width, width)
        self.output = nn.Linear(width, out)

    def forward(self, h):
        return F.normalize(self.output(torch.relu(self.hidden(h))), p=2, dim=1)


def ordered_parameters(encoder, head):
    out = []
    for linear in encoder.linears:
        out += [linear.weight, linear.bias]
    return out + [head.hidden.weight, head.hidden.bias, head.output.weight, head.output.bias]


def read_floats(path, shape):
    return torch.tensor(np.fromfile(path, dtype="<f4").reshape(shape))


def selfcheck(golden):
    text = open(os.path.join(golden, "losses.json")).read()
    # A JSON array (one case per line inside it); JSON lines are read too.
    cases = json.loads(text) if text.lstrip().startswith("[") else [json.loads(line) for line in text.splitlines() if line.strip()]
    worst = 0.0
    for case in cases:
        maps = [(case["expected"], case["grad"])] + [(case["options"]["expected"], case["options"]["grad"])]
        for expected, grads in maps:
            for name, value in expected.items():
                z = torch.tensor(case["z"], dtype=torch.float64, requires_grad=True)
                y = torch.tensor(case["y"], dtype=torch.float64)
                loss = LOSSES[name](z, y, case["tau"])
                loss.backward()
                g = z.grad if z.grad is not None else torch.zeros_like(z)
                err = max(abs(loss.item() - value), (g - torch.tensor(grads[name], dtype=torch.float64)).abs().max().item())
                worst = max(worst, err / max(1.0, abs(value)))
                if err > 1e-6 * max(1.0, abs(value)):
                    print(f"FAIL {case['name']} {name}: loss {loss.item()} vs {value}, max grad error {err}")
                    return 1
    print(f"selfcheck: {len(cases)} golden cases, every loss and gradient within {worst:.1e} (relative)")
    return 0


def replay(record, yeast_folder, rtol, dtype=torch.float32):
    run = json.load(open(os.path.join(record, "run.json")))
    data = load_yeast(yeast_folder)
    x_train, y_train = data["train"]
    ours = read_floats(os.path.join(record, "train_inputs.f32"), tuple(x_train.shape))
    print(f"standardised training features: max |ours - numpy| = {(ours - x_train).abs().max().item():.2e}")
    x_train = ours.to(dtype)  # the replay uses exactly our inputs; the line above checks the standardisation itself
    status = 0
    print(f"{'loss':<28} {'steps':>5} {'max rel dloss':>13} {'max rel dnorm':>13} {'final max |dw|':>14}  first parting")
    for name in run["losses"]:
        folder = os.path.join(record, name)
        t = json.load(open(os.path.join(folder, "trajectory.json")))
        steps, n = t["steps"], t["batch"]
        features = x_train.shape[1]
        rows = np.fromfile(os.path.join(folder, "rows.i64"), dtype="<i8").reshape(steps, n)
        views = read_floats(os.path.join(folder, "views.f32"), (steps, 2 * n, features)).to(dtype)
        masks = [torch.tensor(np.fromfile(os.path.join(folder, f"dropout{k}.u8"), dtype=np.uint8)
                              .reshape(steps, 2 * n, w)).to(dtype) for k, w in enumerate(t["dropout_widths"])]

        encoder, head = Encoder(features).to(dtype), Head(256).to(dtype)
        params = ordered_parameters(encoder, head)
        shapes = json.load(open(os.path.join(folder, "initial", "shapes.json")))
        with torch.no_grad():
            for p, pname in zip(params, t["parameters"]):
                p.copy_(read_floats(os.path.join(folder, "initial", pname + ".f32"), tuple(shapes[pname])))
        optimizer = torch.optim.Adam(params, lr=run["options"]["learning_rate"], weight_decay=run["options"]["weight_decay"])
        encoder.train()
        head.train()

        max_loss, max_norm, first = 0.0, 0.0, None
        for s in range(steps):
            idx = torch.tensor(rows[s])
            # The views we recorded must be our feature dropout of these rows: kept entries equal the input.
            x = x_train[idx]
            both = torch.cat([x, x])
            v = views[s]
            if not bool(((v == both) | (v == 0)).all()):
                print(f"{name}: step {s + 1}: the recorded views are not feature-dropout views of the recorded rows")
                return 1
            y = torch.cat([y_train[idx], y_train[idx]]).to(dtype)
            encoder.masks = [m[s] for m in masks]
            optimizer.zero_grad()
            loss = LOSSES[name](head(encoder(v)), y, t["tau"])
            loss.backward()
            optimizer.step()
            ours_loss = t["step_loss"][s]
            dl = abs(loss.item() - ours_loss) / max(1e-3, abs(ours_loss))
            with torch.no_grad():
                norms = np.array([p.double().norm().item() for p in params])
            rel = np.abs(norms - np.array(t["parameter_norms"][s])) / np.maximum(norms, 1e-12)
            dn = float(np.max(rel))
            worst = t["parameters"][int(np.argmax(rel))]
            max_loss, max_norm = max(max_loss, dl), max(max_norm, dn)
            if first is None and (dl > rtol or dn > rtol):
                what = "loss (forward)" if dl > rtol else "parameter norms (backward / optimizer)"
                first = f"step {s + 1}: {what}, rel. diff loss {dl:.1e}, norms {dn:.1e} (largest: {worst}, norm {norms[int(np.argmax(rel))]:.3g})"
        with torch.no_grad():
            final = max((p - read_floats(os.path.join(folder, "final", pname + ".f32"), tuple(shapes[pname]))).abs().max().item()
                        for p, pname in zip(params, t["parameters"]))
        print(f"{name:<28} {steps:>5} {max_loss:>13.2e} {max_norm:>13.2e} {final:>14.2e}  {first or 'none (within rtol ' + format(rtol, '.0e') + ')'}")
        if first is not None:
            status = 1
    return status


def average_precision(scores, truth):
    """scikit-learn's macro average precision over labels with a positive (sklearn itself, when present)."""
    from sklearn.metrics import average_precision_score
    keep = truth.sum(0) > 0
    return average_precision_score(truth[:, keep], scores[:, keep], average="macro")


def protocol(yeast_folder, loss_name, seed, epochs, probe_epochs, tau):
    torch.manual_seed(seed)
    data = load_yeast(yeast_folder)
    x, y = data["train"]
    encoder, head = Encoder(x.shape[1]), Head(256)
    params = list(encoder.parameters()) + list(head.parameters())
    optimizer = torch.optim.Adam(params, lr=4e-4, weight_decay=1e-5)
    n, batch = x.shape[0], 64
    for _ in range(epochs):
        encoder.train()
        head.train()
        order = torch.randperm(n)
        for s in range(n // batch):                    # the last partial batch is dropped
            idx = order[s * batch:(s + 1) * batch]
            xb, yb = x[idx], y[idx]
            views = torch.cat([xb * (torch.rand_like(xb) >= 0.5), xb * (torch.rand_like(xb) >= 0.5)])
            loss = LOSSES[loss_name](head(encoder(views)), torch.cat([yb, yb]), tau)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    encoder.eval()
    with torch.no_grad():
        feats = {k: encoder(v[0]) for k, v in data.items()}
    probe = nn.Linear(feats["train"].shape[1], y.shape[1])
    probe_opt = torch.optim.Adam(probe.parameters(), lr=1e-3)
    for _ in range(probe_epochs):
        order = torch.randperm(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            loss = F.binary_cross_entropy_with_logits(probe(feats["train"][idx]), y[idx])
            probe_opt.zero_grad()
            loss.backward()
            probe_opt.step()
    with torch.no_grad():
        scores = torch.sigmoid(probe(feats["test"])).numpy()
    m = average_precision(scores, data["test"][1].numpy())
    print(json.dumps({"loss": loss_name, "seed": seed, "epochs": epochs, "probe_epochs": probe_epochs, "test_map": 100 * m}))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("selfcheck")
    p.add_argument("golden")
    p = sub.add_parser("replay")
    p.add_argument("record")
    p.add_argument("yeast")
    p.add_argument("--rtol", type=float, default=1e-4)
    p.add_argument("--float64", action="store_true", help="replay in float64 (our float32 records promoted): separates round-off from a real difference")
    p = sub.add_parser("protocol")
    p.add_argument("yeast")
    p.add_argument("--loss", required=True, choices=sorted(LOSSES))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--probe-epochs", type=int, default=200)
    p.add_argument("--tau", type=float, default=0.1)
    a = parser.parse_args()
    if a.command == "selfcheck":
        return selfcheck(a.golden)
    if a.command == "replay":
        return replay(a.record, a.yeast, a.rtol, torch.float64 if a.float64 else torch.float32)
    return protocol(a.yeast, a.loss, a.seed, a.epochs, a.probe_epochs, a.tau)


if __name__ == "__main__":
    sys.exit(main())
