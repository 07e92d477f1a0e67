"""Write a report as PDF (Qt's own text layout and PDF writer), JSON or CSV.

JSON and CSV come from `simulator.storage.exports`, so the app and the CLI
produce the same files. The PDF is written to a temporary name and moved into
place, like the others, so a failed export never leaves half a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from simulator.core.frameworks import Framework
from simulator.storage import exports

from .pdf import write_html_pdf
from .report_html import CHART_RESOURCE, report_html

FORMATS = {
    "pdf": ("PDF document (*.pdf)", ".pdf"),
    "json": ("JSON data (*.json)", ".json"),
    "csv": ("Spreadsheet, CSV (*.csv)", ".csv"),
}


def write_pdf(report: Mapping[str, Any], path: Path, frameworks: Mapping[str, Framework],
              chart: QImage | None = None) -> None:
    with_chart = chart is not None and not chart.isNull()
    write_html_pdf(report_html(report, frameworks, with_chart=with_chart), path,
                   str(report.get("scenario", {}).get("title", "Rapport report")),
                   {CHART_RESOURCE: chart} if with_chart and chart is not None else None)


def write(kind: str, report: Mapping[str, Any], path: Path,
          frameworks: Mapping[str, Framework], chart: QImage | None = None) -> Path:
    """Write the report in one of FORMATS; adds the extension if it is missing."""
    path = Path(path)
    suffix = FORMATS[kind][1]
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    if kind == "pdf":
        write_pdf(report, path, frameworks, chart)
    elif kind == "json":
        exports.write_json(dict(report), path)
    else:
        exports.write_csv(dict(report), path)
    return path
