"""Resume intake throughput on one core: text resumes a second, and OCR seconds a scanned page.

Text: the generated corpus's text layouts (Chinese and English; PDF, DOCX, plain text) are
extracted and parsed round after round until N resumes have been read (best of three
rounds); `by_format` gives resumes a second for each format, `txt` being the text resumes
of the goal. `floor_seconds` is extraction alone, so `ratio` shows what the parser adds.
OCR: every scanned page of the corpus (image-only PDFs, JPEG and PNG photos) is read with
Tesseract, one page at a time on one thread; wall seconds and CPU seconds a page are both given
(on a shared machine the wall time includes waiting for a core). One JSON line:

    .venv/bin/python bench/intake.py [N]
"""

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core: Tesseract's threads too
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consent.intake import extract_text  # noqa: E402
from consent.ocr import tesseract_available  # noqa: E402
from consent.parsing import parse_resume  # noqa: E402
from tests.consent.corpus import LAYOUTS, corpus  # noqa: E402


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def text_bench(n: int) -> dict:
    samples = corpus(tuple(layout for layout in LAYOUTS if not layout.startswith(("scan_", "photo_"))))
    for sample in samples:  # warm imports and caches once
        parse_resume(extract_text(sample.data, sample.name)[1])
    results = {}
    for fmt in ("txt", "docx", "pdf"):
        chosen = [s for s in samples if s.fmt == fmt]
        work = [chosen[i % len(chosen)] for i in range(n)]
        floors, runs = [], []
        for _round in range(3):
            begun = time.perf_counter()
            for sample in work:
                extract_text(sample.data, sample.name)
            floors.append(time.perf_counter() - begun)
            latencies = []
            begun_all = time.perf_counter()
            for sample in work:
                begun = time.perf_counter()
                parse_resume(extract_text(sample.data, sample.name)[1])
                latencies.append(time.perf_counter() - begun)
            runs.append((time.perf_counter() - begun_all, sorted(latencies)))
        seconds, latencies = min(runs, key=lambda run: run[0])
        results[fmt] = {
            "resumes_per_second": round(n / seconds, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 2),
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 2),
            "ratio_to_extraction": round(seconds / min(floors), 2),
        }
    return results


def ocr_bench() -> dict:
    if not tesseract_available():
        return {"skipped": "Tesseract with chi_sim and eng is not installed"}
    samples = corpus(tuple(layout for layout in LAYOUTS if layout.startswith(("scan_", "photo_"))), ocr_per_cell=1)
    seconds, cpu = [], []
    for sample in samples:
        pages: list[int] = []
        begun, cpu_begun = time.perf_counter(), _cpu_seconds()
        extract_text(sample.data, sample.name, on_page=lambda done, _total, seen=pages: seen.append(done))
        seconds.append((time.perf_counter() - begun) / max(len(pages), 1))
        cpu.append((_cpu_seconds() - cpu_begun) / max(len(pages), 1))
    seconds.sort()
    return {
        "pages": len(seconds),
        "seconds_per_page_p50": round(statistics.median(seconds), 2),
        "seconds_per_page_max": round(seconds[-1], 2),
        # CPU time (this process and Tesseract's): what a page costs on a core of its own, however busy the machine.
        "cpu_seconds_per_page_p50": round(statistics.median(cpu), 2),
        "cpu_seconds_per_page_max": round(max(cpu), 2),
    }


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(n: int) -> dict:
    _pin_one_core()
    started = time.perf_counter()
    text = text_bench(n)
    ocr = ocr_bench()
    return {
        "bench": "intake",
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "n": n,
        "text_resumes_per_second": text["txt"]["resumes_per_second"],
        "by_format": text,
        "ocr": ocr,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)))  # noqa: T201
