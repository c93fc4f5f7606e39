"""Resume intake throughput: text extraction + parsing, resumes per second on this machine.

Runs the 72-resume generated corpus (Chinese and English; PDF, DOCX, text) round after
round until N resumes have been read. `floor_seconds` is extraction alone (pypdf /
python-docx / decode), so `ratio` shows what the parser adds on top. One JSON line:

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
    extract_text(work[0].data, work[0].name)  # warm imports

    floor_start = time.perf_counter()
    for sample in work:
        extract_text(sample.data, sample.name)
    floor = time.perf_counter() - floor_start

    latencies = []
    by_format: dict[str, list[float]] = {}
    start = time.perf_counter()
    for sample in work:
        begun = time.perf_counter()
        _kind, text = extract_text(sample.data, sample.name)
        parse_resume(text)
        elapsed = time.perf_counter() - begun
        latencies.append(elapsed)
        by_format.setdefault(sample.fmt, []).append(elapsed)
    seconds = time.perf_counter() - start
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
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 480)))
