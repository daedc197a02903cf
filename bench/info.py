"""Information centre benchmark (issue 6): the analysis pipeline on the labelled set. JSON lines on stdout.

    .venv/bin/python bench/info.py [--rounds N] [--check]

- info.items_per_s: items through `analyze_paths` (read, decode, trafilatura, clutter filter, people and titles,
  places, fields, copies, events) on one core, the labelled set's files analysed `--rounds` times after a warm-up.
- info.over_underthesea: that speed divided by underthesea's named-entity tagger (`underthesea.ner`) over the
  same items' clean texts (title and paragraphs, one call per paragraph as a tagger is used), same process, in
  rounds interleaved with ours so the load of a shared machine falls on both alike. This compares our whole
  pipeline (reading HTML, trafilatura, …) with tagging clean text alone.
- info.recognition_over_underthesea: the like-for-like comparison: our recognition of the same clean texts
  (people with titles, organisations, places, fields, notable flag) against the tagger.
- info.people_f1 (a person counts when the name and every title match), info.event_pairwise_f1,
  info.clutter_removed (share of the pages' clutter lines gone from the text), info.body_kept (share of body
  paragraphs kept): tests/infocenter/quality.py on tests/infocenter/corpus (61 items written for the purpose).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(HERE)]
sys.path.insert(0, str(ROOT))

from bench.stats import emit, judge, say  # noqa: E402
from tests.infocenter import quality  # noqa: E402
from vanphong.infocenter.pipeline import fields  # noqa: E402
from vanphong.infocenter.pipeline.analyze import analyze_one, analyze_paths  # noqa: E402
from vanphong.infocenter.pipeline.gazetteer import tokenize  # noqa: E402
from vanphong.infocenter.pipeline.people import recognise  # noqa: E402
from vanphong.infocenter.pipeline.places import places_and_organizations  # noqa: E402

TARGETS = {
    "info.items_per_s": (100.0, "min"),
    "info.over_underthesea": (50.0, "min"),
    "info.recognition_over_underthesea": (50.0, "min"),
    "info.people_f1": (0.95, "min"),
    "info.event_pairwise_f1": (0.95, "min"),
    "info.body_kept": (1.0, "min"),
}


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass


def recognise_text(title: str, text: str) -> None:
    """What our pipeline does with a clean text that a tagger would do: people with titles, organisations,
    places, fields and the notable flag."""
    whole = f"{title}.\n{text}"
    tk = tokenize(whole)
    _, spans = recognise(tk)
    places_and_organizations(tk, spans)
    fields.classify(title, text)
    fields.is_notable(title, text)


def speeds(rounds: int, tagger_items: int) -> tuple[float, float, float, int, int]:
    """(our items/s, our recognition's items/s on clean texts, underthesea's items/s, items): rounds of each
    interleaved, so load from other processes on a shared machine falls on all alike."""
    from underthesea import ner

    paths = quality.corpus_paths()
    analyze_paths(paths)  # warm-up: gazetteer, province tables, regexes
    texts = [[item.title, *item.paragraphs] for item in (analyze_one(raw) for raw in quality.read_corpus())]
    ner(texts[0][0])  # warm-up: the model loads on first use
    ours_s = theirs_s = recognition_s = 0.0
    ours_n = theirs_n = recognition_n = 0
    k = 0
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        result = analyze_paths(paths)
        ours_s += time.perf_counter() - start
        ours_n += len(result.items) + sum(len(it.copies) for it in result.items) + len(result.errors)
        gc.collect()
        start = time.perf_counter()
        for _ in range(tagger_items):
            for para in texts[k % len(texts)]:
                ner(para)
            k += 1
        theirs_s += time.perf_counter() - start
        theirs_n += tagger_items
        gc.collect()
        start = time.perf_counter()
        for paragraphs in texts:
            recognise_text(paragraphs[0], "\n".join(paragraphs[1:]))
        recognition_s += time.perf_counter() - start
        recognition_n += len(texts)
    return ours_n / ours_s, recognition_n / recognition_s, theirs_n / theirs_s, ours_n, theirs_n


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--tagger-items", type=int, default=6, help="items through underthesea per round")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    one_core()
    figures: dict[str, float] = {}
    per_s, recognition, theirs, count, tagged = speeds(args.rounds, args.tagger_items)
    figures["info.items_per_s"] = per_s
    emit("info.items_per_s", per_s, "items/s", items=count)
    emit("info.underthesea_items_per_s", theirs, "items/s", items=tagged)
    figures["info.over_underthesea"] = per_s / theirs
    emit("info.over_underthesea", per_s / theirs, "x")
    emit("info.recognition_items_per_s", recognition, "items/s")
    figures["info.recognition_over_underthesea"] = recognition / theirs
    emit("info.recognition_over_underthesea", recognition / theirs, "x")
    q = quality.measure()
    for name, value in (("info.people_f1", q.people_f1), ("info.event_pairwise_f1", q.event_pairwise_f1),
                        ("info.clutter_removed", q.clutter_removed), ("info.body_kept", q.body_kept)):  # fmt: skip
        figures[name] = value
        emit(name, value, "ratio")
    emit("info.people_precision", q.people_precision, "ratio")
    emit("info.people_recall", q.people_recall, "ratio")
    emit("info.published_right", q.published_right, "ratio")
    for line in q.mistakes:
        say(f"bench: {line}")
    missed = judge(figures, TARGETS)
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
