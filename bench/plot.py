#!/usr/bin/env python3
"""Draws bench/scaling.sh's table as an SVG line chart: CPU seconds of the parse-only pass and
of the whole analysis against the number of source lines, with the linear fit through the
origin of the largest point drawn dashed (what "linear growth" would look like).

Usage: plot.py scaling.tsv out.svg  (standard library only: no matplotlib on the build machines)
"""
import csv
import sys
from xml.sax.saxutils import escape


def main(tsv, out):
    with open(tsv, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    def points(column):
        # A run that failed leaves its cell empty: the point is left out, not drawn as zero.
        return [(int(r["lines"]), int(r[column]) / 1000) for r in rows if r[column].strip()]

    series = [
        ("parse only", "#1f77b4", points("parse_cpu_ms")),
        ("analysis", "#d62728", points("analyze_cpu_ms")),
    ]
    xs = [int(r["lines"]) for r in rows]
    width, height, left, right, top, bottom = 640, 400, 70, 20, 40, 60
    xmax = max(xs) * 1.05
    ymax = max(y for s in series for _, y in s[2]) * 1.15 or 1
    px = lambda x: left + (width - left - right) * x / xmax
    py = lambda y: height - bottom - (height - top - bottom) * y / ymax
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="14">'
        "faultlock on java.base subsets: CPU time against input size</text>",
        f'<line x1="{left}" y1="{py(0)}" x2="{width - right}" y2="{py(0)}" stroke="black"/>',
        f'<line x1="{left}" y1="{py(0)}" x2="{left}" y2="{top}" stroke="black"/>',
        f'<text x="{(left + width - right) / 2}" y="{height - 15}" text-anchor="middle">'
        "source lines (thousands)</text>",
        f'<text x="18" y="{(top + height - bottom) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 18 {(top + height - bottom) / 2})">CPU seconds</text>',
    ]
    for i in range(6):
        x = xmax * i / 5
        svg.append(f'<text x="{px(x)}" y="{py(0) + 18}" text-anchor="middle">{x / 1000:.0f}</text>')
        y = ymax * i / 5
        svg.append(f'<text x="{left - 8}" y="{py(y) + 4}" text-anchor="end">{y:.0f}</text>')
        svg.append(f'<line x1="{left}" y1="{py(y)}" x2="{width - right}" y2="{py(y)}" stroke="#ddd"/>')
    for n, (name, color, data) in enumerate(series):
        xs = [x for x, _ in data]
        ys = [y for _, y in data]
        pts = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys))
        svg.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>')
        for x, y in zip(xs, ys):
            svg.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{color}"/>')
            svg.append(f'<text x="{px(x) + 6:.1f}" y="{py(y) - 6:.1f}" fill="{color}">{y:.1f}</text>')
        # Linear through the origin and the largest point.
        slope = ys[-1] / xs[-1]
        svg.append(
            f'<line x1="{px(0)}" y1="{py(0)}" x2="{px(xs[-1]):.1f}" y2="{py(slope * xs[-1]):.1f}" '
            f'stroke="{color}" stroke-dasharray="4 4" stroke-opacity="0.5"/>')
        ly = top + 10 + 18 * n
        svg.append(f'<line x1="{left + 15}" y1="{ly}" x2="{left + 40}" y2="{ly}" stroke="{color}" stroke-width="2"/>')
        svg.append(f'<text x="{left + 46}" y="{ly + 4}">{escape(name)}</text>')
    svg.append(
        f'<text x="{left + 15}" y="{top + 10 + 18 * len(series) + 4}" fill="#666">'
        "dashed: linear growth through the largest point</text>")
    svg.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
