"""A synthetic corpus of related plans: export speed and memory, `related` recall and time (not a test).

usage: .venv/bin/python bench/bench_corpus.py [N ...]       (default: 1000 10000)

The plans are the corpus plans and, when ../shared/devset is there, the development set's plans,
copied into a family tree: each new plan takes an earlier one (a real plan or a copy) as its parent
and changes it as a district adapts a city plan or a final version a draft — numbers changed; in
one sentence in five 市 made the copy's own district name (or the name put in), words swapped
and a clause cut; sentences and measures dropped; the bodies of neighbouring
measures swapped (the same text under another number), a measure of an unrelated plan put in.
The parent of every copy is known, so `related` is scored by the share of copies whose parent is among
their 10 listed relatives (recall@10).

For each N it reports, with an anchor from the same run (one regex pass over all the text):
  export    plans/s (and per core), peak memory of the main process and of one worker;
  related   recall@10 of the known links, time, peak memory (in a process of its own);
  compare   one plan against the whole dataset (compare --against: its 10 closest plans).
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset" / "docs"

_LABEL = re.compile(r"^\s*(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.、．]|（\d+）)")
# a quantity: a number with its unit (labels 1. （2） 附件3 and dates are left alone)
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?=[%％万亿个项家所人名张元平公米吨辆次床座户])")
_SWAPS = [
    ("加强", "强化"),
    ("推进", "推动"),
    ("完善", "健全"),
    ("建立", "构建"),
    ("落实", "执行"),
    ("提升", "提高"),
]


def base_plans() -> list[str]:
    files = sorted((ROOT / "corpus").glob("*.txt"))
    if DEVSET.is_dir():
        files += sorted(DEVSET.glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


_PLACE = "东西南北中江河湖山海松柏桃李青浦金宝嘉定闵行长宁普陀徐汇虹口杨浦崇明奉贤黄浦静安"


def place_name(rng: random.Random) -> str:
    """A district's name, as a copy puts it into the sentences it adapts."""
    return "".join(rng.sample(_PLACE, 2)) + "区"


def reword(line: str, rng: random.Random, place: str) -> str:
    if "市" in line:
        line = line.replace("市", place, 1).replace("市", "区")
    elif "，" in line:  # never in front: the sentence may begin with the measure's number
        head, rest = line.split("，", 1)
        line = f"{head}，结合{place}实际，{rest}"
    for old, new in rng.sample(_SWAPS, 2):
        line = line.replace(old, new)
    clauses = line.split("，")
    if len(clauses) >= 4:
        del clauses[rng.randrange(1, len(clauses) - 1)]
    return "，".join(clauses)


def mutate(text: str, rng: random.Random, strangers: list[str]) -> str:
    """A copy of a plan as a district or a later version would make it: sentence by sentence."""
    place = place_name(rng)
    out: list[str] = []
    for line in text.splitlines():
        if len(line) > 30:  # a measure, or a paragraph of one (or of several)
            label = _LABEL.match(line)
            head = label.group(0) if label else ""
            kept = []
            for sentence in re.findall(r"[^。；]+[。；]?", line[len(head) :]):
                r = rng.random()
                if r < 0.08:
                    continue  # dropped
                if r < 0.28:
                    sentence = reword(sentence, rng, place)
                elif r > 0.98:  # a sentence of an unrelated plan
                    sentence = _LABEL.sub("", rng.choice(strangers))
                kept.append(sentence)
            if not kept:
                continue
            line = head + "".join(kept)
        line = _NUMBER.sub(
            lambda m: str(int(float(m.group()) * 1.2) + 1) if rng.random() < 0.3 else m.group(), line
        )
        out.append(line)
    places = [i for i, line in enumerate(out) if _LABEL.match(line) and len(line) > 30]
    for _ in range(3):  # the bodies of two neighbouring measures change places: renumbered
        if len(places) > 2:
            k = rng.randrange(len(places) - 1)
            i, j = places[k], places[k + 1]
            mi, mj = _LABEL.match(out[i]), _LABEL.match(out[j])
            assert mi is not None and mj is not None
            out[i], out[j] = mi.group(0) + out[j][mj.end() :], mj.group(0) + out[i][mi.end() :]
    return "\n".join(out) + "\n"


