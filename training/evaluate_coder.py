"""Print how well the utterance coder agrees with AnnoMI's expert coders.

Usage: python training/evaluate_coder.py   (needs: pip install -e '.[train]')

5-fold cross-validation with whole transcripts on one side of each split
(GroupKFold, deterministic), on the four main therapist behaviours; then the
same with whole videos kept together (some videos were cut into several
transcripts), and the TF-IDF + linear SVM baseline for comparison. Targets
from the issue: macro-F1 >= 0.78, Cohen's kappa >= 0.74.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import cohen_kappa_score, f1_score
from sklearn.model_selection import GroupKFold
from sklearn.svm import LinearSVC

from training.common import CLASSES, Data, fit, load


def cross_validate(data: Data, groups: np.ndarray, model: str) -> np.ndarray:
    predicted = np.empty(len(data.labels), dtype=object)
    for train, test in GroupKFold(n_splits=5).split(data.texts, data.labels, groups):
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


def main() -> None:
    data = load()
    print(f"AnnoMI therapist utterances: {len(data.texts)}, transcripts: "
          f"{len(set(data.transcripts))}, videos: {len(set(data.videos))}\n")
    header = f"| {'model, split':44} | macro-F1 | kappa | " + " | ".join(
        f"F1 {c}" for c in CLASSES) + " |"
    print(header)
    print("|" + "|".join("-" * len(part) for part in header.split("|")[1:-1]) + "|")
    runs = (("Rapport coder, by transcript", data.transcripts, "coder"),
            ("Rapport coder, by video", data.videos, "coder"),
            ("TF-IDF + linear SVM baseline, by transcript", data.transcripts, "baseline"))
    for name, groups, model in runs:
        predicted = cross_validate(data, groups, model)
        per_class = f1_score(data.labels, predicted, labels=list(CLASSES), average=None)
        macro = f1_score(data.labels, predicted, average="macro")
        kappa = cohen_kappa_score(data.labels, predicted)
        cells = " | ".join(f"{v:.3f}".ljust(len(f"F1 {c}"))
                           for v, c in zip(per_class, CLASSES, strict=True))
        print(f"| {name:44} | {macro:.3f}    | {kappa:.3f} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
