"""Every loss of the library, written in PyTorch straight from the math contract (MATH.md), with no code shared
with lib/: dense masks and per-label loops, float64-friendly, readable rather than fast.

z: M x D raw embeddings (normalised here), y: M x C 0/1 labels; every function returns the batch loss (a scalar
on z's graph). Anchors (or MulSupCon (i, l) rows) without a positive are left out of the mean; when nothing
counts the loss is 0 * z.sum() (zero, on the graph).
"""
import torch
import torch.nn.functional as F


def log_prob(z, tau):
    """l_ij = z_i.z_j / tau - log sum_{a != i} exp(z_i.z_a / tau); 0 on the diagonal."""
    z = F.normalize(z, p=2, dim=1, eps=1e-12)
    logits = z @ z.t() / tau
    eye = torch.eye(z.shape[0], dtype=torch.bool, device=z.device)
    lp = torch.log_softmax(logits.masked_fill(eye, float("-inf")), dim=1)
    return lp.masked_fill(eye, 0.0), eye


def _mean_over_anchors(per_anchor, counted, z):
    if counted.sum() == 0:
        return 0.0 * z.sum()
    return per_anchor[counted].mean()


def _relations(y):
    y = y.to(torch.float64)
    inter = y @ y.t()                         # |S n T|
    size = y.sum(1)                           # |S|
    return inter, size[:, None], size[None, :]


def positives_any(y, eye):
    inter, _, _ = _relations(y)
    return (inter > 0) & ~eye


def positives_all(y, eye):
    inter, s, t = _relations(y)
    return (inter == s) & (inter == t) & (s > 0) & ~eye


def factor(y, jaccard=False):
    inter, s, t = _relations(y)
    if jaccard:
        return inter / (s + t - inter).clamp_min(1)
    return inter / s.clamp_min(1) / (1 + (t - inter))


def supcon(z, y, tau, positives):
    lp, eye = log_prob(z, tau)
    p = positives(y, eye).to(lp.dtype)
    count = p.sum(1)
    per_anchor = -(p * lp).sum(1) / count.clamp_min(1)
    return _mean_over_anchors(per_anchor, count > 0, z)


def sd(z, y, tau, form, jaccard=False):
    lp, eye = log_prob(z, tau)
    p = positives_any(y, eye)
    k = factor(y, jaccard).to(lp.dtype) * p
    pf = p.to(lp.dtype)
    count = pf.sum(1)
    if form == "Literal":
        log_k = torch.where(p, torch.log(torch.where(p, k, torch.ones_like(k))), torch.zeros_like(k))
        per_anchor = -(pf * (log_k + lp)).sum(1) / count.clamp_min(1)
    elif form == "Weighted":
        per_anchor = -(k * lp).sum(1) / count.clamp_min(1)
    elif form == "WeightedNormalized":
        per_anchor = -(k * lp).sum(1) / k.sum(1).clamp_min(1e-300)
    else:
        raise ValueError(form)
    return _mean_over_anchors(per_anchor, count > 0, z)


def mulsupcon(z, y, tau, per_sample_weight=False):
    """One row per (anchor i, label l in S_i): positives P_l = {j != i : l in T_j}."""
    lp, eye = log_prob(z, tau)
    m = z.shape[0]
    rows, weights = [], []
    yb = y > 0.5
    for l in range(y.shape[1]):
        has = yb[:, l]
        p = (has[None, :] & ~eye).to(lp.dtype)       # candidates carrying label l
        count = p.sum(1)
        keep = has & (count > 0)
        row_loss = -(p * lp).sum(1) / count.clamp_min(1)
        rows.append(row_loss[keep])
        weights.append(1.0 / (yb[keep].sum(1).to(lp.dtype) * m))
    rows = torch.cat(rows)
    if rows.numel() == 0:
        return 0.0 * z.sum()
    if per_sample_weight:
        return (rows * torch.cat(weights)).sum()
    return rows.mean()


LOSSES = {
    "All": lambda z, y, t: supcon(z, y, t, positives_all),
    "Any": lambda z, y, t: supcon(z, y, t, positives_any),
    "MulSupCon": lambda z, y, t: mulsupcon(z, y, t),
    "MulSupConPerSampleWeight": lambda z, y, t: mulsupcon(z, y, t, per_sample_weight=True),
    "SdLiteral": lambda z, y, t: sd(z, y, t, "Literal"),
    "SdWeighted": lambda z, y, t: sd(z, y, t, "Weighted"),
    "SdWeightedNormalized": lambda z, y, t: sd(z, y, t, "WeightedNormalized"),
    "SdJaccardLiteral": lambda z, y, t: sd(z, y, t, "Literal", jaccard=True),
    "SdJaccardWeighted": lambda z, y, t: sd(z, y, t, "Weighted", jaccard=True),
    "SdJaccardWeightedNormalized": lambda z, y, t: sd(z, y, t, "WeightedNormalized", jaccard=True),
}
