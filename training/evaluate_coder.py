"""Print how well the utterance coder agrees with AnnoMI's expert coders.

Usage: python training/evaluate_coder.py [--jobs N] [--skip-net]
       (needs: pip install -e '.[train]'; --jobs 2 trains two folds at once)

5-fold cross-validation with whole transcripts on one side of each split
(GroupKFold, deterministic), on the four main therapist behaviours. For each fold
both readers are trained on the other four (the network fine-tuned, exported and
quantised, the linear model fitted) exactly as `train_coder.py` ships them, and
read through the app's own `coder.code()`, so the first row measures what a
learner gets. About 20 minutes a fold on one core (--jobs 2 on two cores: about
50 minutes in all). Then, for comparison, the linear model alone and the TF-IDF
+ linear SVM baseline. Targets from the issue: macro-F1 >= 0.78, kappa >= 0.74.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import cohen_kappa_score, f1_score
from sklearn.model_selection import GroupKFold
from sklearn.svm import LinearSVC

from simulator.core.coder import code, load_model
from training.common import CLASSES, Data, fit, linear_json, load, write_linear


def _net_fold(train: np.ndarray, test: np.ndarray, fold: int,
              threads: int) -> list[tuple[str, dict[str, float]]]:
    import torch  # slow to import; only this row needs it

    from training import net

    torch.set_num_threads(threads)
    data = load()
    started = time.perf_counter()
    model = net.train([data.texts[i] for i in train], [data.prevs[i] for i in train],
                      [CLASSES.index(label) for label in data.labels[train]], len(CLASSES),
                      log=lambda line: print(f"fold {fold + 1}/5{line}", flush=True))
    linear = fit([data.texts[i] for i in train], [data.prevs[i] for i in train],
                 data.labels[train])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fold.onnx"
        net.export(model, path)
        write_linear(linear_json(linear, f"fold {fold + 1}"), Path(folder) / "fold.json.gz")
        reader = load_model(path, net.BASE_MODEL / "vocab.txt", Path(folder) / "fold.json.gz")
        codings = [code(data.texts[i], data.prevs[i], reader) for i in test]
        found = [(c.behaviour, dict(c.probabilities)) for c in codings]
    print(f"fold {fold + 1}/5 done in {time.perf_counter() - started:.0f} s", flush=True)
    return found


def cross_validate(data: Data, groups: np.ndarray, model: str, jobs: int = 1,
                   save: Path | None = None) -> np.ndarray:
    predicted = np.empty(len(data.labels), dtype=object)
    splits = list(GroupKFold(n_splits=5).split(data.texts, data.labels, groups))
    if model == "net":
        threads = max(1, (os.cpu_count() or 1) // jobs)
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = [pool.submit(_net_fold, train, test, fold, threads)
                       for fold, (train, test) in enumerate(splits)]
            rows: dict[int, dict[str, float]] = {}
            for (_, test), future in zip(splits, futures, strict=True):
                result = future.result()
                predicted[test] = [behaviour for behaviour, _ in result]
                rows.update({int(i): probs for i, (_, probs) in zip(test, result, strict=True)})
        if save is not None:
            with save.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["row", "label", "coded", *CLASSES])
                for i in sorted(rows):
                    writer.writerow([i, data.labels[i], predicted[i],
                                     *(f"{rows[i][c]:.5f}" for c in CLASSES)])
        return predicted
    for train, test in splits:
        texts = [data.texts[i] for i in train]
        if model == "baseline":
            vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
            svm = LinearSVC(C=0.5, class_weight="balanced")
            svm.fit(vectoriser.fit_transform(texts), data.labels[train])
            predicted[test] = svm.predict(vectoriser.transform([data.texts[i] for i in test]))
        else:
            fitted = fit(texts, [data.prevs[i] for i in train], data.labels[train])
            predicted[test] = fitted.predict([data.texts[i] for i in test],
                                             [data.prevs[i] for i in test])
    return predicted


def row(name: str, labels: np.ndarray, predicted: np.ndarray) -> str:
    per_class = f1_score(labels, predicted, labels=list(CLASSES), average=None)
    macro = f1_score(labels, predicted, average="macro")
    kappa = cohen_kappa_score(labels, predicted)
    cells = " | ".join(f"{v:.3f}".ljust(len(f"F1 {c}"))
                       for v, c in zip(per_class, CLASSES, strict=True))
    return f"| {name:44} | {macro:.3f}    | {kappa:.3f} | {cells} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=1, help="folds trained at once")
    parser.add_argument("--skip-net", action="store_true", help="only the fast rows")
    parser.add_argument("--save", type=Path, help="CSV of the network's readings, per row")
    args = parser.parse_args()
    data = load()
    print(f"AnnoMI therapist utterances: {len(data.texts)}, transcripts: "
          f"{len(set(data.transcripts))}, videos: {len(set(data.videos))}\n", flush=True)
    runs = [("Rapport coder: MiniLM + linear (as shipped)", "net")] * (not args.skip_net) + [
        ("TF-IDF + linear SVM baseline", "baseline"),
        ("Linear model over word counts alone", "linear")]
    lines = [row(name, data.labels, cross_validate(data, data.transcripts, model, args.jobs,
                                                     args.save))
             for name, model in runs]
    header = f"| {'model (grouped by transcript)':44} | macro-F1 | kappa | " + " | ".join(
        f"F1 {c}" for c in CLASSES) + " |"
    print("\n" + header)
    print("|" + "|".join("-" * len(part) for part in header.split("|")[1:-1]) + "|")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
