"""scikit-learn side of the metrics benchmark (run by MultiLabelContrastive.LossBenchmarks, not by hand).

Reads an n x C float32 score matrix and a uint8 truth matrix from raw files, computes every metric of the
library the way a scikit-learn user would, and prints one JSON object per metric:
{"metric": name, "ms": median milliseconds, "values": [...], "note": how}.

Usage: sklearn_metrics.py SCORES TRUTH n C warmup repeats k1,k2,...
A first call slower than 5 s is the only timed call.
"""
import json
import statistics
import sys
import time

import numpy as np
from sklearn.metrics import (average_precision_score, f1_score, multilabel_confusion_matrix, precision_score,
                             recall_score, roc_auc_score)

scores_path, truth_path = sys.argv[1], sys.argv[2]
n, c, warmup, repeats = (int(a) for a in sys.argv[3:7])
ks = [int(k) for k in sys.argv[7].split(",") if k]
s = np.fromfile(scores_path, dtype=np.float32).reshape(n, c)
y = np.fromfile(truth_path, dtype=np.uint8).reshape(n, c)
CANDIDATES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]


def present():
    return np.flatnonzero(y.any(axis=0))


def both_classes():
    positives = y.sum(axis=0)
    return np.flatnonzero((positives > 0) & (positives < n))


def micro_f1():
    return [f1_score(y, s >= 0.5, average="micro", zero_division=0)]


def macro_f1_mean():
    return [f1_score(y, s >= 0.5, average="macro", zero_division=0)]


def macro_f1_mean_present():
    return [f1_score(y, s >= 0.5, labels=present(), average="macro", zero_division=0)]


def macro_f1_caml():
    pred = s >= 0.5
    p = precision_score(y, pred, average="macro", zero_division=0)
    r = recall_score(y, pred, average="macro", zero_division=0)
    return [0.0 if p + r == 0 else 2 * p * r / (p + r)]


def micro_pr():
    pred = s >= 0.5
    return [precision_score(y, pred, average="micro", zero_division=0), recall_score(y, pred, average="micro", zero_division=0)]


def macro_pr():
    pred = s >= 0.5
    return [precision_score(y, pred, average="macro", zero_division=0), recall_score(y, pred, average="macro", zero_division=0)]


def micro_auc():
    return [roc_auc_score(y, s, average="micro")]


# Macro AUC and mAP call the binary scorer once per label and average. That is the same value as
# roc_auc_score / average_precision_score(average="macro") on the multi-label matrix, and scikit-learn's fastest
# way: the multi-label call grows quadratically with the label count here (scikit-learn 1.2.1, 10,000 rows:
# 200 labels 0.64 s, 800 labels 9.3 s — about 18 min for all 8,613), the per-label loop linearly (800 labels 1.3 s).
def macro_auc():
    used = both_classes()
    return [float(np.mean([roc_auc_score(y[:, j], s[:, j]) for j in used])), float(len(used))]


def mean_ap():
    used = present()
    return [float(np.mean([average_precision_score(y[:, j], s[:, j]) for j in used])), float(len(used))]


def precision_at_k():
    # scikit-learn has no multi-label P@k; numpy: the k best labels per row (argpartition), then their hits.
    out = []
    for k in ks:
        top = np.argpartition(-s, k - 1, axis=1)[:, :k]
        out.append(float(np.take_along_axis(y, top, axis=1).sum()) / (n * k))
    return out


def f1_family(tp, fp, fn):
    micro = 2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1)
    denominator = 2 * tp + fp + fn
    per_label = np.where(denominator > 0, 2 * tp / np.maximum(denominator, 1), 0.0)
    has_positive = (tp + fn) > 0
    mean = per_label.mean()
    mean_present = per_label[has_positive].mean() if has_positive.any() else float("nan")
    precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0).mean()
    recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 0.0).mean()
    caml = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return [micro, mean, mean_present, caml]


def threshold_selection():
    # One multilabel_confusion_matrix per candidate, the four F1s from it; the best candidate per F1 (ties: lowest).
    table = []
    for t in CANDIDATES:
        mcm = multilabel_confusion_matrix(y, s >= t)
        table.append(f1_family(mcm[:, 1, 1].astype(np.float64), mcm[:, 0, 1].astype(np.float64), mcm[:, 1, 0].astype(np.float64)))
    table = np.array(table)
    return [CANDIDATES[int(np.argmax(table[:, j]))] for j in range(4)]


METRICS = [
    ("MicroF1", micro_f1, "f1_score(average='micro')"),
    ("MacroF1Mean", macro_f1_mean, "f1_score(average='macro', zero_division=0)"),
    ("MacroF1Mean LabelsPresentOnly", macro_f1_mean_present, "f1_score(labels=present, average='macro')"),
    ("MacroF1Caml", macro_f1_caml, "precision_score + recall_score (macro), harmonic mean"),
    ("Micro precision, recall", micro_pr, "precision_score + recall_score (micro)"),
    ("Macro precision, recall", macro_pr, "precision_score + recall_score (macro)"),
    ("MicroAuc", micro_auc, "roc_auc_score(average='micro')"),
    ("MacroAuc (value, labels used)", macro_auc, "roc_auc_score per label with both classes, mean"),
    ("mAP (value, labels used)", mean_ap, "average_precision_score per label with a positive, mean"),
    ("P@k", precision_at_k, "numpy argpartition (scikit-learn has no multi-label P@k)"),
    ("Threshold selection (4 F1s x 9 candidates)", threshold_selection, "multilabel_confusion_matrix per candidate"),
]

SLOW_MS = 5000  # a first call slower than this is the only timed call (no warm-up, no repeats)
EVERYTHING = ["MicroF1", "MacroF1Mean", "MacroF1Mean LabelsPresentOnly", "MacroF1Caml", "Micro precision, recall",
              "Macro precision, recall", "MicroAuc", "MacroAuc (value, labels used)", "mAP (value, labels used)", "P@k"]
results = {}
for name, fn, note in METRICS:
    start = time.perf_counter()
    values = fn()
    first = 1000 * (time.perf_counter() - start)
    times = [first]
    if first < SLOW_MS:
        for _ in range(max(warmup - 1, 0)):
            fn()
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            values = fn()
            times.append(1000 * (time.perf_counter() - start))
    results[name] = (statistics.median(times), [float(v) for v in values])
    print(json.dumps({"metric": name, "ms": results[name][0], "values": results[name][1], "note": note}), flush=True)

# "Everything": the calls above that MultiLabelMetrics.Evaluate covers, one after the other (times summed).
everything_values = []
for name in EVERYTHING:
    everything_values += results[name][1][:1] if name.startswith(("MacroAuc", "mAP")) else results[name][1]
print(json.dumps({"metric": "Everything (Evaluate)", "ms": sum(results[name][0] for name in EVERYTHING),
                  "values": everything_values, "note": "sum of the ten calls above"}), flush=True)
