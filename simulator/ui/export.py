"""Write a report as PDF (Qt's own text layout and PDF writer), JSON or CSV.

JSON and CSV come from `simulator.storage.exports`, so the app and the CLI
produce the same files. The PDF is written to a temporary name and moved into
place, like the others, so a failed export never leaves half a file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from simulator.core.frameworks import Framework
from simulator.storage import exports

from .report_html import CHART_RESOURCE, report_html

FORMATS = {
    "pdf": ("PDF document (*.pdf)", ".pdf"),
    "json": ("JSON data (*.json)", ".json"),
    "csv": ("Spreadsheet, CSV (*.csv)", ".csv"),
}


def write_pdf(report: Mapping[str, Any], path: Path, frameworks: Mapping[str, Framework],
              chart: QImage | None = None) -> None:
    document = QTextDocument()
    document.setDocumentMargin(0)
    if chart is not None and not chart.isNull():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_RESOURCE),
                             chart)
    document.setHtml(report_html(report, frameworks, with_chart=chart is not None))
    path = Path(path)
    temp = path.with_name(f".{path.name}.tmp")
    writer = QPdfWriter(str(temp))
    writer.setTitle(str(report.get("scenario", {}).get("title", "Rapport report")))
    writer.setCreator("Rapport")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    writer.setResolution(150)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer  # finishes the file
    try:
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise exports.ExportError(f"Rapport could not save {path.name} in {path.parent} "
                                  f"({error.strerror or error}); choose another folder and "
                                  "try again.") from error


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
