"""Resume intake throughput: text extraction + parsing, resumes per second on this machine.

Runs the 72-resume generated corpus (Chinese and English; PDF, DOCX, text) round after
round until N resumes have been read (best of three rounds). `floor_seconds` is
extraction alone (pypdf / python-docx / decode), so `ratio` shows what the parser adds. One JSON line:

    /work/main/.venv/bin/python bench/intake.py [N]
"""

import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consent.intake import extract_text  # noqa: E402
from consent.parsing import parse_resume  # noqa: E402
from tests.consent.corpus import corpus  # noqa: E402


def main(n: int) -> dict:
    samples = corpus()
    work = [samples[i % len(samples)] for i in range(n)]
    for sample in samples:  # warm imports and caches once
        parse_resume(extract_text(sample.data, sample.name)[1])

    def extract_only() -> float:
        begun = time.perf_counter()
        for sample in work:
            extract_text(sample.data, sample.name)
        return time.perf_counter() - begun

    def extract_and_parse() -> tuple[float, list[float], dict[str, list[float]]]:
        latencies: list[float] = []
        by_format: dict[str, list[float]] = {}
        begun_all = time.perf_counter()
        for sample in work:
            begun = time.perf_counter()
            _kind, text = extract_text(sample.data, sample.name)
            parse_resume(text)
            elapsed = time.perf_counter() - begun
            latencies.append(elapsed)
            by_format.setdefault(sample.fmt, []).append(elapsed)
        return time.perf_counter() - begun_all, latencies, by_format

    # Best of three rounds each, alternating, so a noisy neighbour on the machine skews both alike.
    floors, runs = [], []
    for _round in range(3):
        floors.append(extract_only())
        runs.append(extract_and_parse())
    floor = min(floors)
    seconds, latencies, by_format = min(runs, key=lambda run: run[0])
    latencies.sort()
    return {
        "bench": "intake",
        "n": n,
        "seconds": round(seconds, 4),
        "resumes_per_second": round(n / seconds, 1),
        "floor_seconds": round(floor, 4),
        "ratio": round(seconds / floor, 3),
        "p50_ms": round(statistics.median(latencies) * 1000, 3),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 3),
        "per_format_p50_ms": {fmt: round(statistics.median(values) * 1000, 3) for fmt, values in sorted(by_format.items())},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 360)))