def build(n: int, folder: Path, seed: int = 7) -> dict[str, str]:
    """n plans in `folder`; returns child file name → parent file name for every copy."""
    rng = random.Random(seed)
    bases = base_plans()
    strangers = [line for t in bases for line in t.splitlines() if _LABEL.match(line) and len(line) > 40]
    texts: list[str] = []
    names: list[str] = []
    links: dict[str, str] = {}
    for i in range(n):
        if i < len(bases):
            text = bases[i]
        else:
            parent = rng.randrange(len(texts))
            text = mutate(texts[parent], rng, strangers)
            links[f"plan-{i:05d}.txt"] = names[parent]
        texts.append(text)
        names.append(f"plan-{i:05d}.txt")
        (folder / names[-1]).write_text(text, encoding="utf-8")
    return links


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def related_child(dataset: str, links_file: str, reference: str) -> None:
    """In a fresh process: load the dataset, find relatives, score them against the known links;
    then compare one plan with its 10 closest plans in the dataset (compare --against)."""
    sys.path.insert(0, str(ROOT))
    import policydiff
    from policydiff.dataset import closest, load_rows
    from policydiff.dataset.related import related

    t0 = time.perf_counter()
    rows = load_rows(dataset)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = related(rows, top=10)
    t_related = time.perf_counter() - t0
    links = json.loads(Path(links_file).read_text())
    top = {Path(p.doc).name: [Path(r.doc).name for r in p.relatives] for p in report.plans}
    found = sum(1 for child, parent in links.items() if parent in top.get(child, []))
    first = sum(1 for child, parent in links.items() if top.get(child, [None])[:1] == [parent])
    t0 = time.perf_counter()
    plan = policydiff.parse(reference)
    near = closest(plan, dataset, top=10)
    compared = policydiff.compare(plan, near)
    t_compare = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "load_s": round(t_load, 1),
                "related_s": round(t_related, 1),
                "recall_at_10": round(found / max(len(links), 1), 3),
                "parent_first": round(first / max(len(links), 1), 3),
                "sentences": report.sentences,
                "compare_s": round(t_compare, 1),
                "compare_docs": len(compared.documents) - 1,
                "peak_mb": round(peak_mb(resource.RUSAGE_SELF)),
            }
        )
    )


def run(n: int) -> None:
    sys.path.insert(0, str(ROOT))
    from policydiff.dataset import export

    work = Path(tempfile.mkdtemp(prefix=f"policydiff-bench-{n}-"))
    try:
        plans = work / "plans"
        plans.mkdir()
        links = build(n, plans)
        (work / "links.json").write_text(json.dumps(links))
        size = sum(p.stat().st_size for p in plans.iterdir())
        text = "".join(p.read_text(encoding="utf-8") for p in plans.iterdir())
        t0 = time.perf_counter()
        sentences = len(re.findall(r"[。；]", text))
        anchor = time.perf_counter() - t0
        cores = os.cpu_count() or 1
        t0 = time.perf_counter()
        summary = export([plans], work / "plans.sqlite", jobs=cores)
        t_export = time.perf_counter() - t0
        print(
            f"N={n}: {size / 1e6:.0f} MB of plans, {summary.measures} measures, {len(summary.failed)} failed; "
            f"anchor: one regex pass ({sentences} sentence ends) {anchor:.2f} s"
        )
        for f in summary.failed[:3]:
            print(f"  failed: {f.error[:160]}")
        print(
            f"  export: {t_export:.1f} s = {n / t_export:.0f} plans/s on {cores} cores "
            f"({n / t_export / cores:.0f} per core); peak memory main {peak_mb(resource.RUSAGE_SELF):.0f} MB, "
            f"largest worker {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
        )
        proc = subprocess.run(
            [
                sys.executable, __file__, "--related", str(work / "plans.sqlite"), str(work / "links.json"),
                str(plans / f"plan-{n // 2:05d}.txt"),
            ],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        r = json.loads(proc.stdout)
        print(
            f"  related: {r['related_s']} s (+ {r['load_s']} s loading the dataset), {r['sentences']} distinct "
            f"sentences, recall@10 of known parents {r['recall_at_10']} (parent ranked first "
            f"{r['parent_first']}), peak memory {r['peak_mb']} MB"
        )
        print(
            f"  compare one plan --against the dataset: {r['compare_s']} s (loading it, finding the "
            f"{r['compare_docs']} closest of {n}, rebuilding them, compare)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--related"]:
        related_child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        for n in [int(a) for a in sys.argv[1:]] or [1000, 10000]:
            run(n)
