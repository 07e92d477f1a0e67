"""Copy the part of AnnoMI the utterance coder learns from into data/annomi/.

Why a copy: the repo must rebuild its shipped model from a fresh clone, and the
AnnoMI CSVs live outside it. Only therapist utterances are kept, with the line
spoken just before each (the client's words are the context that tells a
reflection from a question), the four main labels, and the majority sub-labels
(open/closed, simple/complex) from the multiply-coded file.

Usage: python training/prepare_annomi.py /path/to/annomi
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "annomi" / "therapist_utterances.csv"
FIELDS = ["transcript_id", "video", "utterance_id", "label", "question_subtype",
          "reflection_subtype", "input_subtype", "prev_speaker", "prev_text", "text"]


def _majority(values: list[str]) -> str:
    votes = Counter(v for v in values if v and v != "n/a")
    return votes.most_common(1)[0][0] if votes else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with AnnoMI-simple.csv and -full.csv")
    args = parser.parse_args()
    with (args.source / "AnnoMI-simple.csv").open(encoding="utf-8") as handle:
        simple = list(csv.DictReader(handle))
    subs: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with (args.source / "AnnoMI-full.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["transcript_id"], row["utterance_id"])
            for name in ("question_subtype", "reflection_subtype", "therapist_input_subtype"):
                subs[key][name].append(row[name])
    videos: dict[str, int] = {}
    out_rows = []
    previous: dict[str, dict[str, str]] = {}
    for row in simple:
        tid = row["transcript_id"]
        prev = previous.get(tid)
        previous[tid] = row
        if row["interlocutor"] != "therapist":
            continue
        key = (tid, row["utterance_id"])
        out_rows.append({
            "transcript_id": tid,
            "video": videos.setdefault(row["video_url"], len(videos)),
            "utterance_id": row["utterance_id"],
            "label": row["main_therapist_behaviour"],
            "question_subtype": _majority(subs[key]["question_subtype"]),
            "reflection_subtype": _majority(subs[key]["reflection_subtype"]),
            "input_subtype": _majority(subs[key]["therapist_input_subtype"]),
            "prev_speaker": prev["interlocutor"] if prev else "",
            "prev_text": prev["utterance_text"] if prev else "",
            "text": row["utterance_text"],
        })
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS)
        writer.writeheader()
        writer.writerows(out_rows)
    print(f"wrote {len(out_rows)} therapist utterances to {OUT}")


if __name__ == "__main__":
    main()
